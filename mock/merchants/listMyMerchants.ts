import { emptySchema } from '../../src/contract/schemas'
import { mayStockOffers } from '../../src/core/merchants'
import { defineFunction } from '../function'
import { merchantView, type Merchant } from './merchants'
import { getPartner } from '../partners/queries'
import { getMerchant, merchantsOf } from './queries'

/** The merchants the caller is staff at, and those they registered: what their desk and offers pages act for. */
export const listMyMerchants = defineFunction({
  name: 'listMyMerchants',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid, roles }, services) {
    const { staffAt, registered } = await merchantsOf(services.store, openid)
    const ids = [...new Set([...staffAt, ...registered])].sort()
    const merchants = []
    for (const id of ids) {
      const partner = await getPartner(services.store, id)
      if (!partner || partner.kind !== 'merchant') continue
      const m: Merchant = { partner, counter: await getMerchant(services.store, id) }
      const staff = staffAt.includes(id)
      merchants.push(
        merchantView(m, { staff, mayStock: mayStockOffers({ openid, isStaff: staff, isOrganizer: roles.includes('organizer') }, partner.createdBy) }),
      )
    }
    return { merchants }
  },
})
