import { dayRangeSchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { checkRange } from '../stats'

/** Totals by Asia/Shanghai day, behaviour and station, and redemptions by reward (organizers only). */
export const getImpactStats = defineFunction({
  name: 'getImpactStats',
  schema: dayRangeSchema,
  auth: 'organizer',
  async handle(req, _caller, services) {
    checkRange(req)
    return { fromDay: req.fromDay, toDay: req.toDay, ...await services.store.impactStats(req.fromDay, req.toDay) }
  },
})
