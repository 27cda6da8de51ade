import { emptySchema } from '../../src/contract/schemas'
import type { BadgeId } from '../../src/contract/types'
import { streakDays } from '../../src/core/streak'
import { addDays, shanghaiDay } from '../../src/core/time'
import { defineFunction, inTransaction } from '../function'
import { publicWallet } from '../ledger'

const LOOKBACK_DAYS = 400

/** Streaks and badges, computed from ledger facts every time (nothing to drift). */
export const getAchievements = defineFunction({
  name: 'getAchievements',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, { openid }, services) {
    return inTransaction(services, async (services) => {
      const { store } = services
      const today = shanghaiDay(services.now())
      const days = await store.checkInDaysSince(openid, addDays(today, -LOOKBACK_DAYS))
      const set = new Set(days)
      let longest = 0
      for (const d of days) {
        if (set.has(addDays(d, 1))) continue // not the end of a run
        let run = 0
        for (let x = d; set.has(x); x = addDays(x, -1)) run++
        longest = Math.max(longest, run)
      }
      const earned: Record<BadgeId, boolean> = {
        first_checkin: days.length > 0,
        kg10: (await publicWallet(services, openid)).gramsCo2eTotal >= 10_000,
        streak7: longest >= 7,
        challenge_done: await store.hasBonus(openid),
      }
      return {
        streakDays: streakDays(set, today),
        longestStreakDays: longest,
        badges: (Object.keys(earned) as BadgeId[]).map((id) => ({ id, earned: earned[id] })),
      }
    })
  },
})
