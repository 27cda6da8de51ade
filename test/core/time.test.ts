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
  it('agrees with dayjs-timezone on random instants from 1971 to 2100, through the 1986–91 summer times (property)', () => {
    const fc = require('fast-check')
    const dayjs = require('dayjs')
    // dayjs itself miscomputes offsets before the epoch (it gives +07:59.98 at -1 ms), so the range starts after it.
    const instants = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) })
    fc.assert(
      fc.property(instants, (ms: number) => {
        const reference = dayjs(ms).tz('Asia/Shanghai')
        expect(shanghaiDay(ms)).toBe(reference.format('YYYY-MM-DD'))
        expect(toShanghaiIso(ms)).toBe(reference.format('YYYY-MM-DDTHH:mm:ss.SSSZ'))
        expect(Date.parse(toShanghaiIso(ms))).toBe(ms)
      }),
      { numRuns: 2000 },
    )
  })

  it('shows 1988 summer time as +09:00, as the tz database records it', () => {
    expect(toShanghaiIso(Date.UTC(1988, 5, 1))).toBe('1988-06-01T09:00:00.000+09:00')
  })
})
