/** Shared by the reward and voucher functions: public shapes, refunds and the expiry sweep. */
import type { Redemption, Reward, Wallet } from '../src/contract/types'
import { holdingDelta } from '../src/core/counters'
import { toShanghaiIso } from '../src/core/time'
import { inTransaction, type Services } from './function'
import { appendEntry } from './ledger'
import type { RedemptionRecord, RewardRecord } from './storage/port'
import { voucherSettled } from './reminders'

export function publicReward(r: RewardRecord, myCount: number): Reward {
  const out: Reward = {
    id: r.id,
    title: r.title,
    pointsCost: r.pointsCost,
    stock: r.stock,
    perUserLimit: r.perUserLimit,
    active: r.active,
    description: r.description,
    validDays: r.validDays,
    myCount,
    communityId: r.communityId,
  }
  if (r.imageUrl) out.imageUrl = r.imageUrl
  return out
}

export function publicRedemption(r: RedemptionRecord): Redemption {
  const { openid: _owner, expiresAtMs: _ms, verifiedBy: _by, ...rest } = r
  return rest
}

/**
 * Closes a pending redemption as cancelled or expired and gives back its points and stock unit, once:
 * the status change is conditional on `pending`, so a second caller (cancel racing the sweep) changes
 * nothing. Must run inside a transaction.
 */
export async function closeWithRefund(
  services: Services,
  r: RedemptionRecord,
  status: 'cancelled' | 'expired',
): Promise<{ closed: boolean; wallet?: Wallet }> {
  const at = toShanghaiIso(services.now())
  if (!await services.store.closeRedemption(r.id, status, at)) return { closed: false }
  await services.store.addRewardHolding(r.openid, r.rewardId, holdingDelta('pending', status))
  if (!(await services.store.adjustStock(r.rewardId, +1))) throw new Error(`stock of ${r.rewardId} could not take back a unit`)
  await voucherSettled(services, r.openid, r.id)
  const { wallet } = await appendEntry(services, r.openid, {
    type: 'refund',
    gramsCo2e: 0,
    points: r.pointsCost,
    day: at.slice(0, 10),
    ref: r.id,
  })
  return { closed: true, wallet }
}

/** Expires every pending voucher past its expiresAt, each in its own transaction; returns how many. */
export async function expireDue(services: Services, batch = 200): Promise<number> {
  let expired = 0
  for (;;) {
    const due = await services.store.duePendingRedemptions(services.now(), batch)
    for (const r of due) {
      if (await inTransaction(services, async (services) => (await closeWithRefund(services, r, 'expired')).closed)) expired++
    }
    if (due.length < batch) return expired
  }
}

/** Lazily expires one redemption on access; returns its current record. Must run inside a transaction. */
export async function freshRedemption(services: Services, r: RedemptionRecord): Promise<RedemptionRecord> {
  if (r.status === 'pending' && r.expiresAtMs <= services.now()) {
    await closeWithRefund(services, r, 'expired')
    return await services.store.getRedemption(r.id) ?? r
  }
  return r
}
