import { merchantStaffSchema } from '../../src/contract/merchant'
import { MERCHANT_LIMITS } from '../../src/core/merchants'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { findUser } from '../identity/queries'
import { merchantOrNotFound, requireManager, staffList } from './merchants'
import { appointStaff, lockStaffOf, staffOf } from './queries'

/**
 * Appoints a resident (by the id Me shows, as organizer appointments go) as staff of this one merchant: they may
 * hand out its vouchers and read its settlement, nothing else; they are not organizers. Appointing twice is one
 * appointment.
 */
export const appointMerchantStaff = defineFunction({
  name: 'appointMerchantStaff',
  schema: merchantStaffSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const m = await merchantOrNotFound(services, req.merchantId)
    requireManager(who, m)
    const person = await findUser(store, req.openid)
    if (!person)
      throw new CloudError('NOT_FOUND', `No account ${req.openid}: the person must have logged in once (Me shows their id).`, { reason: 'organizer.noAccount' })
    await lockStaffOf(store, m.partner.id)
    const staff = await staffOf(store, m.partner.id)
    if (!staff.some((s) => s.openid === person.openid) && staff.length >= MERCHANT_LIMITS.maxStaff) {
      throw new CloudError('CONFLICT', `A merchant has at most ${MERCHANT_LIMITS.maxStaff} staff: remove someone first.`, {
        reason: 'merchant.staffFull',
        params: { max: MERCHANT_LIMITS.maxStaff },
      })
    }
    await appointStaff(store, m.partner.id, person.openid, who.openid, toShanghaiIso(services.now()))
    return { staff: await staffList(services, m.partner.id) }
  },
})
