import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Every "day" in the product is a calendar day in this zone, whatever the process's own TZ is. */
export const LEDGER_TIME_ZONE = 'Asia/Shanghai'

const DAY_FORMAT = 'YYYY-MM-DD'
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

// dayjs's timezone plugin goes through toLocaleString on every call (≈0.3 ms); the ledger asks for a day
// on every credit, so the hot paths use one cached Intl formatter over the same tz database.
const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: LEDGER_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

const HOUR_MS = 3_600_000
const OFFSET_CACHE_MAX_HOURS = 4_096

/** How far the zone's wall clock is ahead of UTC at `ms`, asked of the tz database (≈20 µs per call). */
function exactOffsetMs(ms: number): number {
  const c: Record<string, string> = {}
  for (const part of partsFormatter.formatToParts(ms)) c[part.type] = part.value
  const wallSecondMs = Date.UTC(+c.year, +c.month - 1, +c.day, +c.hour, +c.minute, +c.second)
  return wallSecondMs - (ms - (((ms % 1000) + 1000) % 1000))
}

// Even formatToParts is a measurable share of a credit, and the offset is the same for every instant of an
// hour unless a transition falls inside it. So the offset is looked up once per UTC hour, and only cached
// when the hour's first and last millisecond agree (an hour holding a transition is asked per instant).
const offsetByUtcHour = new Map<number, number>()

function offsetMsAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS)
  const cached = offsetByUtcHour.get(hour)
  if (cached !== undefined) return cached
  const atStart = exactOffsetMs(hour * HOUR_MS)
  if (atStart !== exactOffsetMs(hour * HOUR_MS + HOUR_MS - 1)) return exactOffsetMs(ms)
  if (offsetByUtcHour.size >= OFFSET_CACHE_MAX_HOURS) offsetByUtcHour.clear()
  offsetByUtcHour.set(hour, atStart)
  return atStart
}

interface WallClock {
  year: string
  month: string
  day: string
  hour: string
  minute: string
  second: string
  millis: string
  offsetMs: number
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function wallClock(ms: number): WallClock {
  const offsetMs = offsetMsAt(ms)
  const wall = new Date(ms + offsetMs)
  return {
    year: pad(wall.getUTCFullYear(), 4),
    month: pad(wall.getUTCMonth() + 1),
    day: pad(wall.getUTCDate()),
    hour: pad(wall.getUTCHours()),
    minute: pad(wall.getUTCMinutes()),
    second: pad(wall.getUTCSeconds()),
    millis: pad(wall.getUTCMilliseconds(), 3),
    offsetMs,
  }
}

function toMs(instant: Date | number | string): number {
  const ms = typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(instant)}`)
  return ms
}

/** The Asia/Shanghai calendar day (YYYY-MM-DD) that contains the instant. */
export function shanghaiDay(instant: Date | number | string): string {
  const c = wallClock(toMs(instant))
  return `${c.year}-${c.month}-${c.day}`
}

/**
 * A real calendar day written YYYY-MM-DD. dayjs reads the ISO form itself and rolls an impossible date over
 * (2026-02-30 becomes 2026-03-02), so a day is real when it formats back to what was written; this spares
 * every phone the strict-parsing plugin (3.7 KB of the weapp main package).
 */
export function isDay(value: string): boolean {
  return DAY_PATTERN.test(value) && dayjs.utc(value).format(DAY_FORMAT) === value
}

/** Day arithmetic on YYYY-MM-DD strings; done in UTC so no local DST can shift it. */
export function addDays(day: string, deltaDays: number): string {
  return dayjs.utc(day, DAY_FORMAT).add(deltaDays, 'day').format(DAY_FORMAT)
}

/** Whole days from `fromDay` to `toDay` (positive when toDay is later). */
export function daysBetween(fromDay: string, toDay: string): number {
  return dayjs.utc(toDay, DAY_FORMAT).diff(dayjs.utc(fromDay, DAY_FORMAT), 'day')
}

/** The instant at which the given Asia/Shanghai day starts (as epoch ms). */
export function shanghaiDayStartMs(day: string): number {
  return dayjs.tz(day, LEDGER_TIME_ZONE).valueOf()
}

/** "MM-DD HH:mm" in Shanghai local time, for messages. */
export function shanghaiClock(instant: Date | number | string): string {
  const c = wallClock(toMs(instant))
  return `${c.month}-${c.day} ${c.hour}:${c.minute}`
}

/** ISO-8601 instant with offset, in Shanghai local time: what residents see and what the ledger stores. */
export function toShanghaiIso(instant: Date | number | string): string {
  const c = wallClock(toMs(instant))
  const offsetMin = Math.round(c.offsetMs / 60000)
  const sign = offsetMin >= 0 ? '+' : '-'
  const abs = Math.abs(offsetMin)
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}:${c.second}.${c.millis}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The last `count` days ending with `lastDay`, oldest first. */
export function dayRange(lastDay: string, count: number): string[] {
  const days: string[] = []
  for (let i = count - 1; i >= 0; i--) days.push(addDays(lastDay, -i))
  return days
}
