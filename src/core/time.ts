import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import customParseFormat from 'dayjs/plugin/customParseFormat'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(customParseFormat)

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

interface WallClock {
  year: string
  month: string
  day: string
  hour: string
  minute: string
  second: string
}

function wallClock(ms: number): WallClock {
  const out: Record<string, string> = {}
  for (const part of partsFormatter.formatToParts(ms)) out[part.type] = part.value
  return out as unknown as WallClock
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

export function isDay(value: string): boolean {
  return DAY_PATTERN.test(value) && dayjs(value, DAY_FORMAT, true).isValid()
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

/** ISO-8601 instant with offset, in Shanghai local time: what residents see and what the ledger stores. */
export function toShanghaiIso(instant: Date | number | string): string {
  const ms = toMs(instant)
  const c = wallClock(ms)
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, '0')
  // The offset is whatever the tz database says the wall clock is ahead of UTC at that instant.
  const wallMs = Date.UTC(+c.year, +c.month - 1, +c.day, +c.hour, +c.minute, +c.second, +millis)
  const offsetMin = Math.round((wallMs - ms) / 60000)
  const sign = offsetMin >= 0 ? '+' : '-'
  const abs = Math.abs(offsetMin)
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}:${c.second}.${millis}${offset}`
}

/** The last `count` days ending with `lastDay`, oldest first. */
export function dayRange(lastDay: string, count: number): string[] {
  const days: string[] = []
  for (let i = count - 1; i >= 0; i--) days.push(addDays(lastDay, -i))
  return days
}
