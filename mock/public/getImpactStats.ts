import { dayRangeSchema } from '../../src/contract/schemas'
import { scopedCommunity } from '../../src/core/community'
import { defineFunction, scopeOf } from '../function'
import { checkRange } from './stats'
import { impactStats } from './queries'

/** Totals by Asia/Shanghai day, behaviour and station, and redemptions by reward (organizers only). */
export const getImpactStats = defineFunction({
  name: 'getImpactStats',
  schema: dayRangeSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(req, who, services) {
    checkRange(req)
    const communityId = scopedCommunity(scopeOf(who), req.communityId)
    return { fromDay: req.fromDay, toDay: req.toDay, ...(await impactStats(services.store, req.fromDay, req.toDay, communityId)) }
  },
})
