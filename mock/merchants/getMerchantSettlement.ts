import { merchantMonthSchema } from '../../src/contract/merchant'
import { defineFunction } from '../function'
import { merchantSettlement } from './settlement'

/** A merchant's month: vouchers handed out and the subsidy the city owes, for its staff and its organizers. */
export const getMerchantSettlement = defineFunction({
  name: 'getMerchantSettlement',
  schema: merchantMonthSchema,
  auth: 'session',
  transaction: 'read',
  handle: (req, who, services) => merchantSettlement(services, who, req.merchantId, req.month),
})
