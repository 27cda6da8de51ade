/** A merchant's month, read once for the page and the CSV. */
import type { MerchantSettlement } from '../../src/contract/merchant'
import { monthBounds, settle } from '../../src/core/merchants'
import type { CallerContext, Services } from '../function'
import { merchantOrNotFound, requireSettlementReader } from './merchants'
import { handedOutIn } from './queries'

/**
 * Every voucher the merchant's staff handed out in the Asia/Shanghai month, each with the subsidy written on it
 * then, and the totals: a read in a snapshot (no sum in a write transaction), every row or a refusal past the bound.
 */
export async function merchantSettlement(services: Services, who: CallerContext, merchantId: string, month: string): Promise<MerchantSettlement> {
  const m = await merchantOrNotFound(services, merchantId)
  await requireSettlementReader(services, who, m)
  const { from, until } = monthBounds(month)
  const lines = (await handedOutIn(services.store, m.partner.id, from, until)).map((r) => ({
    offerTitle: r.reward_title,
    verifiedAt: r.closed_at,
    pointsCost: r.points_cost,
    subsidyFen: r.subsidy_fen,
  }))
  return { merchantId: m.partner.id, merchantName: m.partner.name, month, ...settle(lines), lines }
}
