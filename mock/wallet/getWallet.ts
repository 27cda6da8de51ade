import { emptySchema } from '../../src/contract/schemas'
import { streakDays } from '../../src/core/streak'
import { addDays, shanghaiDay } from '../../src/core/time'
import { defineFunction } from '../function'
import { publicWallet } from './ledger'
import { dayTotals, checkInDaysSince, dayByFactor } from './queries'

/** How far back a streak is looked for: bounded, so a long history never makes this call slow. */
const STREAK_LOOKBACK_DAYS = 400

export const getWallet = defineFunction({
  name: 'getWallet',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    const today = shanghaiDay(services.now())
    const { store } = services
    const totals = await dayTotals(store, openid, today)
    const days = new Set(await checkInDaysSince(store, openid, addDays(today, -STREAK_LOOKBACK_DAYS)))
    return {
      wallet: await publicWallet(services, openid),
      today: { day: today, gramsCo2e: totals.gramsCo2e, points: totals.points },
      streakDays: streakDays(days, today),
      todayByFactor: await dayByFactor(store, openid, today),
    }
  },
})
