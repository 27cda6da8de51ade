import { eventIdSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { csvFile, type CsvCell } from '../csv'
import { organizerEvent } from './events'
import { defineFunction } from '../function'
import { eventSignups } from './queries'

const EXPORT_LIMIT = 50_000

/** The attendance list of an event its organizer runs, as CSV (UTF-8 with a byte-order mark, for spreadsheets). */
export const exportEventCsv = defineFunction({
  name: 'exportEventCsv',
  schema: eventIdSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(req, who, services) {
    const event = await organizerEvent(services, who, req.eventId)
    // Everyone who ever took a place (given back or not): a report read outside any transaction.
    const signups = await eventSignups(services.store, event.id, EXPORT_LIMIT)
    // Issue 23: `title` is the Chinese title, `titleEn` (last, so tools reading columns by position keep working) the English one.
    const rows: CsvCell[][] = [['event', 'title', 'startsAt', 'nickname', 'status', 'signedAt', 'attendedAt', 'points', 'distanceM', 'titleEn']]
    for (const s of signups) {
      const paid = s.status === 'attended' && s.bonusEntryId !== undefined ? event.rewardPoints : 0
      rows.push([
        event.id,
        event.title,
        toShanghaiIso(event.startsMs),
        s.nickname,
        s.status,
        s.signedAt,
        s.attendedAt ?? '',
        paid,
        s.distanceM ?? '',
        event.titleEn,
      ])
    }
    return { filename: `event-${event.id}.csv`, csv: csvFile(rows) }
  },
})
