/** What a scale's correction of a credited drop moves (issue 24): counter rows, the measured difference, what stands, holds, challenges. */
import { correctionCounterMoves, countedFor } from '../../src/core/checkin'
import { correctionEffect } from '../../src/core/challenge'
import { DAY_TOTAL_KEY } from '../../src/core/farming'
import { heldAfterCorrection, measuredDifference, standingOf } from '../../src/core/feeds'
import { requestKindOf } from '../../src/core/kinds'
import { SELF_REPORTED_TOTAL_KEY } from '../../src/core/kinds/rules/recycling'
import { FACTORS } from '../../src/core/methodology'

const { kind } = requestKindOf({ requestId: 'r', kind: 'recycling', material: 'paper' } as never)
const paper = FACTORS.find((f) => f.id === 'recycling.paper')!
const rules = { factors: FACTORS }

describe('a weighing correction', () => {
  it("gives back every row the drop counted in, the kind's own rows included", () => {
    const displayed = countedFor(kind, paper, rules, { day: '2026-11-29', gramsCo2e: 3460, evidence: 'station-display' })
    expect(Object.fromEntries(displayed)).toEqual({ 'recycling.paper': 3460, [DAY_TOTAL_KEY]: 3460 })
    const typed = countedFor(kind, paper, rules, { day: '2026-11-29', gramsCo2e: 1000, evidence: 'self-reported' })
    expect(Object.fromEntries(typed)).toEqual({
      'recycling.paper': 1000,
      [DAY_TOTAL_KEY]: 1000,
      '~self.recycling.paper': 1000,
      [SELF_REPORTED_TOTAL_KEY]: 1000,
    })
  })

  it("moves the kind's own rows by the difference, and leaves the cap and total rows to the adjust's grams", () => {
    const typed = countedFor(kind, paper, rules, { day: '2026-11-29', gramsCo2e: 1000, evidence: 'self-reported' })
    // Weighed at evidence 'scale' the drop would have added nothing to the typed-code rows: their 1000 g come back.
    expect(correctionCounterMoves(paper.id, typed, [])).toEqual([
      { key: '~self.recycling.paper', grams: -1000 },
      { key: SELF_REPORTED_TOTAL_KEY, grams: -1000 },
    ])
    // Weighed at the same evidence, heavier: the rows rise by the difference only.
    const heavier = [
      { key: '~self.recycling.paper', grams: 1500 },
      { key: SELF_REPORTED_TOTAL_KEY, grams: 1500 },
    ]
    expect(correctionCounterMoves(paper.id, typed, heavier)).toEqual([
      { key: '~self.recycling.paper', grams: 500 },
      { key: SELF_REPORTED_TOTAL_KEY, grams: 500 },
    ])
    expect(correctionCounterMoves(paper.id, countedFor(kind, paper, rules, { day: '2026-11-29', gramsCo2e: 3460, evidence: 'station-display' }), [])).toEqual(
      [],
    )
  })

  it('carries the measured difference, and nothing where the scale agrees', () => {
    expect(measuredDifference({ weightG: 1000 }, { weightG: 1200 })).toEqual({ weightG: 200 })
    expect(measuredDifference({ weightG: 2000 }, { weightG: 1500 })).toEqual({ weightG: -500 })
    expect(measuredDifference({ weightG: 1000 }, { weightG: 1000 })).toEqual({})
  })

  it('leaves standing the drop with its corrections, so a decision takes back what is left', () => {
    const drop = { id: 'e1', gramsCo2e: 31_140, points: 3114, weightG: 9000 }
    expect(standingOf(drop, [])).toBe(drop)
    expect(
      standingOf(drop, [
        { ref: 'e1', gramsCo2e: 3460, points: 346, weightG: 3000 },
        { ref: 'other', gramsCo2e: 1, points: 1 },
      ]),
    ).toEqual({
      id: 'e1',
      gramsCo2e: 34_600,
      points: 3460,
      weightG: 12_000,
    })
  })

  it('holds what it credits with the drop under review, and releases what it takes back no further than the hold', () => {
    expect(heldAfterCorrection(3114, 346)).toBe(346)
    expect(heldAfterCorrection(3114, -173)).toBe(-173)
    expect(heldAfterCorrection(100, -173)).toBe(-100)
    expect(heldAfterCorrection(0, -173)).toBe(0)
  })

  it('moves a challenge by the difference of the shares, pending while under review, and a check-in count not at all', () => {
    const rule = (metric: string) => ({ metric: metric as never, startDay: '2026-11-29', endDay: '2026-12-05' })
    const before = { type: 'checkin' as const, day: '2026-11-29', gramsCo2e: 3460, factorId: 'recycling.paper', weightG: 1000 }
    const after = { ...before, gramsCo2e: 4152, weightG: 1200 }
    const me = { joinedMs: 0, pendingValue: 0 }
    expect(correctionEffect(rule('recyclingKg'), before, after, 1, me, false)).toEqual({ delta: 200, pending: 0 })
    expect(correctionEffect(rule('gramsCo2e'), before, after, 1, me, false)).toEqual({ delta: 692, pending: 0 })
    expect(correctionEffect(rule('checkins'), before, after, 1, me, true)).toEqual({ delta: 0, pending: 0 })
    expect(correctionEffect(rule('recyclingKg'), before, after, 1, { joinedMs: 0, pendingValue: 1000 }, true)).toEqual({ delta: 200, pending: 200 })
    expect(correctionEffect(rule('recyclingKg'), after, before, 1, { joinedMs: 0, pendingValue: 100 }, true)).toEqual({ delta: -200, pending: -100 })
    expect(correctionEffect(rule('recyclingKg'), before, after, 1, { joinedMs: 5 }, false)).toEqual({ delta: 0, pending: 0 })
  })
})
