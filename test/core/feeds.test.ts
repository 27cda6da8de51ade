/** The operators' feeds' rules (issue 24): who may report what, operator trips against a person's trips, weighings. */
import { dropToConfirm, feedNotForKind, weighedAlready, weighingCorrection, WEIGHING_MATCH_WINDOW_MS } from '../../src/core/feeds'
import { operatorTripPrecedence, type Trip } from '../../src/core/kinds/rules/travel'

const MIN = 60_000
const trip = (entryId: string, startMin: number, endMin: number, operator?: string): Trip => ({
  entryId,
  factorId: 'travel.bike',
  startMs: startMin * MIN,
  endMs: endMin * MIN,
  ...(operator ? { operator } : {}),
})

describe('feeds', () => {
  it('give trips to those who see rides and weights to those who weigh', () => {
    expect(feedNotForKind('bikeshare', ['trips'])).toBeUndefined()
    expect(feedNotForKind('navigation', ['trips'])).toBeUndefined()
    expect(feedNotForKind('bin', ['weights'])).toBeUndefined()
    expect(feedNotForKind('bin', ['trips'])).toBe('trips')
    expect(feedNotForKind('transit', ['trips', 'weights'])).toBe('weights')
    expect(feedNotForKind('merchant', ['weights'])).toBe('weights')
    expect(feedNotForKind('merchant', [])).toBeUndefined()
  })

  it("let an operator's trip supersede the resident's, match another operator's, and clash with its own", () => {
    const span = { startMs: 10 * MIN, endMs: 40 * MIN }
    expect(operatorTripPrecedence([], span, 'pt_a')).toEqual({ supersedes: [] })
    expect(operatorTripPrecedence([trip('own1', 0, 15), trip('own2', 35, 50), trip('far', 50, 60)], span, 'pt_a')).toEqual({
      supersedes: ['own1', 'own2'],
    })
    expect(operatorTripPrecedence([trip('own1', 0, 15), trip('op', 20, 30, 'pt_b')], span, 'pt_a')).toEqual({ sameAs: 'op' })
    expect(operatorTripPrecedence([trip('op', 20, 30, 'pt_a')], span, 'pt_a')).toMatchObject({ violation: { code: 'TRIP_OVERLAP' } })
    // Touching end to start is not overlapping.
    expect(operatorTripPrecedence([trip('before', 0, 10, 'pt_b')], span, 'pt_a')).toEqual({ supersedes: [] })
  })

  it('confirm the nearest unweighed display-code drop of the material within the window, and refuse a report of a weighed one', () => {
    const at = 100 * MIN
    const drops = [
      { claimedMs: at - 20 * MIN, entryId: 'far', material: 'paper', evidence: 'station-display' as const },
      { claimedMs: at - 5 * MIN, entryId: 'near', material: 'paper', evidence: 'station-display' as const },
      { claimedMs: at, entryId: 'glass', material: 'glass', evidence: 'station-display' as const },
      { claimedMs: at, entryId: 'typed', material: 'metal', evidence: 'self-reported' as const },
    ]
    expect(dropToConfirm(drops, { material: 'paper', atMs: at })?.entryId).toBe('near')
    expect(dropToConfirm(drops, { material: 'metal', atMs: at })).toBeUndefined()
    expect(dropToConfirm(drops, { material: 'paper', atMs: at + WEIGHING_MATCH_WINDOW_MS + 6 * MIN })).toBeUndefined()
    const weighed = drops.map((d) => (d.entryId === 'near' ? { ...d, weighed: true } : d))
    expect(dropToConfirm(weighed, { material: 'paper', atMs: at })?.entryId).toBe('far')
    expect(weighedAlready(weighed, { material: 'paper', atMs: at + 20 * MIN })?.entryId).toBe('near')
    expect(weighedAlready(weighed, { material: 'glass', atMs: at })).toBeUndefined()
    expect(weighedAlready(weighed, { material: 'paper', atMs: at + 40 * MIN })).toBeUndefined()
  })

  it('correct by the difference, taking back no more points than the balance holds', () => {
    expect(weighingCorrection({ gramsCo2e: 3460, points: 346 }, { gramsCo2e: 4152, points: 415 }, 0, 10)).toEqual({
      gramsCo2e: 692,
      points: 69,
      keptCapGrams: 0,
    })
    expect(weighingCorrection({ gramsCo2e: 3460, points: 346 }, { gramsCo2e: 1730, points: 173 }, 500, 10)).toEqual({
      gramsCo2e: -1730,
      points: -173,
      keptCapGrams: 0,
    })
    // Only 50 points left to give: the other 123 points' grams (1,230 g) keep their room in the day's caps.
    expect(weighingCorrection({ gramsCo2e: 3460, points: 346 }, { gramsCo2e: 1730, points: 173 }, 50, 10)).toEqual({
      gramsCo2e: -1730,
      points: -50,
      keptCapGrams: 1230,
    })
    // Nothing left to give: the whole difference keeps its room, never more than the difference.
    expect(weighingCorrection({ gramsCo2e: 3460, points: 346 }, { gramsCo2e: 1730, points: 173 }, -20, 10)).toEqual({
      gramsCo2e: -1730,
      points: 0,
      keptCapGrams: 1730,
    })
    expect(weighingCorrection({ gramsCo2e: 3460, points: 346 }, { gramsCo2e: 3460, points: 346 }, 0, 10)).toEqual({ gramsCo2e: 0, points: 0, keptCapGrams: 0 })
  })
})
