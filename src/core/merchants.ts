/**
 * Merchants (issue 24 item 5): who acts for one, what its offers cost the city, and its monthly settlement, as
 * pure rules. A merchant is a partner of kind `merchant`; it belongs to one community (its organizers manage it)
 * or to the whole city (communityId ''), as the city organizer sets on its counter. Its staff are residents
 * appointed to that one merchant: they hand out its vouchers and read its settlement, nothing else.
 */
import { canActOn, type OrganizerScope } from './community'

export const MERCHANT_LIMITS = {
  maxAddressChars: 100,
  maxHoursChars: 60,
  /** the city pays at most this per voucher handed out (¥500.00), in fen */
  maxSubsidyFen: 50_000,
  /** staff of one merchant at most: a shop's counter, not a workforce */
  maxStaff: 50,
  /** vouchers one settlement reads: a busy café hands out a few hundred a month; past this the read refuses */
  maxSettlementVouchers: 20_000,
} as const

/** Who may appoint or remove a merchant's staff and edit its counter: a city organizer, or one of its community. */
export function mayManageMerchant(scope: OrganizerScope | undefined, merchantCommunityId: string): boolean {
  return scope !== undefined && canActOn(scope, merchantCommunityId)
}

/** Who may stock a merchant's offers: its staff, or the organizer who registered the merchant (while still an organizer). */
export function mayStockOffers(caller: { openid: string; isStaff: boolean; isOrganizer: boolean }, registeredBy: string): boolean {
  return caller.isStaff || (caller.isOrganizer && caller.openid === registeredBy)
}

/** The Asia/Shanghai month 'YYYY-MM' and the next one: a voucher closed at a Shanghai ISO instant t is in it when month ≤ t < next. */
export function monthBounds(month: string): { from: string; until: string } {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return { from: month, until: next }
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
}

export interface SettledVoucher {
  offerTitle: string
  verifiedAt: string
  pointsCost: number
  subsidyFen: number
}

export interface SettlementTotals {
  vouchers: number
  subsidyFen: number
  /** points residents paid for these vouchers: retired from circulation, paid to no one */
  pointsRetired: number
}

/** What the city owes a merchant for a month: the sum of each handed-out voucher's own subsidy (integers only). */
export function settle(vouchers: readonly SettledVoucher[]): SettlementTotals {
  let subsidyFen = 0
  let pointsRetired = 0
  for (const v of vouchers) {
    if (!Number.isSafeInteger(v.subsidyFen) || v.subsidyFen < 0) throw new Error(`a voucher's subsidy must be whole fen, not ${v.subsidyFen}`)
    subsidyFen += v.subsidyFen
    pointsRetired += v.pointsCost
  }
  return { vouchers: vouchers.length, subsidyFen, pointsRetired }
}

/** Fen as yuan for a person to read (CSV and pages): 1234 → '12.34'. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Yuan as a person types it ('5', '5.5', '5.50') as whole fen, or undefined when it is not such an amount. */
export function fenFromYuanText(text: string): number | undefined {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
