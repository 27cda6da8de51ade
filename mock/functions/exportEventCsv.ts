import { stringify } from 'csv-stringify/sync'
import { eventIdSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { organizerEvent } from '../events'
import { defineFunction } from '../function'

const EXPORT_LIMIT = 50_000

/** The attendance list of an event its organizer runs, as CSV (UTF-8 with a byte-order mark, for spreadsheets). */
export const exportEventCsv = defineFunction({
  name: 'exportEventCsv',
  schema: eventIdSchema,
  auth: 'organizer',
  async handle(req, who, services) {
    const event = await organizerEvent(services, who, req.eventId)
    // Everyone who ever took a place (given back or not): a report read outside any transaction.
    const signups = await services.store.eventSignups(event.id, EXPORT_LIMIT)
    const rows: (string | number)[][] = [['event', 'title', 'startsAt', 'nickname', 'status', 'signedAt', 'attendedAt', 'points']]
    for (const s of signups) {
      rows.push([event.id, event.title, toShanghaiIso(event.startsMs), s.nickname, s.status, s.signedAt, s.attendedAt ?? '', s.status === 'attended' ? event.rewardPoints : 0])
    }
    return { filename: `event-${event.id}.csv`, csv: `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}` }
  },
})
