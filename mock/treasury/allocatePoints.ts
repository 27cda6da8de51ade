import { allocatePointsSchema } from '../../src/contract/schemas'
import { CITY_PURSE } from '../../src/core/treasury'
import { requireCommunity } from '../communities/communities'
import { defineIdempotentFunction, requireCityScope } from '../function'
import { allocate, treasuryView } from './treasury'

/**
 * A city organizer moves treasury points into a community's allowance (what its organizers' events and
 * challenges are funded from) or into the city's own purse: a recorded transfer, exactly once per requestId.
 */
export const allocatePoints = defineIdempotentFunction({
  name: 'allocatePoints',
  schema: allocatePointsSchema,
  auth: 'organizer',
  transaction: 'write',
  idempotent: {
    before: (_req, who) => requireCityScope(who, "allocate the treasury's points", { reason: 'cityOnly.allocate' }),
    replay: (_recorded, _req, who, services) => treasuryView(services, who),
  },
  async handle(req, who, services) {
    if (req.communityId !== CITY_PURSE) await requireCommunity(services, req.communityId)
    const ref = await allocate(services, who, req.communityId, req.points, req.reason)
    return { answer: await treasuryView(services, who), ref }
  },
})
