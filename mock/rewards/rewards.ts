/** Shared by the reward and voucher functions: public shapes, refunds and the expiry sweep. */
import type { Redemption, Reward, Wallet } from '../../src/contract/types'
import { holdingDelta } from '../../src/core/counters'
import { toShanghaiIso } from '../../src/core/time'
import { inTransaction, type Services } from '../function'
import { appendEntry } from '../wallet/ledger'
import { voucherSettled } from '../reminders/reminders'
import type { CloudError } from '../errors'
import { claim, mustMove, transition, type Refusal, type TransitionSpec } from '../transitions'
import type { RedemptionRecord, RewardRecord } from './queries'
import { lockPerson } from '../wallet/queries'
import type { Db } from '../storage/port'
import { addRewardHolding, duePendingRedemptions, getRedemption, insertReward } from './queries'

/**
 * Saves a reward or offer: a new one is inserted; an edit is one compare-and-set of every column it writes, from the
 * values this transaction read. What it writes was decided on that read (who may change the subsidy, what an absent
 * field keeps, the stock an organizer typed over the stock they saw), so another editor's change, a redemption's
 * stock move or the merchant's move to another community committed since makes it match nothing, and it is refused
 * whole (`changed`) rather than writing over theirs.
 */
export async function saveReward(db: Db, was: RewardRecord | undefined, now: RewardRecord, changed: Refusal): Promise<void> {
  if (!was) return insertReward(db, now)
  await transition(db, rewardEdit(was, now), changed)
}

function rewardEdit(was: RewardRecord, now: RewardRecord): TransitionSpec {
  const columns = (r: RewardRecord) => ({
    title: r.title,
    title_en: r.titleEn,
    description: r.description,
    description_en: r.descriptionEn,
    image_url: r.imageUrl ?? null,
    points_cost: r.pointsCost,
    subsidy_fen: r.subsidyFen,
    per_user_limit: r.perUserLimit,
    valid_days: r.validDays,
    active: r.active ? 1 : 0,
    community_id: r.communityId,
  })
  return { table: 'rewards', key: { id: was.id }, column: 'stock', from: [was.stock], to: now.stock, set: columns(now), unchanged: columns(was) }
}

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
  if (r.merchantId !== '') out.subsidyFen = r.subsidyFen
  if (r.titleEn) out.titleEn = r.titleEn
  if (r.descriptionEn) out.descriptionEn = r.descriptionEn
  return out
}

export function publicRedemption(r: RedemptionRecord): Redemption {
  const { openid: _owner, expiresAtMs: _ms, verifiedBy: _by, merchantId: _merchant, subsidyFen: _subsidy, ...rest } = r
  return rest
}

/** The compare-and-set that settles a pending voucher, with when (and, at the desk, who). */
export function settleVoucher(id: string, status: 'fulfilled' | 'cancelled' | 'expired', at: string, by: string | null = null, subsidyFen = 0) {
  return {
    table: 'redemptions',
    key: { id },
    column: 'status',
    from: ['pending'],
    to: status,
    set: { closed_at: at, verified_by: by, subsidy_fen: subsidyFen },
  }
}

/**
 * Closes a pending redemption as cancelled or expired and gives back its points and stock unit, once: the
 * status change is a checked compare-and-set on `pending`. With `refusal` (the owner cancelling) losing the race
 * is that refusal and the transaction rolls back; without it (the expiry sweep, a lazy expiry on read) it is
 * `closed: false` and nothing was written. Must run inside a transaction.
 */
export async function closeWithRefund(
  services: Services,
  r: RedemptionRecord,
  status: 'cancelled' | 'expired',
  refusal?: () => CloudError,
): Promise<{ closed: boolean; wallet?: Wallet }> {
  const { store } = services
  const at = toShanghaiIso(services.now())
  // The owner's wallet first, as every write that touches it takes it: one lock order, no deadlock with a cancel.
  await lockPerson(store, r.openid)
  const settle = settleVoucher(r.id, status, at)
  if (refusal) await transition(store, settle, refusal)
  else if (!(await claim(store, settle))) return { closed: false }
  await addRewardHolding(store, r.openid, r.rewardId, holdingDelta('pending', status))
  await mustMove(store, { table: 'rewards', key: { id: r.rewardId }, column: 'stock', delta: +1 })
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
    const due = await duePendingRedemptions(services.store, services.now(), batch)
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
    return (await getRedemption(services.store, r.id)) ?? r
  }
  return r
}
