import { allocatePointsSchema } from '../../src/contract/schemas'
import { CITY_PURSE } from '../../src/core/treasury'
import { requireCommunity } from '../communities/communities'
import { defineFunction, inTransaction, requireCityScope } from '../function'
import { lockAndReplay, payloadHash } from '../idempotency'
import { allocate, treasuryView } from './treasury'
import { saveRequest } from '../wallet/queries'

/**
 * A city organizer moves treasury points into a community's allowance (what its organizers' events and
 * challenges are funded from) or into the city's own purse: a recorded transfer, exactly once per requestId.
 */
export const allocatePoints = defineFunction({
  name: 'allocatePoints',
  schema: allocatePointsSchema,
  auth: 'organizer',
  async handle(req, who, services) {
    requireCityScope(who, "allocate the treasury's points")
    const hash = payloadHash('allocatePoints', req)
    await inTransaction(services, async (services) => {
      const previous = await lockAndReplay(services.store, who.openid, req.requestId, 'allocatePoints', hash)
      if (previous) return
      if (req.communityId !== CITY_PURSE) await requireCommunity(services, req.communityId)
      const id = await allocate(services, who, req.communityId, req.points, req.reason)
      await saveRequest(services.store, who.openid, req.requestId, { fn: 'allocatePoints', payloadHash: hash, resultRef: id, capped: false })
    })
    return treasuryView(services, who)
  },
})
