import { emptySchema } from '../../src/contract/schemas'
import { canActOn, offeredTo } from '../../src/core/community'
import { defineFunction } from '../function'
import { publicReward } from './rewards'
import { heldRedemptionCounts, listRewards as listRewardsQuery } from './queries'
import { communityOf } from '../communities/queries'

/**
 * Residents see the active rewards offered to them (city-wide and their community's); organizers also see the
 * rewards they may edit, inactive ones included.
 */
export const listRewards = defineFunction({
  name: 'listRewards',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid, organizerScope }, services) {
    const held = await heldRedemptionCounts(services.store, openid)
    const { communityId } = await communityOf(services.store, openid)
    const rewards = (await listRewardsQuery(services.store, organizerScope !== undefined)).filter(
      (r) => (organizerScope && canActOn(organizerScope, r.communityId)) || (r.active && offeredTo(r.communityId, communityId)),
    )
    return { rewards: rewards.map((r) => publicReward(r, held.get(r.id) ?? 0)) }
  },
})
