/** How well a credit is proven: each entry's level, and the dashboard's whole-percent shares (issue 24). */
import fc from 'fast-check'
import { EVIDENCE_LEVELS, evidenceLevelOf, evidenceShares, gramsByEvidence } from '../../src/core/evidence'
import '../../src/core/kinds'

it('reads the level an entry names, its kind’s own for none, and the weakest for one it does not know', () => {
  expect(evidenceLevelOf('recycling.paper', 'station-display')).toBe('station-display')
  expect(evidenceLevelOf('recycling.paper', 'self-reported')).toBe('self-reported')
  expect(evidenceLevelOf('travel.bike', 'operator')).toBe('operator')
  expect(evidenceLevelOf('steps.werun', undefined)).toBe('verified-steps')
  expect(evidenceLevelOf('travel.bus', undefined)).toBe('self-reported')
  // a level nobody wrote on an entry is never promoted, whatever it claims
  expect(evidenceLevelOf('travel.bus', 'notarised')).toBe('self-reported')
  expect(evidenceLevelOf('steps.werun', 'notarised')).toBe('self-reported')
})

it('adds counter rows up by level, every level present, strongest first', () => {
  const levels = gramsByEvidence([
    { factorId: 'recycling.paper', evidence: 'station-display', gramsCo2e: 3460 },
    { factorId: 'recycling.paper', evidence: '', gramsCo2e: 100 },
    { factorId: 'steps.werun', evidence: '', gramsCo2e: 66 },
    { factorId: 'travel.bike', evidence: 'operator', gramsCo2e: 500 },
    { factorId: 'recycling.paper', evidence: 'station-display', gramsCo2e: -460 },
  ])
  expect(levels).toEqual([
    { level: 'operator', gramsCo2e: 500 },
    { level: 'scale', gramsCo2e: 0 },
    { level: 'station-display', gramsCo2e: 3000 },
    { level: 'venue-display', gramsCo2e: 0 },
    { level: 'verified-steps', gramsCo2e: 66 },
    { level: 'self-reported', gramsCo2e: 100 },
  ])
  expect(evidenceShares(levels).map((l) => l.percent)).toEqual([13, 0, 82, 0, 2, 3])
})

it('gives whole percents that add to exactly 100 whenever any grams were credited, and 0 each otherwise', () => {
  const grams = fc.array(fc.integer({ min: -1_000, max: 10_000_000 }), { minLength: EVIDENCE_LEVELS.length, maxLength: EVIDENCE_LEVELS.length })
  fc.assert(
    fc.property(grams, (g) => {
      const shares = evidenceShares(g.map((gramsCo2e) => ({ gramsCo2e })))
      const positive = g.some((x) => x > 0)
      const sum = shares.reduce((s, l) => s + l.percent, 0)
      expect(sum).toBe(positive ? 100 : 0)
      shares.forEach((l, i) => {
        expect(l.percent).toBeGreaterThanOrEqual(0)
        if (g[i] <= 0) expect(l.percent).toBe(0)
      })
    }),
  )
})
