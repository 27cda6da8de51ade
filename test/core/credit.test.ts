import fc from 'fast-check'
import { computeCredit, gramsFor, isPlausibleSpeed, pointsFor } from '../../src/core/credit'
import { FACTORS, GRAMS_PER_POINT } from '../../src/core/methodology'

const factor = (id: string) => {
  const f = FACTORS.find((x) => x.id === id)
  if (!f) throw new Error(id)
  return f
}

describe('credit arithmetic', () => {
  it('rounds grams half up from integer milli-units', () => {
    expect(gramsFor(33, 5)).toBe(165)
    expect(gramsFor(23, 0.5)).toBe(12) // 11.5 → 12
    expect(gramsFor(46, 0.1 + 0.2)).toBe(14) // 13.8, float noise ignored
    expect(gramsFor(3460, 2.5)).toBe(8650)
    expect(gramsFor(23, 0.01)).toBe(0)
  })

  it('floors points', () => {
    expect(pointsFor(165, 10)).toBe(16)
    expect(pointsFor(9, 10)).toBe(0)
  })

  it('credits a bike trip in full under the cap', () => {
    const c = computeCredit({ factor: factor('travel.bike'), quantity: 5, alreadyCreditedGrams: 0, gramsPerPoint: GRAMS_PER_POINT })
    expect(c).toEqual({ rawGramsCo2e: 165, gramsCo2e: 165, points: 16, capped: false, remainingCapGrams: 825 })
  })

  it('clips to what is left under the daily cap', () => {
    const walk = factor('travel.walk') // 23 g/km, cap 296 g
    const c = computeCredit({ factor: walk, quantity: 10, alreadyCreditedGrams: 200, gramsPerPoint: 10 })
    expect(c).toMatchObject({ rawGramsCo2e: 230, gramsCo2e: 96, points: 9, capped: true, remainingCapGrams: 0 })
    const none = computeCredit({ factor: walk, quantity: 1, alreadyCreditedGrams: 296, gramsPerPoint: 10 })
    expect(none).toMatchObject({ gramsCo2e: 0, capped: true })
  })

  it('never exceeds the cap, never goes negative, and points never outweigh grams (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FACTORS), fc.array(fc.double({ min: 0.001, max: 500, noNaN: true }), { minLength: 1, maxLength: 40 }), (f, quantities) => {
        let credited = 0
        for (const q of quantities) {
          const c = computeCredit({ factor: f, quantity: q, alreadyCreditedGrams: credited, gramsPerPoint: GRAMS_PER_POINT })
          expect(Number.isInteger(c.gramsCo2e)).toBe(true)
          expect(c.gramsCo2e).toBeGreaterThanOrEqual(0)
          expect(c.gramsCo2e).toBeLessThanOrEqual(c.rawGramsCo2e)
          expect(c.points * GRAMS_PER_POINT).toBeLessThanOrEqual(c.gramsCo2e)
          expect(c.capped).toBe(c.gramsCo2e < c.rawGramsCo2e)
          credited += c.gramsCo2e
          expect(credited).toBeLessThanOrEqual(f.dailyCapGrams)
        }
      }),
    )
  })

  it('checks speed only when a duration is given', () => {
    expect(isPlausibleSpeed(10, 30, 30)).toBe(true) // 20 km/h
    expect(isPlausibleSpeed(10, 10, 30)).toBe(false) // 60 km/h
    expect(isPlausibleSpeed(10, undefined, 30)).toBe(true)
  })
})

describe('methodology', () => {
  it('has every travel mode, material and scene once, each with a source and a positive integer figure and cap', () => {
    const keys = FACTORS.map((f) => f.key).sort()
    expect(keys).toEqual(
      [
        'bike',
        'bus',
        'cardboard',
        'carpool',
        'ev',
        'glass',
        'metal',
        'metro',
        'paper',
        'plastic',
        'textile',
        'walk',
        'werun',
        'cup',
        'tableware',
        'plate',
      ].sort(),
    )
    for (const f of FACTORS) {
      expect(Number.isInteger(f.gramsPerUnit) && f.gramsPerUnit > 0).toBe(true)
      expect(Number.isInteger(f.dailyCapGrams) && f.dailyCapGrams >= f.gramsPerUnit).toBe(true)
      expect(f.source.length).toBeGreaterThan(10)
      expect(f.sourceVersion.length).toBeGreaterThan(3)
      expect(f.id).toBe(`${f.kind}.${f.key}`)
      if (f.kind === 'travel') expect(f.maxKmh).toBeGreaterThan(0)
      else expect(f.maxKmh).toBeUndefined()
    }
  })

  it('explains every figure in English and Chinese, and both texts quote the same numbers', () => {
    const numbers = (text: string) => (text.match(/\d[\d,.]*\d|\d/g) ?? []).sort()
    for (const f of FACTORS) {
      expect(f.rationale?.length).toBeGreaterThan(5)
      expect(f.rationaleZh).toMatch(/[\u4e00-\u9fff]/)
      expect({ id: f.id, numbers: numbers(f.rationaleZh!) }).toEqual({ id: f.id, numbers: numbers(f.rationale!) })
    }
  })

  it('takes the conservative member of mixed material classes', () => {
    expect(factor('recycling.metal').gramsPerUnit).toBe(2020) // steel, not aluminium 10,060
    expect(factor('recycling.plastic').gramsPerUnit).toBe(840) // HDPE, lowest of the plastics
  })
})

describe('review flags', () => {
  const { reviewReasons, reversalOf } = require('../../src/core/review')
  const paper = factor('recycling.paper') // cap 34,600 g = 10 kg
  const bike = factor('travel.bike') // max 30 km/h

  it('flags a drop near the daily weight cap and a burst at one station', () => {
    expect(reviewReasons({ factor: paper, quantity: 7.9 })).toEqual([])
    expect(reviewReasons({ factor: paper, quantity: 8 })).toEqual(['near_cap_weight'])
    expect(reviewReasons({ factor: paper, quantity: 1, recentDropsAtStation: 1 })).toEqual([])
    expect(reviewReasons({ factor: paper, quantity: 9, recentDropsAtStation: 2 })).toEqual(['near_cap_weight', 'station_burst'])
  })

  it('counts recent drops on either clock and keeps a bounded row', () => {
    const { recentDropsAtStation, rememberDrop, parseStationDrops, STATION_DROPS_KEPT } = require('../../src/core/review')
    const MIN = 60_000
    const spreadClaims = [
      { claimedMs: 0, receivedMs: 100 * MIN },
      { claimedMs: 11 * MIN, receivedMs: 101 * MIN },
    ]
    // claimed 11 minutes after the last, but received a minute after it: both earlier drops are near on receipt
    expect(recentDropsAtStation(spreadClaims, { claimedMs: 22 * MIN, receivedMs: 102 * MIN })).toBe(2)
    expect(recentDropsAtStation(spreadClaims, { claimedMs: 22 * MIN, receivedMs: 200 * MIN })).toBe(0)
    expect(recentDropsAtStation(spreadClaims, { claimedMs: 5 * MIN, receivedMs: 200 * MIN })).toBe(2)
    fc.assert(
      fc.property(fc.array(fc.record({ claimedMs: fc.nat(), receivedMs: fc.nat() }), { maxLength: 30 }), (drops) => {
        const kept = drops.reduce((row: any[], d) => rememberDrop(row, d), [])
        expect(kept.length).toBe(Math.min(drops.length, STATION_DROPS_KEPT))
        const newest = [...drops]
          .map((d) => d.receivedMs)
          .sort((a, b) => b - a)
          .slice(0, STATION_DROPS_KEPT)
        expect(kept.map((d: any) => d.receivedMs)).toEqual(newest)
        expect(parseStationDrops(JSON.stringify(kept))).toEqual(kept)
      }),
    )
    expect(parseStationDrops('not json')).toEqual([])
    expect(parseStationDrops('[{"claimedMs":"x"},{"claimedMs":1,"receivedMs":2}]')).toEqual([{ claimedMs: 1, receivedMs: 2 }])
  })

  it('flags a trip close to the speed limit of its mode', () => {
    expect(reviewReasons({ factor: bike, quantity: 10, speedKmh: 26.9 })).toEqual([])
    expect(reviewReasons({ factor: bike, quantity: 10, speedKmh: 27 })).toEqual(['near_max_speed'])
    expect(reviewReasons({ factor: bike, quantity: 10 })).toEqual([])
  })

  it('reverses all the grams but never more points than the balance holds', () => {
    expect(reversalOf({ gramsCo2e: 500, points: 50 }, 80)).toEqual({ gramsCo2e: -500, points: -50 })
    expect(reversalOf({ gramsCo2e: 500, points: 50 }, 20)).toEqual({ gramsCo2e: -500, points: -20 })
    expect(reversalOf({ gramsCo2e: 500, points: 50 }, 0)).toEqual({ gramsCo2e: -500, points: 0 })
  })
})
