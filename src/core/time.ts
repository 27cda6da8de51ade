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

/** The Asia/Shanghai calendar day (YYYY-MM-DD) that contains the instant. */
export function shanghaiDay(instant: Date | number | string): string {
  return dayjs(instant).tz(LEDGER_TIME_ZONE).format(DAY_FORMAT)
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
  return dayjs(instant).tz(LEDGER_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss.SSSZ')
}

/** The last `count` days ending with `lastDay`, oldest first. */
export function dayRange(lastDay: string, count: number): string[] {
  const days: string[] = []
  for (let i = count - 1; i >= 0; i--) days.push(addDays(lastDay, -i))
  return days
}
