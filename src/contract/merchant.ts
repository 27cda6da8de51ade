/**
 * Merchants in the contract (issue 24 item 5): a merchant partner's counter, its staff, its offers (rewards that
 * belong to it, funded with goods, with the city's subsidy per voucher in fen), the desk its staff verify at and its
 * monthly settlement. Zod schemas for the cloud; the app imports only the types.
 */
import { z } from 'zod'
import { MERCHANT_LIMITS, isMonth } from '../core/merchants'
import { REWARD_LIMITS } from './constants'
import { degrees, entityId, freeText, intIn, upsertRewardSchema, verifyRedemptionSchema } from './schemas'
import type { Redemption, Reward } from './types'

const merchantId = z.string().regex(/^pt_[A-Za-z0-9_-]{6,40}$/, 'merchantId must be a merchant partner id (pt_…)')
const month = z.string().refine(isMonth, 'month must be an Asia/Shanghai month written YYYY-MM')

export const upsertMerchantSchema = z.strictObject({
  merchantId,
  address: freeText('address', MERCHANT_LIMITS.maxAddressChars),
  openingHours: freeText('openingHours', MERCHANT_LIMITS.maxHoursChars),
  latitude: degrees('latitude', 90),
  longitude: degrees('longitude', 180),
  /** the community whose organizers manage it and whose residents see its offers; '' the whole city (city organizers only) */
  communityId: z.union([z.literal(''), entityId('communityId')]).optional(),
})
export const merchantIdSchema = z.strictObject({ merchantId })
export const merchantStaffSchema = z.strictObject({ merchantId, openid: entityId('openid') })
export const upsertOfferSchema = z.strictObject({
  merchantId,
  id: entityId('id').optional(),
  title: freeText('title', REWARD_LIMITS.maxTitleChars),
  /** the English name and text beside the Chinese ones (issue 23's bilingual names: absent keeps, '' clears) */
  titleEn: upsertRewardSchema.shape.titleEn,
  description: freeText('description', REWARD_LIMITS.maxDescriptionChars, { min: 0, lines: true }).optional(),
  descriptionEn: upsertRewardSchema.shape.descriptionEn,
  pointsCost: intIn('pointsCost', 1, REWARD_LIMITS.maxPointsCost),
  stock: intIn('stock', 0, REWARD_LIMITS.maxStock),
  stockWas: upsertRewardSchema.shape.stockWas,
  perUserLimit: intIn('perUserLimit', 1, REWARD_LIMITS.maxPerUserLimit).optional(),
  validDays: intIn('validDays', 1, REWARD_LIMITS.maxValidDays).optional(),
  active: z.boolean({ error: 'active must be true or false' }).optional(),
  /** what the city pays the merchant per voucher handed out, in fen (0: none) */
  subsidyFen: intIn('subsidyFen', 0, MERCHANT_LIMITS.maxSubsidyFen),
})
export const verifyOfferSchema = z.strictObject({ merchantId, code: verifyRedemptionSchema.shape.code })
export const merchantMonthSchema = z.strictObject({ merchantId, month })

export type UpsertMerchantRequest = z.infer<typeof upsertMerchantSchema>
export type MerchantIdRequest = z.infer<typeof merchantIdSchema>
export type MerchantStaffRequest = z.infer<typeof merchantStaffSchema>
export type UpsertOfferRequest = z.infer<typeof upsertOfferSchema>
export type VerifyOfferRequest = z.input<typeof verifyOfferSchema>
export type MerchantMonthRequest = z.infer<typeof merchantMonthSchema>

/** Where a merchant's offers are handed out, as a resident sees it beside an offer. */
export interface OfferMerchant {
  name: string
  address: string
  openingHours: string
  latitude: number
  longitude: number
}

/** A merchant as its organizers and staff see it. */
export interface MerchantView extends OfferMerchant {
  id: string
  communityId: string
  /** the caller is one of its staff */
  staff: boolean
  /** the caller may stock its offers (its staff, or the organizer who registered it) */
  mayStock: boolean
  revokedAt?: string
}

export interface StaffMember {
  openid: string
  nickname: string
  appointedAt: string
}

export interface SettlementLine {
  offerTitle: string
  verifiedAt: string
  pointsCost: number
  subsidyFen: number
}

/** A merchant's month (Asia/Shanghai): the vouchers its staff handed out and what the city owes for them. */
export interface MerchantSettlement {
  merchantId: string
  merchantName: string
  month: string
  vouchers: number
  subsidyFen: number
  /** points residents paid for these vouchers: retired, paid to no one */
  pointsRetired: number
  lines: SettlementLine[]
}

export interface MerchantFunctions {
  upsertMerchant: { req: UpsertMerchantRequest; res: { merchant: MerchantView } }
  listMerchantStaff: { req: MerchantIdRequest; res: { staff: StaffMember[] } }
  appointMerchantStaff: { req: MerchantStaffRequest; res: { staff: StaffMember[] } }
  removeMerchantStaff: { req: MerchantStaffRequest; res: { staff: StaffMember[] } }
  listMyMerchants: { req: Record<string, never>; res: { merchants: MerchantView[] } }
  listMerchantOffers: { req: MerchantIdRequest; res: { rewards: Reward[] } }
  upsertOffer: { req: UpsertOfferRequest; res: { reward: Reward } }
  verifyOffer: { req: VerifyOfferRequest; res: { redemption: Redemption; subsidyFen: number } }
  getMerchantSettlement: { req: MerchantMonthRequest; res: MerchantSettlement }
  exportMerchantSettlementCsv: { req: MerchantMonthRequest; res: { filename: string; csv: string } }
}
