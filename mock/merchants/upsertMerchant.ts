import { upsertMerchantSchema } from '../../src/contract/merchant'
import { mayStockOffers } from '../../src/core/merchants'
import { toShanghaiIso } from '../../src/core/time'
import { requireCommunity } from '../communities/communities'
import { defineFunction, requireCityScope } from '../function'
import { merchantOrNotFound, merchantView, requireManager } from './merchants'
import { isStaffOf, saveMerchant, setMerchantCommunity } from './queries'

/**
 * Describes a merchant's counter (address, opening hours, where it is) for residents and, a city organizer only,
 * places it in a community ('' the whole city): its organizers then manage it and its residents see its offers.
 */
export const upsertMerchant = defineFunction({
  name: 'upsertMerchant',
  schema: upsertMerchantSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const m = await merchantOrNotFound(services, req.merchantId)
    requireManager(who, m)
    if (req.communityId !== undefined && req.communityId !== m.partner.communityId) {
      requireCityScope(who, 'move a merchant to another community', { reason: 'cityOnly.merchantCommunity' })
      await requireCommunity(services, req.communityId)
      await setMerchantCommunity(store, m.partner.id, req.communityId)
    }
    const counter = {
      partnerId: m.partner.id,
      address: req.address,
      openingHours: req.openingHours,
      latitudeE6: Math.round(req.latitude * 1e6),
      longitudeE6: Math.round(req.longitude * 1e6),
    }
    await saveMerchant(store, counter, who.openid, toShanghaiIso(services.now()))
    const partner = { ...m.partner, communityId: req.communityId ?? m.partner.communityId }
    const staff = await isStaffOf(store, partner.id, who.openid)
    return {
      merchant: merchantView(
        { partner, counter },
        { staff, mayStock: mayStockOffers({ openid: who.openid, isStaff: staff, isOrganizer: true }, partner.createdBy) },
      ),
    }
  },
})
