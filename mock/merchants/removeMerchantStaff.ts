import { merchantStaffSchema } from '../../src/contract/merchant'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { merchantOrNotFound, requireManager, staffList } from './merchants'
import { removeStaff } from './queries'

/** Takes an appointment back: from the next call on, they can no longer verify this merchant's vouchers. */
export const removeMerchantStaff = defineFunction({
  name: 'removeMerchantStaff',
  schema: merchantStaffSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const m = await merchantOrNotFound(services, req.merchantId)
    requireManager(who, m)
    if (!(await removeStaff(services.store, m.partner.id, req.openid)))
      throw new CloudError('NOT_FOUND', 'This person is not on this merchant’s staff.', { reason: 'merchant.notOnStaff' })
    return { staff: await staffList(services, m.partner.id) }
  },
})
