import { emptySchema } from '../../src/contract/schemas'
import { canActOn, offeredTo } from '../../src/core/community'
import { defineFunction } from '../function'
import { publicReward } from '../rewards'

/**
 * Residents see the active rewards offered to them (city-wide and their community's); organizers also see the
 * rewards they may edit, inactive ones included.
 */
export const listRewards = defineFunction({
  name: 'listRewards',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, { openid, organizerScope }, services) {
    const held = await services.store.heldRedemptionCounts(openid)
    const { communityId } = await services.store.communityOf(openid)
    const rewards = (await services.store.listRewards(organizerScope !== undefined)).filter(
      (r) => (organizerScope && canActOn(organizerScope, r.communityId)) || (r.active && offeredTo(r.communityId, communityId)),
    )
    return { rewards: rewards.map((r) => publicReward(r, held.get(r.id) ?? 0)) }
  },
})
