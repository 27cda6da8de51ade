import { REWARD_LIMITS } from '../../src/contract/constants'
import { upsertRewardSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { parse, requireCaller, type CloudFunction } from '../function'
import { publicReward, requireOrganizer } from '../rewards'

/** Creates a reward (no id) or replaces the editable fields of an existing one (organizers only). */
export const upsertReward: CloudFunction<'upsertReward'> = {
  name: 'upsertReward',
  requiresSession: true,
  handle(data, caller, services) {
    const req = parse(upsertRewardSchema, data)
    const who = requireCaller(caller)
    requireOrganizer(who)
    const { store } = services
    return store.transaction(() => {
      const existing = req.id === undefined ? undefined : store.getReward(req.id)
      if (req.id !== undefined && !existing) throw new CloudError('NOT_FOUND', `No reward with id ${req.id}.`)
      const reward = {
        id: existing?.id ?? services.newId('rw'),
        title: req.title,
        description: req.description ?? existing?.description ?? '',
        imageUrl: req.imageUrl ?? existing?.imageUrl,
        pointsCost: req.pointsCost,
        stock: req.stock,
        perUserLimit: req.perUserLimit ?? existing?.perUserLimit ?? REWARD_LIMITS.defaultPerUserLimit,
        validDays: req.validDays ?? existing?.validDays ?? REWARD_LIMITS.defaultValidDays,
        active: req.active ?? existing?.active ?? true,
      }
      store.saveReward(reward)
      return { reward: publicReward(reward, store.heldRedemptionCounts(who.openid).get(reward.id) ?? 0) }
    })
  },
}
