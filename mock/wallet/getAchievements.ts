import { emptySchema } from '../../src/contract/schemas'
import { badgeStates, runs } from '../../src/core/badges'
import { streakDays } from '../../src/core/streak'
import { addDays, shanghaiDay } from '../../src/core/time'
import { defineFunction } from '../function'
import { publicWallet } from './ledger'
import { checkInDaysSince, daySeries } from './queries'
import { firstCompletionMs } from '../challenges/queries'

const LOOKBACK_DAYS = 400

/** Streaks and badges, with the day each was earned, computed from ledger facts every time (nothing to drift). */
export const getAchievements = defineFunction({
  name: 'getAchievements',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    const { store } = services
    const today = shanghaiDay(services.now())
    const windowStartDay = addDays(today, -LOOKBACK_DAYS)
    const days = await checkInDaysSince(store, openid, windowStartDay)
    const completedMs = await firstCompletionMs(store, openid)
    const badges = badgeStates({
      checkInDays: days,
      dayGrams: await daySeries(store, openid, windowStartDay, today),
      totalGrams: (await publicWallet(services, openid)).gramsCo2eTotal,
      firstCompletionDay: completedMs === null ? null : shanghaiDay(completedMs),
      windowStartDay,
    })
    return {
      streakDays: streakDays(new Set(days), today),
      longestStreakDays: runs(days, 1).longest,
      badges,
    }
  },
})
