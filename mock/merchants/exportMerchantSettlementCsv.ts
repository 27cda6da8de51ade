import { merchantMonthSchema } from '../../src/contract/merchant'
import { yuanText } from '../../src/core/merchants'
import { csvFile, type CsvCell } from '../csv'
import { defineFunction } from '../function'
import { merchantSettlement } from './settlement'

/** The month's settlement as CSV (UTF-8 with a byte-order mark; a name typed as a formula is escaped by csvFile). */
export const exportMerchantSettlementCsv = defineFunction({
  name: 'exportMerchantSettlementCsv',
  schema: merchantMonthSchema,
  auth: 'session',
  transaction: 'read',
  async handle(req, who, services) {
    const s = await merchantSettlement(services, who, req.merchantId, req.month)
    const rows: CsvCell[][] = [['merchant', 'month', 'offer', 'verifiedAt', 'pointsRetired', 'subsidyFen', 'subsidyYuan']]
    for (const l of s.lines) rows.push([s.merchantName, s.month, l.offerTitle, l.verifiedAt, l.pointsCost, l.subsidyFen, yuanText(l.subsidyFen)])
    rows.push([s.merchantName, s.month, 'TOTAL', '', s.pointsRetired, s.subsidyFen, yuanText(s.subsidyFen)])
    return { filename: `settlement-${s.merchantId}-${s.month}.csv`, csv: csvFile(rows) }
  },
})
