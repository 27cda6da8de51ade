import { dayRangeSchema } from '../../src/contract/schemas'
import { scopedCommunity } from '../../src/core/community'
import { defineFunction, scopeOf } from '../function'
import { checkRange } from './stats'
import { csvFile, type CsvCell } from '../csv'
import { impactStats } from './queries'
import { listStations } from '../communities/queries'

/**
 * The impact report as CSV (RFC 4180 quoting by csv-stringify, so commas, quotes and Chinese text
 * survive), with a UTF-8 byte-order mark so spreadsheet programs read the Chinese correctly.
 */
export const exportImpactCsv = defineFunction({
  name: 'exportImpactCsv',
  schema: dayRangeSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(req, who, services) {
    checkRange(req)
    const communityId = scopedCommunity(scopeOf(who), req.communityId)
    const stats = await impactStats(services.store, req.fromDay, req.toDay, communityId)
    const stations = new Map((await listStations(services.store)).map((s) => [s.code, s]))
    // Issue 23: `name` is the Chinese name, `nameEn` (last, so tools reading columns by position keep working) the English one.
    const rows: CsvCell[][] = [
      ['section', 'key', 'name', 'gramsCo2e', 'checkins', 'participants', 'weightG', 'pending', 'fulfilled', 'cancelled', 'expired', 'nameEn'],
    ]
    for (const d of stats.byDay) rows.push(['day', d.day, '', d.gramsCo2e, d.checkins, d.participants, '', '', '', '', '', ''])
    for (const f of stats.byFactor) rows.push(['factor', f.factorId, '', f.gramsCo2e, f.checkins, '', '', '', '', '', '', ''])
    for (const s of stats.byStation) {
      const station = stations.get(s.stationCode)
      rows.push(['station', s.stationCode, station?.name ?? '', s.gramsCo2e, s.checkins, '', s.weightG, '', '', '', '', station?.nameEn ?? ''])
    }
    for (const r of stats.redemptionsByReward)
      rows.push(['reward', r.rewardId, r.title, '', '', '', '', r.pending, r.fulfilled, r.cancelled, r.expired, r.titleEn ?? ''])
    rows.push(['total', `${req.fromDay}..${req.toDay}`, '', stats.totals.gramsCo2e, stats.totals.checkins, stats.totals.participants, '', '', '', '', '', ''])
    return { filename: `impact-${req.fromDay}-${req.toDay}.csv`, csv: csvFile(rows) }
  },
})
