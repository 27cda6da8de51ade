import fc from 'fast-check'
import { computeCredit } from '../../src/core/credit'
import { DAILY_TOTAL_GRAMS, overlappingTrip, parseTrips, rememberTrip, tripSpan, TRIPS_KEPT, type Trip } from '../../src/core/farming'
import { FACTORS, GRAMS_PER_POINT } from '../../src/core/methodology'

const MIN = 60_000

describe('the daily total across factors', () => {
  it('is the largest recycling cap plus the largest travel cap', () => {
    expect(DAILY_TOTAL_GRAMS).toBe(34_600 + 1_780)
  })

  it('never lets a day go past it, whatever the factor caps allow (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...FACTORS), fc.double({ min: 0.01, max: 100, noNaN: true })), { maxLength: 60 }), (drops) => {
        const perFactor = new Map<string, number>()
        let day = 0
        for (const [factor, quantity] of drops) {
          const credit = computeCredit({
            factor,
            quantity,
            alreadyCreditedGrams: perFactor.get(factor.id) ?? 0,
            gramsPerPoint: GRAMS_PER_POINT,
            dayTotal: { limitGrams: DAILY_TOTAL_GRAMS, alreadyGrams: day },
          })
          perFactor.set(factor.id, (perFactor.get(factor.id) ?? 0) + credit.gramsCo2e)
          day += credit.gramsCo2e
          if (credit.capped && credit.cappedBy === 'dayTotal') expect(day).toBe(DAILY_TOTAL_GRAMS)
        }
        expect(day).toBeLessThanOrEqual(DAILY_TOTAL_GRAMS)
        for (const f of FACTORS) expect(perFactor.get(f.id) ?? 0).toBeLessThanOrEqual(f.dailyCapGrams)
      }),
    )
  })
})

describe('trips in time', () => {
  const trip = (entryId: string, startMin: number, endMin: number): Trip => ({ entryId, factorId: 'travel.bus', startMs: startMin * MIN, endMs: endMin * MIN })

  it('finds an overlap, and lets trips touch end to start', () => {
    const earlier = [trip('e1', 0, 30)]
    expect(overlappingTrip(earlier, tripSpan(40 * MIN, 20))?.entryId).toBe('e1')
    expect(overlappingTrip(earlier, tripSpan(50 * MIN, 20))).toBeUndefined()
    expect(overlappingTrip(earlier, tripSpan(0, 10))).toBeUndefined()
    expect(overlappingTrip(earlier, tripSpan(31 * MIN, 40))?.entryId).toBe('e1') // one that contains the other
  })

  it('keeps a bounded row of the newest trips that can still be overlapped', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000), fc.integer({ min: 1, max: 600 })), { maxLength: 120 }), fc.nat(5_000), (spans, oldest) => {
        let row: Trip[] = []
        spans.forEach(([end, minutes], i) => {
          row = rememberTrip(row, { entryId: `e${i}`, factorId: 'travel.bike', ...tripSpan(end * MIN, minutes) }, oldest * MIN)
        })
        expect(row.length).toBeLessThanOrEqual(TRIPS_KEPT)
        expect(row.every((t) => t.endMs > oldest * MIN)).toBe(true)
        expect(parseTrips(JSON.stringify(row))).toEqual(row)
      }),
    )
    expect(parseTrips('{"not":"a list"}')).toEqual([])
    expect(parseTrips('[{"entryId":"e1"}]')).toEqual([])
  })
})
