import { merchantIdSchema } from '../../src/contract/merchant'
import { defineFunction } from '../function'
import { merchantOrNotFound, requireManager, staffList } from './merchants'

/** A merchant's staff, for an organizer who manages it. */
export const listMerchantStaff = defineFunction({
  name: 'listMerchantStaff',
  schema: merchantIdSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(req, who, services) {
    const m = await merchantOrNotFound(services, req.merchantId)
    requireManager(who, m)
    return { staff: await staffList(services, m.partner.id) }
  },
})
