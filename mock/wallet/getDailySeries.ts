import { dailySeriesSchema } from '../../src/contract/schemas'
import { addDays, dayRange, shanghaiDay } from '../../src/core/time'
import { defineFunction } from '../function'
import { daySeries } from './queries'

/** The caller's credited grams and points per Asia/Shanghai day for the last 7 or 30 days, zeros included. */
export const getDailySeries = defineFunction({
  name: 'getDailySeries',
  schema: dailySeriesSchema,
  auth: 'session',
  transaction: 'read',
  async handle({ days }, { openid }, services) {
    const today = shanghaiDay(services.now())
    const rows = new Map((await daySeries(services.store, openid, addDays(today, -(days - 1)), today)).map((r) => [r.day, r]))
    return { days: dayRange(today, days).map((day) => rows.get(day) ?? { day, gramsCo2e: 0, points: 0 }) }
  },
})
