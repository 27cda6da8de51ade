import { capKeyOf, dailyTotal, factorLabelKeyOf, kindNamed, kinds, measuredBy, registerKind, requestKindOf } from '../../src/core/kinds'
import { FACTORS } from '../../src/core/methodology'
import { creditRules } from '../../src/core/farming'

describe('check-in kinds registry', () => {
  it('names every factor of the methodology through its kind, and describes what it measured', () => {
    for (const f of FACTORS) expect(factorLabelKeyOf(f.id)).toMatch(/^(mode|material|factor|scene)\./)
    expect(measuredBy('travel.bike', { distanceM: 5000, durationS: 1200 })).toBe('5 km / 20 min')
    expect(measuredBy('recycling.paper', { weightG: 2500 })).toBe('2.5 kg')
    expect(measuredBy('steps.werun', { steps: 8000 })).toBe('8000 steps')
    expect(factorLabelKeyOf('teleport.x')).toBeUndefined()
  })

  it('plans each request kind by its own rules', () => {
    const bike = FACTORS.find((f) => f.id === 'travel.bike')!
    const trip = { requestId: 'abcdefgh', kind: 'travel' as const, mode: 'bike' as const, distanceKm: 5, durationMin: 20 }
    const { kind, factorId } = requestKindOf(trip)
    expect(factorId).toBe('travel.bike')
    expect(kind.request.plan(trip, bike, undefined)).toEqual({ ok: true, value: { quantity: 5, measured: { distanceM: 5000, durationS: 1200 } } })
    expect(kind.request.reviewFacts?.(trip)).toEqual({ speedKmh: 15 })
    const paper = FACTORS.find((f) => f.id === 'recycling.paper')!
    const drop = { requestId: 'abcdefgh', kind: 'recycling' as const, material: 'paper' as const, weightKg: 2, stationCode: 'ST-X' }
    const recycling = requestKindOf(drop).kind.request
    expect(recycling.plan(drop, paper, undefined)).toMatchObject({ ok: false, violation: { code: 'NOT_FOUND' } })
    expect(recycling.plan(drop, paper, { code: 'ST-X', name: 'x', materials: ['glass'] })).toMatchObject({ ok: false, violation: { code: 'INVALID_ARGUMENT' } })
    expect(() => requestKindOf({ kind: 'teleport' })).toThrow(/no check-in kind/)
    // Verified steps are a kind of factor, not of request: they come from syncSteps.
    expect(() => requestKindOf({ kind: 'steps' })).toThrow(/no check-in kind/)
  })

  it('keeps per-kind decisions with their kind: the walking cap steps share, the day total each kind adds to', () => {
    expect(capKeyOf('steps.werun')).toBe('travel.walk')
    expect(capKeyOf('travel.bike')).toBe('travel.bike')
    expect(dailyTotal(FACTORS)).toEqual({
      grams: 34_600 + 1_780,
      basis: 'largest recycling cap (paper 10 kg × 3,460 g/kg, Luzhou 绿芽积分) + largest travel cap (EV 20 km × 89 g/km)',
      basisZh: '最大的回收上限（纸张 10 千克 × 3460 克/千克，泸州绿芽积分）+ 最大的出行上限（电动车 20 公里 × 89 克/公里）',
    })
    expect(kinds().map((k) => k.name)).toEqual(['travel', 'recycling', 'steps', 'scene'])
  })

  it('refuses a second kind of the same name, and a name that cannot prefix a factor id', () => {
    expect(() => registerKind({ ...kindNamed('travel')!, name: 'travel' })).toThrow(/already registered/)
    expect(() => registerKind({ name: 'a.b', labels: { factorLabelKey: () => 'factor.unknown' } })).toThrow(/name/)
  })

  it('publishes the rules as they always were, byte for byte, though each kind now brings its own (and scenes add theirs last)', () => {
    expect(JSON.stringify(creditRules(48))).toBe(
      JSON.stringify({
        maxBackdateHours: 48,
        travelNeedsDuration: true,
        dailyTotalGrams: 36_380,
        dailyTotalBasis: 'largest recycling cap (paper 10 kg × 3,460 g/kg, Luzhou 绿芽积分) + largest travel cap (EV 20 km × 89 g/km)',
        dailyTotalBasisZh: '最大的回收上限（纸张 10 千克 × 3460 克/千克，泸州绿芽积分）+ 最大的出行上限（电动车 20 公里 × 89 克/公里）',
        stationBurstCount: 3,
        stationBurstWindowMin: 10,
        nearCapShare: 0.8,
        heldWhileReviewed: true,
        selfReportedCapShare: 0.5,
        selfReportedDailyGrams: 17_300,
        residentsPerCodeWindow: 4,
        // issue 24: the scene kind's repeat window, after the rules that were
        sceneRepeatWindowMin: 30,
      }),
    )
  })

  it("keeps one kind's memory on the person's own row", () => {
    const travel = kindNamed('travel')!
    expect(() => registerKind({ ...travel, name: 'second-trips', challengeMetrics: undefined })).toThrow(/person's row/)
  })
})
