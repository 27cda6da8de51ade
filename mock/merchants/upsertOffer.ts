import { stockToSave } from '../../src/core/counters'
import { upsertOfferSchema } from '../../src/contract/merchant'
import { REWARD_LIMITS } from '../../src/contract/constants'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { publicReward, saveReward } from '../rewards/rewards'
import { getReward, heldRedemptionCounts } from '../rewards/queries'
import { mayManageMerchant } from '../../src/core/merchants'
import { conflict } from '../transitions'
import { merchantOrNotFound, offerMerchant, requireCounter, requireStocker } from './merchants'

const OFFER_CHANGED = conflict(
  'This offer was changed a moment ago (by someone else, or a voucher took from its stock): nothing was saved. Open it again and redo your change.',
  { reason: 'merchant.offerChangedMeanwhile' },
)

/**
 * Creates (no id) or replaces a merchant's offer: a reward that belongs to the merchant, offered where the merchant
 * is (its community, or the whole city), funded with its goods. Residents' points for it are retired, paid to no
 * one; the city pays the merchant `subsidyFen` per voucher its staff hand out. Its staff or the organizer who
 * registered it stock it.
 */
export const upsertOffer = defineFunction({
  name: 'upsertOffer',
  schema: upsertOfferSchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const m = await merchantOrNotFound(services, req.merchantId)
    await requireStocker(services, who, m)
    const counter = requireCounter(m)
    if (m.partner.revokedAt)
      throw new CloudError('CONFLICT', 'This merchant no longer takes part: its offers cannot be stocked.', { reason: 'merchant.revoked' })
    const existing = req.id === undefined ? undefined : await getReward(store, req.id)
    // Another merchant's offer or one of the city's rewards reads as absent here: nothing about it is told.
    if (req.id !== undefined && (!existing || existing.merchantId !== m.partner.id))
      throw new CloudError('NOT_FOUND', 'This merchant has no such offer.', { reason: 'merchant.noSuchOffer' })
    // The city pays the subsidy, so the shop does not set it: only an organizer who manages the merchant changes it.
    if (req.subsidyFen !== (existing?.subsidyFen ?? 0) && !mayManageMerchant(who.organizerScope, m.partner.communityId)) {
      throw new CloudError('PERMISSION_DENIED', 'Only an organizer who manages this merchant sets the city’s subsidy per voucher.', {
        reason: 'merchant.subsidyManagersOnly',
      })
    }
    const offer = {
      id: existing?.id ?? services.newId('rw'),
      title: req.title,
      titleEn: req.titleEn ?? existing?.titleEn ?? '',
      description: req.description ?? existing?.description ?? '',
      descriptionEn: req.descriptionEn ?? existing?.descriptionEn ?? '',
      pointsCost: req.pointsCost,
      stock: stockToSave(existing?.stock, req.stock, req.stockWas, REWARD_LIMITS.maxStock),
      perUserLimit: req.perUserLimit ?? existing?.perUserLimit ?? REWARD_LIMITS.defaultPerUserLimit,
      validDays: req.validDays ?? existing?.validDays ?? REWARD_LIMITS.defaultValidDays,
      active: req.active ?? existing?.active ?? true,
      communityId: m.partner.communityId,
      merchantId: m.partner.id,
      subsidyFen: req.subsidyFen,
    }
    await saveReward(store, existing, offer, OFFER_CHANGED)
    const held = (await heldRedemptionCounts(store, who.openid)).get(offer.id) ?? 0
    return { reward: { ...publicReward(offer, held), merchant: { id: m.partner.id, ...offerMerchant(m.partner, counter) } } }
  },
})
