import { customAlphabet } from 'nanoid'
import { VOUCHER_ALPHABET, VOUCHER_LENGTH } from '../../src/contract/constants'
import { redeemSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { holdsReward } from '../../src/core/counters'
import { offeredTo } from '../../src/core/community'
import { CloudError } from '../errors'
import { defineIdempotentFunction } from '../function'
import { appendEntry, heldNote, publicWallet } from '../wallet/ledger'
import { spendablePoints } from '../../src/core/points'
import { freshRedemption, publicRedemption } from './rewards'
import { remindOnRedeem } from '../reminders/reminders'
import { move } from '../transitions'
import { getRedemption, getReward, heldRedemptionCounts, getRedemptionByCode, insertRedemption, addRewardHolding } from './queries'
import { communityOf } from '../communities/queries'
import { getWallet } from '../wallet/queries'
import { getPartner } from '../partners/queries'

const DAY_MS = 24 * 3600 * 1000
/** nanoid draws from crypto.randomFillSync: 31^10 ≈ 8×10^14 codes, unguessable and unambiguous. */
const voucherCode = customAlphabet(VOUCHER_ALPHABET, VOUCHER_LENGTH)

/** Points out (a redeem entry), one stock unit reserved and a pending voucher created: all or nothing. */
export const redeem = defineIdempotentFunction({
  name: 'redeem',
  schema: redeemSchema,
  auth: 'session',
  transaction: 'write',
  idempotent: {
    async replay(recorded, req, { openid }, services) {
      const earlier = await getRedemption(services.store, recorded.resultRef)
      if (!earlier) throw new Error(`request ${req.requestId} points at a missing redemption`)
      return { redemption: publicRedemption(await freshRedemption(services, earlier)), wallet: await publicWallet(services, openid) }
    },
  },
  async handle(req, { openid }, services) {
    const { store } = services
    const reward = await getReward(store, req.rewardId)
    // A merchant that left the city (revoked) hands out nothing more: its offers are no longer on offer.
    const gone = reward !== undefined && reward.merchantId !== '' && (await getPartner(store, reward.merchantId))?.revokedAt !== undefined
    if (!reward || !reward.active || gone || !offeredTo(reward.communityId, (await communityOf(store, openid)).communityId)) {
      throw new CloudError('NOT_FOUND', `No reward with id ${req.rewardId} is on offer to you.`, { reason: 'redeem.notOffered' })
    }
    if (reward.stock <= 0)
      throw new CloudError('OUT_OF_STOCK', `${reward.title} is out of stock.`, { reason: 'redeem.outOfStock', params: { title: reward.title } })
    const held = (await heldRedemptionCounts(store, openid)).get(reward.id) ?? 0
    if (held >= reward.perUserLimit) {
      throw new CloudError('REDEEM_LIMIT_REACHED', `You can hold at most ${reward.perUserLimit} of ${reward.title}.`, {
        reason: 'redeem.limitReached',
        params: { title: reward.title, limit: reward.perUserLimit },
      })
    }
    const before = await getWallet(store, openid)
    const spendable = spendablePoints(before)
    if (spendable < reward.pointsCost) {
      const { title, pointsCost: costPoints } = reward
      throw new CloudError(
        'INSUFFICIENT_POINTS',
        `${title} costs ${costPoints} points; you can spend ${spendable}${await heldNote(services, openid)}.`,
        before.pointsHeld > 0
          ? { reason: 'redeem.insufficientPointsHeld', params: { title, costPoints, spendablePoints: spendable, heldPoints: before.pointsHeld } }
          : { reason: 'redeem.insufficientPoints', params: { title, costPoints, spendablePoints: spendable } },
      )
    }
    const nowMs = services.now()
    const createdAt = toShanghaiIso(nowMs)
    const expiresAtMs = nowMs + reward.validDays * DAY_MS
    const id = services.newId('rd')
    let code = voucherCode()
    while (await getRedemptionByCode(store, code)) code = voucherCode()
    // Conditional on stock left: two redeems of the last unit cannot both take it, whatever the engine.
    await move(
      store,
      { table: 'rewards', key: { id: reward.id }, column: 'stock', delta: -1, min: 0 },
      () => new CloudError('OUT_OF_STOCK', `${reward.title} is out of stock.`, { reason: 'redeem.outOfStock', params: { title: reward.title } }),
    )
    const record = {
      id,
      openid,
      rewardId: reward.id,
      rewardTitle: reward.title,
      ...(reward.titleEn ? { rewardTitleEn: reward.titleEn } : {}),
      code,
      status: 'pending' as const,
      pointsCost: reward.pointsCost,
      createdAt,
      expiresAt: toShanghaiIso(expiresAtMs),
      expiresAtMs,
      merchantId: reward.merchantId,
      subsidyFen: 0,
    }
    await insertRedemption(store, record)
    // A new voucher is held: it counts toward the per-person limit until cancelled or expired.
    await addRewardHolding(store, openid, reward.id, Number(holdsReward('pending')))
    const { wallet } = await appendEntry(services, openid, {
      type: 'redeem',
      gramsCo2e: 0,
      points: -reward.pointsCost,
      day: createdAt.slice(0, 10),
      ref: id,
    })
    await remindOnRedeem(services, openid, record)
    return { answer: { redemption: publicRedemption(record), wallet }, ref: id }
  },
})
