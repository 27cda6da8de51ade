import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { publicReward } from '../rewards'

/** Residents see active rewards; organizers also see inactive ones, to edit them. */
export const listRewards = defineFunction({
  name: 'listRewards',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, { openid, roles }, services) {
    const held = await services.store.heldRedemptionCounts(openid)
    const rewards = await services.store.listRewards(roles.includes('organizer'))
    return { rewards: rewards.map((r) => publicReward(r, held.get(r.id) ?? 0)) }
  },
})
