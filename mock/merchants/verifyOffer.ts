import { verifyOfferSchema } from '../../src/contract/merchant'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { freshRedemption, publicRedemption, settleVoucher } from '../rewards/rewards'
import { conflict, transition } from '../transitions'
import { voucherSettled } from '../reminders/reminders'
import { getRedemption, getRedemptionByCode, getReward } from '../rewards/queries'
import { merchantOrNotFound, requireStaff } from './merchants'

const SETTLED = {
  fulfilled: (at: string) => ({ message: 'This voucher was already used', refusal: { reason: 'voucherDesk.alreadyUsed', params: { at } } }),
  cancelled: (at: string) => ({ message: 'This voucher was cancelled by its owner', refusal: { reason: 'voucherDesk.cancelled', params: { at } } }),
  expired: (at: string) => ({ message: 'This voucher has expired', refusal: { reason: 'voucherDesk.expired', params: { at } } }),
} as const

/**
 * At the merchant's counter: one of its staff scans or types a voucher for one of its offers; pending → fulfilled
 * exactly once (a checked compare-and-set), with who, when and the offer's subsidy now written on the voucher.
 * Any other code (unknown, another merchant's, a city reward's) gets one answer that tells nothing about it.
 */
export const verifyOffer = defineFunction({
  name: 'verifyOffer',
  schema: verifyOfferSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ merchantId, code }, who, services) {
    const { store } = services
    const m = await merchantOrNotFound(services, merchantId)
    await requireStaff(services, who, m)
    const found = await getRedemptionByCode(store, code)
    if (!found || found.merchantId !== m.partner.id) {
      throw new CloudError('NOT_FOUND', 'No voucher for this merchant’s offers has this code. Do not hand out anything.', { reason: 'merchantDesk.notOurs' })
    }
    // A merchant the city revoked hands out nothing more on its account: the holder cancels it for the points back.
    if (m.partner.revokedAt) {
      throw new CloudError('CONFLICT', 'This merchant no longer takes part: do not hand out anything. The holder can cancel the voucher for their points.', {
        reason: 'merchantDesk.revoked',
      })
    }
    // Staff who redeem their own shop's offer do not hand it to themselves: that is a subsidy for goods no one saw.
    if (found.openid === who.openid) {
      throw new CloudError('PERMISSION_DENIED', 'This is your own voucher: another of the shop’s staff hands it out.', { reason: 'merchantDesk.ownVoucher' })
    }
    const current = await freshRedemption(services, found)
    if (current.status !== 'pending') {
      const when = current.fulfilledAt ?? current.cancelledAt ?? current.expiredAt ?? current.expiresAt
      const { message, refusal } = SETTLED[current.status](when)
      throw new CloudError('CONFLICT', `${message} (${when}). Do not hand out the reward.`, refusal)
    }
    const subsidyFen = (await getReward(store, current.rewardId))?.subsidyFen ?? 0
    // Checked: another counter, a cancel or an expiry that settled it since it was read wins, and this one says no.
    await transition(
      store,
      settleVoucher(current.id, 'fulfilled', toShanghaiIso(services.now()), who.openid, subsidyFen),
      conflict('This voucher was settled a moment ago (used at another counter, cancelled or expired). Do not hand out the reward.', {
        reason: 'voucherDesk.settledMeanwhile',
      }),
    )
    await voucherSettled(services, current.openid, current.id)
    const after = await getRedemption(store, current.id)
    if (!after) throw new Error('redemption vanished inside the transaction')
    return { redemption: publicRedemption(after), subsidyFen }
  },
})
