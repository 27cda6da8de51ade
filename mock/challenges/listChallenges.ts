import { listChallengesSchema } from '../../src/contract/schemas'
import { publicChallenge } from './challenges'
import { defineFunction } from '../function'
import { groupsOf } from './groupQueries'
import { visibleChallenges, participationsOf, getChallenge } from './queries'

const LIMIT = 200

/** mine: joined and not finished; open: visible to me, not finished, not joined; finished: visible and over. */
export const listChallenges = defineFunction({
  name: 'listChallenges',
  schema: listChallengesSchema,
  auth: 'session',
  transaction: 'read',
  async handle({ scope }, { openid }, services) {
    const { store } = services
    const groupIds = (await groupsOf(store, openid)).map((g) => g.id)
    const visible = await visibleChallenges(store, groupIds, LIMIT)
    // The caller's own challenges always: the newest visible ones may be 200 others (a joined one vanished so).
    const listed = new Set(visible.map((c) => c.id))
    for (const p of await participationsOf(store, openid)) {
      if (p.leftMs !== undefined || listed.has(p.challengeId)) continue
      const c = await getChallenge(store, p.challengeId)
      if (c) visible.push(c)
    }
    const all = await Promise.all(visible.map((c) => publicChallenge(services, c, openid)))
    const challenges = all.filter((c) =>
      scope === 'finished' ? c.status === 'finished' : scope === 'mine' ? c.joined && c.status !== 'finished' : !c.joined && c.status !== 'finished',
    )
    return { challenges }
  },
})
