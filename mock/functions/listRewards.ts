import { emptySchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction } from '../function'
import { publicReward } from '../rewards'

/** Residents see active rewards; organizers also see inactive ones, to edit them. */
export const listRewards: CloudFunction<'listRewards'> = {
  name: 'listRewards',
  requiresSession: true,
  async handle(data, caller, services) {
    parse(emptySchema, data)
    const { openid, roles } = requireCaller(caller)
    const held = await services.store.heldRedemptionCounts(openid)
    const rewards = await services.store.listRewards(roles.includes('organizer'))
    return { rewards: rewards.map((r) => publicReward(r, held.get(r.id) ?? 0)) }
  },
}
