import { emptySchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction, inTransaction, sequentially } from '../function'
import { freshRedemption, publicRedemption } from '../rewards'

export const listMyRedemptions: CloudFunction<'listMyRedemptions'> = {
  name: 'listMyRedemptions',
  requiresSession: true,
  handle(data, caller, services) {
    parse(emptySchema, data)
    const { openid } = requireCaller(caller)
    return inTransaction(services, async (services) => ({
      // One at a time: expiring a voucher writes a refund, and writes in one transaction must not interleave.
      redemptions: await sequentially(await services.store.listRedemptions(openid), async (r) => publicRedemption(await freshRedemption(services, r))),
    }))
  },
}
