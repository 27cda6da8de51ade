import { leaderboardSchema } from '../../src/contract/schemas'
import type { LeaderboardRow } from '../../src/contract/types'
import { fromUnits } from '../../src/core/challenge'
import { defineFunction } from '../function'
import { visibleChallenge } from './challenges'
import { topParticipants, getParticipant, rankOf, participantCount, groupTotals } from './queries'

/**
 * Top N by value, ties to whoever got there first, plus my own row wherever I stand, plus group totals.
 * Both the top and my rank are range scans of one index, so 100,000 participants stay cheap.
 */
export const getLeaderboard = defineFunction({
  name: 'getLeaderboard',
  schema: leaderboardSchema,
  auth: 'session',
  transaction: 'read',
  async handle({ challengeId, limit = 20 }, who, services) {
    const { store } = services
    const c = await visibleChallenge(services, who, challengeId)
    const reached = (value: number) => c.targetMember !== undefined && value >= c.targetMember
    const rows: LeaderboardRow[] = (await topParticipants(store, challengeId, limit)).map((p, i) => ({
      rank: i + 1,
      nickname: p.nickname,
      value: fromUnits(c.metric, p.value),
      isMe: p.openid === who.openid,
      reached: reached(p.value),
    }))
    const mine = await getParticipant(store, challengeId, who.openid)
    const me: LeaderboardRow | null = mine
      ? (rows.find((r) => r.isMe) ?? {
          rank: await rankOf(store, challengeId, mine.value, mine.valueMs),
          nickname: who.nickname,
          value: fromUnits(c.metric, mine.value),
          isMe: true,
          reached: reached(mine.value),
        })
      : null
    return {
      challengeId,
      participants: await participantCount(store, challengeId),
      rows,
      me,
      groups: (await groupTotals(store, challengeId)).map((g) => ({ ...g, value: fromUnits(c.metric, g.value) })),
    }
  },
})
