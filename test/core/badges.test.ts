import fc from 'fast-check'
import { badgeStates, KG10_GRAMS, runs } from '../../src/core/badges'
import { BUD_STAGES, budGrowth } from '../../src/core/bud'
import { addDays } from '../../src/core/time'
import { EQUIVALENTS, equivalentUnits, PHONE_CHARGE_GRAMS, YOUNG_TREE_GRAMS_PER_DAY } from '../../src/core/equivalents'

const facts = (over: Partial<Parameters<typeof badgeStates>[0]>) => ({
  checkInDays: [],
  dayGrams: [],
  totalGrams: 0,
  firstCompletionDay: null,
  windowStartDay: '2025-01-01',
  ...over,
})
const byId = (states: ReturnType<typeof badgeStates>) => Object.fromEntries(states.map((s) => [s.id, s]))

describe('badges', () => {
  it('dates each badge by the day it was earned', () => {
    const days = ['2026-03-01', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']
    const got = byId(
      badgeStates(
        facts({
          checkInDays: [...days].reverse(),
          dayGrams: [
            { day: '2026-03-01', gramsCo2e: 6_000 },
            { day: '2026-03-03', gramsCo2e: 5_000 },
            { day: '2026-03-04', gramsCo2e: -2_000 }, // a reversal takes it back under
            { day: '2026-03-05', gramsCo2e: 1_000 },
          ],
          totalGrams: 10_000,
          firstCompletionDay: '2026-03-07',
        }),
      ),
    )
    expect(got.first_checkin).toEqual({ id: 'first_checkin', earned: true, earnedDay: '2026-03-01' })
    // 03-03 reached 11 kg, 03-04 fell back to 9 kg: the badge is dated when the total reached 10 kg again
    expect(got.kg10).toEqual({ id: 'kg10', earned: true, earnedDay: '2026-03-03' })
    expect(got.streak7).toEqual({ id: 'streak7', earned: true, earnedDay: '2026-03-09' })
    expect(got.challenge_done.earnedDay).toBe('2026-03-07')
  })

  it('earned before the window: earned, with no day', () => {
    const got = byId(badgeStates(facts({ checkInDays: ['2025-06-01'], dayGrams: [{ day: '2025-06-01', gramsCo2e: 100 }], totalGrams: KG10_GRAMS + 100 })))
    expect(got.kg10).toEqual({ id: 'kg10', earned: true, earnedDay: null })
    expect(got.first_checkin.earnedDay).toBe('2025-06-01')
    expect(got.streak7.earned).toBe(false)
  })

  it('the streak badge needs seven days in a row', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), (offsets) => {
        const days = offsets.map((o) => addDays('2026-01-01', o))
        const set = new Set(offsets)
        let longest = 0
        for (const o of offsets) {
          let n = 0
          while (set.has(o + n)) n++
          longest = Math.max(longest, n)
        }
        expect(runs(days, 7).longest).toBe(longest)
        expect(byId(badgeStates(facts({ checkInDays: days }))).streak7.earned).toBe(longest >= 7)
      }),
    )
  })
})

describe('the green bud', () => {
  it('grows through every stage in order, each from its cited threshold', () => {
    expect(BUD_STAGES.map((s) => s.fromGrams)).toEqual([0, 171, 500, 6_000, 17_900, 60_000])
    expect(budGrowth(0)).toMatchObject({ index: 0, progress: 0, gramsToNext: 171 })
    expect(budGrowth(170)).toMatchObject({ index: 0, gramsToNext: 1 })
    expect(budGrowth(171)).toMatchObject({ index: 1, progress: 0 })
    expect(budGrowth(17_899).stage.id).toBe('sapling')
    expect(budGrowth(17_900).stage.id).toBe('youngTree')
    expect(budGrowth(10_000_000)).toMatchObject({ index: 5, progress: 1, gramsToNext: 0, next: undefined })
    expect(budGrowth(-5).index).toBe(0)
    expect(budGrowth(Number.NaN).index).toBe(0)
  })

  it('never shrinks as grams grow', () => {
    fc.assert(
      fc.property(fc.nat(200_000), fc.nat(200_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const x = budGrowth(lo)
        const y = budGrowth(hi)
        expect(y.index + y.progress).toBeGreaterThanOrEqual(x.index + x.progress)
        expect(x.progress).toBeGreaterThanOrEqual(0)
        expect(x.progress).toBeLessThanOrEqual(1)
      }),
    )
  })
})

describe('equivalents', () => {
  it('are derived from their cited figures', () => {
    expect(YOUNG_TREE_GRAMS_PER_DAY).toBe(16.4) // 60,000 g / 3,652 days
    expect(PHONE_CHARGE_GRAMS).toBe(10.2) // 0.019 kWh × 536.6 g/kWh
    const [car, tree, phone] = EQUIVALENTS
    expect(equivalentUnits(1_000, car)).toBe(5.8)
    expect(equivalentUnits(1_000, tree)).toBe(60.9)
    expect(equivalentUnits(1_000, phone)).toBe(98)
    expect(equivalentUnits(0, phone)).toBe(0)
    expect(equivalentUnits(-10, phone)).toBe(0)
  })
})
