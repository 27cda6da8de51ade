/** What the merchant functions share: finding a merchant, who may act for it, and its public shapes. */
import type { MerchantView, OfferMerchant, StaffMember } from '../../src/contract/merchant'
import { mayManageMerchant, mayStockOffers } from '../../src/core/merchants'
import { CloudError } from '../errors'
import type { CallerContext, Services } from '../function'
import { getPartner, type PartnerRecord } from '../partners/queries'
import { getMerchant, isStaffOf, staffOf, type MerchantRecord } from './queries'

export interface Merchant {
  partner: PartnerRecord
  /** its counter, once an organizer has described it */
  counter?: MerchantRecord
}

/** A partner of kind merchant, or NOT_FOUND (another kind of partner is not a merchant). */
export async function merchantOrNotFound(services: Services, merchantId: string): Promise<Merchant> {
  const partner = await getPartner(services.store, merchantId)
  if (!partner || partner.kind !== 'merchant') throw new CloudError('NOT_FOUND', `No merchant with id ${merchantId}.`, { reason: 'merchant.notFound' })
  return { partner, counter: await getMerchant(services.store, merchantId) }
}

/** A city organizer, or an organizer of the merchant's community: appoints its staff, describes its counter. */
export function requireManager(who: CallerContext, m: Merchant): void {
  if (!mayManageMerchant(who.organizerScope, m.partner.communityId)) {
    throw new CloudError(
      'PERMISSION_DENIED',
      'This merchant belongs to another community (or to the whole city): only its own or a city organizer manages it.',
      {
        reason: 'merchant.notYours',
      },
    )
  }
}

/** One of the merchant's staff now (an appointment removed a moment ago no longer counts). */
export async function requireStaff(services: Services, who: CallerContext, m: Merchant): Promise<void> {
  if (!(await isStaffOf(services.store, m.partner.id, who.openid))) {
    throw new CloudError('PERMISSION_DENIED', 'Only this merchant’s staff can do this.', { reason: 'merchant.notStaff' })
  }
}

/** Its staff, or the organizer who registered it. */
export async function requireStocker(services: Services, who: CallerContext, m: Merchant): Promise<void> {
  const isStaff = await isStaffOf(services.store, m.partner.id, who.openid)
  if (!mayStockOffers({ openid: who.openid, isStaff, isOrganizer: who.roles.includes('organizer') }, m.partner.createdBy)) {
    throw new CloudError('PERMISSION_DENIED', 'Only this merchant’s staff or the organizer who registered it can stock its offers.', {
      reason: 'merchant.notStocker',
    })
  }
}

/** Its staff, or an organizer who manages it: who may read its settlement. */
export async function requireSettlementReader(services: Services, who: CallerContext, m: Merchant): Promise<void> {
  if (mayManageMerchant(who.organizerScope, m.partner.communityId)) return
  await requireStaff(services, who, m)
}

/** A merchant's offers are handed out at a counter residents can find: none is stocked before it is described. */
export function requireCounter(m: Merchant): MerchantRecord {
  if (!m.counter) {
    throw new CloudError('CONFLICT', 'Describe the merchant’s counter (address, opening hours, location) before stocking its offers.', {
      reason: 'merchant.noCounter',
    })
  }
  return m.counter
}

export function offerMerchant(partner: PartnerRecord, counter: MerchantRecord): OfferMerchant {
  return {
    name: partner.name,
    address: counter.address,
    openingHours: counter.openingHours,
    latitude: counter.latitudeE6 / 1e6,
    longitude: counter.longitudeE6 / 1e6,
  }
}

export function merchantView(m: Merchant, caller: { staff: boolean; mayStock: boolean }): MerchantView {
  const counter = m.counter ?? { partnerId: m.partner.id, address: '', openingHours: '', latitudeE6: 0, longitudeE6: 0 }
  return {
    id: m.partner.id,
    communityId: m.partner.communityId,
    ...offerMerchant(m.partner, counter),
    staff: caller.staff,
    mayStock: caller.mayStock,
    ...(m.partner.revokedAt ? { revokedAt: m.partner.revokedAt } : {}),
  }
}

/** A merchant's staff as its organizers see them. */
export async function staffList(services: Services, merchantId: string): Promise<StaffMember[]> {
  return (await staffOf(services.store, merchantId)).map((s) => ({ openid: s.openid, nickname: s.nickname, appointedAt: s.appointedAt }))
}
