import { emptySchema } from '../../src/contract/schemas'
import { defineFunction, sequentially } from '../function'
import { freshRedemption, publicRedemption } from './rewards'
import { listRedemptions } from './queries'

export const listMyRedemptions = defineFunction({
  name: 'listMyRedemptions',
  schema: emptySchema,
  auth: 'session',
  transaction: 'write',
  async handle(_req, { openid }, services) {
    return {
      // One at a time: expiring a voucher writes a refund, and writes in one transaction must not interleave.
      redemptions: await sequentially(await listRedemptions(services.store, openid), async (r) => publicRedemption(await freshRedemption(services, r))),
    }
  },
})
