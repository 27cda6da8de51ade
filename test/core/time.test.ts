import { addDays, daysBetween, dayRange, isDay, shanghaiDay, shanghaiDayStartMs, toShanghaiIso } from '../../src/core/time'

describe('Asia/Shanghai days', () => {
  it('puts 23:59 and 00:01 Shanghai time on different days, whatever the process TZ', () => {
    expect(shanghaiDay('2026-03-01T23:59:00+08:00')).toBe('2026-03-01')
    expect(shanghaiDay('2026-03-02T00:01:00+08:00')).toBe('2026-03-02')
    // the same instants written in UTC
    expect(shanghaiDay('2026-03-01T15:59:00Z')).toBe('2026-03-01')
    expect(shanghaiDay('2026-03-01T16:01:00Z')).toBe('2026-03-02')
  })

  it('is not fooled by New York daylight-saving changes', () => {
    // 2026-03-08 is the US spring-forward day; Shanghai has no DST.
    expect(shanghaiDay('2026-03-08T06:30:00-05:00')).toBe('2026-03-08')
    expect(shanghaiDay(Date.UTC(2026, 10, 1, 15, 59, 59))).toBe('2026-11-01')
    expect(shanghaiDay(Date.UTC(2026, 10, 1, 16, 0, 0))).toBe('2026-11-02')
  })

  it('does day arithmetic across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(daysBetween('2026-11-01', '2026-11-29')).toBe(28)
    expect(dayRange('2026-01-02', 3)).toEqual(['2025-12-31', '2026-01-01', '2026-01-02'])
  })

  it('knows where a Shanghai day starts and formats instants with +08:00', () => {
    expect(new Date(shanghaiDayStartMs('2026-03-02')).toISOString()).toBe('2026-03-01T16:00:00.000Z')
    expect(toShanghaiIso('2026-03-01T16:00:00Z')).toBe('2026-03-02T00:00:00.000+08:00')
  })

  it('validates day strings strictly', () => {
    expect(isDay('2026-02-28')).toBe(true)
    expect(isDay('2026-02-30')).toBe(false)
    expect(isDay('2026-2-3')).toBe(false)
  })
})

describe('the fast Shanghai formatter', () => {
  // The oracle must not depend on the host's zone. dayjs goes through host-local Dates (in .tz() and even in
  // .utc().utcOffset()), so under TZ=America/New_York it is an hour off whenever Shanghai's wall clock falls
  // in New York's spring-forward gap (e.g. 2031-03-08T18:00Z). The oracle takes only the offset from the tz
  // database (Intl's longOffset, a different API from the formatter under test) and does plain UTC arithmetic.
  const offsetNames = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', timeZoneName: 'longOffset' })
  function referenceIso(ms: number): string {
    const name = offsetNames.formatToParts(ms).find((part) => part.type === 'timeZoneName')!.value
    const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name)
    if (!match) throw new Error(`unexpected offset name ${name}`)
    const offsetMinutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
    return new Date(ms + offsetMinutes * 60_000).toISOString().replace('Z', `${match[1]}${match[2]}:${match[3]}`)
  }

  it('agrees with a host-independent reference on random instants from 1971 to 2100, through the 1986–91 summer times (property)', () => {
    const fc = require('fast-check')
    const instants = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) })
    fc.assert(
      fc.property(instants, (ms: number) => {
        const expected = referenceIso(ms)
        expect(shanghaiDay(ms)).toBe(expected.slice(0, 10))
        expect(toShanghaiIso(ms)).toBe(expected)
        expect(Date.parse(toShanghaiIso(ms))).toBe(ms)
      }),
      { numRuns: 2000 },
    )
  })

  it('starts every Shanghai day at the first instant that belongs to it, whatever the host zone (property)', () => {
    const fc = require('fast-check')
    const days = fc.integer({ min: 0, max: 47_000 }).map((offsetDays: number) => addDays('1971-01-02', offsetDays))
    fc.assert(
      fc.property(days, (day: string) => {
        const startMs = shanghaiDayStartMs(day)
        expect(shanghaiDay(startMs)).toBe(day)
        expect(shanghaiDay(startMs - 1)).toBe(addDays(day, -1))
      }),
      { numRuns: 2000 },
    )
  })

  it('is exact on both sides of every 1986–91 summer-time change, whichever side is asked first', () => {
    const offsetOf = (ms: number) => referenceIso(ms).slice(-6)
    const changes: number[] = []
    for (let ms = Date.UTC(1986, 0, 1); ms < Date.UTC(1992, 0, 1); ms += 3_600_000) {
      if (offsetOf(ms) !== offsetOf(ms + 3_600_000)) changes.push(ms + 3_600_000)
    }
    expect(changes).toHaveLength(12)
    for (const change of changes) {
      // a change can fall anywhere in an hour in principle: probe inside the hour before it too
      for (const ms of [change + 1, change, change - 1, change - 1_800_000, change + 59 * 60_000]) {
        expect(toShanghaiIso(ms)).toBe(referenceIso(ms))
      }
    }
  })

  it('is right where Shanghai wall time falls in a New York DST gap (found by CI under TZ=America/New_York)', () => {
    const ms = Date.UTC(2031, 2, 8, 18, 0, 0)
    expect(toShanghaiIso(ms)).toBe('2031-03-09T02:00:00.000+08:00')
    expect(referenceIso(ms)).toBe('2031-03-09T02:00:00.000+08:00')
  })

  it('shows 1988 summer time as +09:00, as the tz database records it', () => {
    expect(toShanghaiIso(Date.UTC(1988, 5, 1))).toBe('1988-06-01T09:00:00.000+09:00')
  })
})
