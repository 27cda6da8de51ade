import { FACTOR_KINDS, checkInKind } from '../../src/core/kinds'
import { FACTORS } from '../../src/core/methodology'

describe('check-in kinds registry', () => {
  it('names every factor of the methodology through its kind, and describes what it measured', () => {
    for (const f of FACTORS) expect(FACTOR_KINDS[f.kind].labelKey(f.key)).toMatch(/^(mode|material|factor)\./)
    expect(FACTOR_KINDS.travel.measured({ distanceM: 5000, durationS: 1200 })).toBe('5 km / 20 min')
    expect(FACTOR_KINDS.recycling.measured({ weightG: 2500 })).toBe('2.5 kg')
    expect(FACTOR_KINDS.steps.measured({ steps: 8000 })).toBe('8000 steps')
  })

  it('plans each request kind by its own rules', () => {
    const bike = FACTORS.find((f) => f.id === 'travel.bike')!
    const trip = { requestId: 'abcdefgh', kind: 'travel' as const, mode: 'bike' as const, distanceKm: 5, durationMin: 20 }
    const { kind, factorId } = checkInKind(trip)
    expect(factorId).toBe('travel.bike')
    expect(kind.plan(trip, bike, undefined)).toEqual({ ok: true, value: { quantity: 5, measurements: { distanceM: 5000, durationS: 1200 } } })
    expect(kind.reviewFacts(trip)).toEqual({ speedKmh: 15 })
    const paper = FACTORS.find((f) => f.id === 'recycling.paper')!
    const drop = { requestId: 'abcdefgh', kind: 'recycling' as const, material: 'paper' as const, weightKg: 2, stationCode: 'ST-X' }
    expect(checkInKind(drop).kind.plan(drop, paper, undefined)).toMatchObject({ ok: false, violation: { code: 'NOT_FOUND' } })
    expect(checkInKind(drop).kind.plan(drop, paper, { code: 'ST-X', name: 'x', materials: ['glass'] })).toMatchObject({ ok: false, violation: { code: 'INVALID_ARGUMENT' } })
    expect(() => checkInKind({ kind: 'teleport' } as never)).toThrow(/no check-in kind/)
  })
})
