import { redemptionIdSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { publicWallet } from '../wallet/ledger'
import { closeWithRefund, freshRedemption, publicRedemption } from './rewards'
import { conflict } from '../transitions'
import { getRedemption } from './queries'

/** Why a voucher that is no longer pending cannot be given back. */
const SETTLED = {
  fulfilled: { reason: 'voucherCancel.alreadyUsed' },
  cancelled: { reason: 'voucherCancel.alreadyCancelled' },
  expired: { reason: 'voucherCancel.alreadyExpired' },
} as const

/** The owner gives a pending voucher back: a refund entry returns the points and the stock unit, once. */
export const cancelRedemption = defineFunction({
  name: 'cancelRedemption',
  schema: redemptionIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, { openid }, services) {
    const { store } = services
    // First, before any read: this person's caps, limits and requestIds are read and written by one call at a time.
    await lockCaller(store, openid)
    const found = await getRedemption(store, req.redemptionId)
    if (!found) throw new CloudError('NOT_FOUND', `No redemption with id ${req.redemptionId}.`, { reason: 'voucherCancel.notFound' })
    if (found.openid !== openid) throw new CloudError('PERMISSION_DENIED', 'This voucher belongs to someone else.', { reason: 'voucherCancel.notYours' })
    const current = await freshRedemption(services, found)
    if (current.status !== 'pending') {
      throw new CloudError('CONFLICT', `This voucher is already ${current.status} and can no longer be cancelled.`, SETTLED[current.status])
    }
    await closeWithRefund(
      services,
      current,
      'cancelled',
      conflict('This voucher was settled a moment ago (used at the desk or expired) and can no longer be cancelled.', {
        reason: 'voucherCancel.settledMeanwhile',
      }),
    )
    const after = (await getRedemption(store, current.id)) ?? current
    return { redemption: publicRedemption(after), wallet: await publicWallet(services, openid) }
  },
})
