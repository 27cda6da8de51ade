import { verifyRedemptionSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { NO_COMMUNITY } from '../../src/core/community'
import { defineFunction, requireScope } from '../function'
import { freshRedemption, publicRedemption, settleVoucher } from './rewards'
import { conflict, transition } from '../transitions'
import { voucherSettled } from '../reminders/reminders'
import { getRedemptionByCode, getReward, getRedemption } from './queries'

const REFUSALS = {
  fulfilled: (at: string) => ({ message: 'This voucher was already used', refusal: { reason: 'voucherDesk.alreadyUsed', params: { at } } }),
  cancelled: (at: string) => ({ message: 'This voucher was cancelled by its owner', refusal: { reason: 'voucherDesk.cancelled', params: { at } } }),
  expired: (at: string) => ({ message: 'This voucher has expired', refusal: { reason: 'voucherDesk.expired', params: { at } } }),
} as const

const LOST_RACE = 'This voucher was settled a moment ago (used at another desk, cancelled or expired). Do not hand out the reward; scan it again to see why.'

/** At pickup: an organizer scans or types the code; pending → fulfilled exactly once, with who and when. */
export const verifyRedemption = defineFunction({
  name: 'verifyRedemption',
  schema: verifyRedemptionSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle({ code }, who, services) {
    const { store } = services
    const found = await getRedemptionByCode(store, code)
    if (!found)
      throw new CloudError('NOT_FOUND', `No voucher has the code ${code}. Check the characters and try again.`, {
        reason: 'voucherDesk.unknownCode',
        params: { code },
      })
    const reward = await getReward(store, found.rewardId)
    requireScope(who, reward?.communityId ?? NO_COMMUNITY, 'voucher')
    // A merchant's offer is handed out at its counter, by its staff (verifyOffer), where its subsidy is recorded.
    if (found.merchantId !== '')
      throw new CloudError('PERMISSION_DENIED', 'This voucher is for a merchant’s offer: it is handed out at the merchant’s counter.', {
        reason: 'voucherDesk.merchantOffer',
      })
    const current = await freshRedemption(services, found)
    if (current.status !== 'pending') {
      const when = current.fulfilledAt ?? current.cancelledAt ?? current.expiredAt ?? current.expiresAt
      const { message, refusal } = REFUSALS[current.status](when)
      throw new CloudError('CONFLICT', `${message} (${when}). Do not hand out the reward.`, refusal)
    }
    // Checked: a cancel, an expiry or another desk that settled it since it was read wins, and this desk says no.
    await transition(
      store,
      settleVoucher(current.id, 'fulfilled', toShanghaiIso(services.now()), who.openid),
      conflict(LOST_RACE, { reason: 'voucherDesk.settledMeanwhile' }),
    )
    await voucherSettled(services, current.openid, current.id)
    const after = await getRedemption(store, current.id)
    if (!after) throw new Error('redemption vanished inside the transaction')
    return { redemption: publicRedemption(after) }
  },
})
