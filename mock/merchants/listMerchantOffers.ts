import { merchantIdSchema } from '../../src/contract/merchant'
import { defineFunction } from '../function'
import { publicReward } from '../rewards/rewards'
import { getReward } from '../rewards/queries'
import { merchantOrNotFound, offerMerchant, requireStocker } from './merchants'
import { offerIdsOf } from './queries'

/** A merchant's offers, inactive ones too, for those who stock them (at most 1,000: active first). */
export const listMerchantOffers = defineFunction({
  name: 'listMerchantOffers',
  schema: merchantIdSchema,
  auth: 'session',
  transaction: 'read',
  async handle(req, who, services) {
    const m = await merchantOrNotFound(services, req.merchantId)
    await requireStocker(services, who, m)
    const merchant = m.counter ? { merchant: { id: m.partner.id, ...offerMerchant(m.partner, m.counter) } } : {}
    const rewards = []
    for (const id of await offerIdsOf(services.store, m.partner.id)) {
      const r = await getReward(services.store, id)
      if (r) rewards.push({ ...publicReward(r, 0), ...merchant })
    }
    return { rewards }
  },
})
