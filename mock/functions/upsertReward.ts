import { REWARD_LIMITS } from '../../src/contract/constants'
import { upsertRewardSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction, inTransaction } from '../function'
import { publicReward } from '../rewards'

/** Creates a reward (no id) or replaces the editable fields of an existing one (organizers only). */
export const upsertReward = defineFunction({
  name: 'upsertReward',
  schema: upsertRewardSchema,
  auth: 'organizer',
  async handle(req, who, services) {
    return inTransaction(services, async (services) => {
      const { store } = services
      const existing = req.id === undefined ? undefined : await store.getReward(req.id)
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
      await store.saveReward(reward)
      return { reward: publicReward(reward, (await store.heldRedemptionCounts(who.openid)).get(reward.id) ?? 0) }
    })
  },
})
