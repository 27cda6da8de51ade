import { stockToSave } from '../../src/core/counters'
import { REWARD_LIMITS } from '../../src/contract/constants'
import { upsertRewardSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { communityToSave, requireCommunity } from '../communities/communities'
import { defineFunction, requireScope } from '../function'
import { conflict } from '../transitions'
import { publicReward, saveReward } from './rewards'
import { getReward, heldRedemptionCounts } from './queries'

const REWARD_CHANGED = conflict(
  'This reward was changed a moment ago (by another organizer, or a redemption took from its stock): nothing was saved. Open it again and redo your change.',
  { reason: 'reward.changedMeanwhile' },
)

/** Creates a reward (no id) or replaces the editable fields of an existing one (organizers only). */
export const upsertReward = defineFunction({
  name: 'upsertReward',
  schema: upsertRewardSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const existing = req.id === undefined ? undefined : await getReward(store, req.id)
    if (req.id !== undefined && !existing) throw new CloudError('NOT_FOUND', `No reward with id ${req.id}.`, { reason: 'reward.notFound' })
    if (existing) requireScope(who, existing.communityId, 'reward')
    // A merchant's offer is stocked through upsertOffer (its staff or its registrar), where its subsidy is checked.
    if (existing && existing.merchantId !== '')
      throw new CloudError('PERMISSION_DENIED', 'This reward is a merchant’s offer: change it on the merchant’s page.', { reason: 'reward.merchantOffer' })
    const communityId = communityToSave(who, req.communityId, existing?.communityId, 'A community organizer stocks rewards for their own community only.', {
      reason: 'ownCommunityOnly.rewards',
    })
    await requireCommunity(services, communityId)
    const reward = {
      id: existing?.id ?? services.newId('rw'),
      title: req.title,
      // An old client sends no English fields: it keeps the English name, not wipes it ('' clears it).
      titleEn: req.titleEn ?? existing?.titleEn ?? '',
      description: req.description ?? existing?.description ?? '',
      descriptionEn: req.descriptionEn ?? existing?.descriptionEn ?? '',
      imageUrl: req.imageUrl ?? existing?.imageUrl,
      pointsCost: req.pointsCost,
      stock: stockToSave(existing?.stock, req.stock, req.stockWas, REWARD_LIMITS.maxStock),
      perUserLimit: req.perUserLimit ?? existing?.perUserLimit ?? REWARD_LIMITS.defaultPerUserLimit,
      validDays: req.validDays ?? existing?.validDays ?? REWARD_LIMITS.defaultValidDays,
      active: req.active ?? existing?.active ?? true,
      communityId,
      merchantId: '',
      subsidyFen: 0,
    }
    await saveReward(store, existing, reward, REWARD_CHANGED)
    return { reward: publicReward(reward, (await heldRedemptionCounts(store, who.openid)).get(reward.id) ?? 0) }
  },
})
