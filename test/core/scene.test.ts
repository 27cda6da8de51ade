/** The scene kind's own rules (issue 24): its cited factors, its per-behaviour cap, and the repeat window of its memory. */
import fc from 'fast-check'
import { SCENE_BEHAVIOURS } from '../../src/contract/constants'
import type { Station } from '../../src/contract/types'
import { counterKeysOf, creditCheckIn, planCheckIn } from '../../src/core/checkin'
import { capKeyOf, kindNamed, requestKindOf } from '../../src/core/kinds'
import { rememberScene, repeatedScene, SCENE_REPEAT_WINDOW_MS, SCENE_VISITS_KEPT, parseSceneVisits, type SceneVisit } from '../../src/core/kinds/rules/scene'
import { DAY_TOTAL_KEY } from '../../src/core/farming'
import { FACTORS, GRAMS_PER_POINT, METHODOLOGY_VERSION, SCENE_FACTORS } from '../../src/core/methodology'

const NOW = Date.parse('2026-11-29T04:00:00Z')
const cafe: Station = { code: 'CAFE-01', name: 'Corner Café', materials: [], behaviours: ['cup', 'tableware'] }
const req = (behaviour: string) => ({ requestId: 'r-1', kind: 'scene', behaviour, venueCode: 'CAFE-01', displayCode: 'GL1.CAFE-01.1.00' })
const factor = (key: string) => SCENE_FACTORS.find((f) => f.key === key)!

describe('scene factors', () => {
  it('has one cited factor per behaviour, in methodology 2026.3, and none for the own bag', () => {
    expect(METHODOLOGY_VERSION).toBe('2026.3')
    expect(SCENE_FACTORS.map((f) => [f.id, f.gramsPerUnit, f.dailyCapGrams])).toEqual([
      ['scene.cup', 55, 165],
      ['scene.tableware', 20, 60],
      ['scene.plate', 144, 288],
    ])
    expect(SCENE_FACTORS.map((f) => f.key)).toEqual([...SCENE_BEHAVIOURS])
    for (const f of SCENE_FACTORS) {
      expect(FACTORS).toContainEqual(f)
      for (const text of [f.source, f.sourceVersion, f.sourceZh, f.sourceVersionZh, f.rationale, f.rationaleZh]) expect(text?.length).toBeGreaterThan(5)
    }
    expect(FACTORS.some((f) => f.id === 'scene.bag')).toBe(false)
  })

  it('plans one occurrence at an enabling venue and refuses the rest with a reason', () => {
    const ok = planCheckIn(req('cup'), factor('cup'), cafe, NOW)
    expect(ok).toMatchObject({ ok: true, value: { quantity: 1, measured: { quantity: 1, unit: 'time' } } })
    expect(planCheckIn(req('plate'), factor('plate'), cafe, NOW)).toMatchObject({ ok: false, violation: { reason: 'scene.behaviourNotEnabled' } })
    expect(planCheckIn(req('cup'), factor('cup'), undefined, NOW)).toMatchObject({ ok: false, violation: { reason: 'scene.venueNotFound' } })
    expect(planCheckIn(req('cup'), factor('cup'), { ...cafe, retiredAt: '2026-11-01T00:00:00+08:00' }, NOW)).toMatchObject({
      ok: false,
      violation: { code: 'STATION_RETIRED', reason: 'scene.venueRetired' },
    })
  })

  it("caps a behaviour per day under its own counter row and the day's total", () => {
    const { kind } = requestKindOf(req('cup'))
    const plan = planCheckIn(req('cup'), factor('cup'), cafe, NOW)
    if (!plan.ok) throw new Error('planned')
    expect(counterKeysOf(kind, 'scene.cup', 'venue-display')).toEqual([capKeyOf('scene.cup'), DAY_TOTAL_KEY])
    const rules = { gramsPerPoint: GRAMS_PER_POINT, dailyTotalGrams: 36_380, factors: FACTORS }
    const credit = (already: number) =>
      creditCheckIn(kind, plan.value, factor('cup'), (k) => (k === capKeyOf('scene.cup') ? already : 0), rules, 'venue-display')
    expect(credit(0)).toMatchObject({ ok: true, value: { gramsCo2e: 55 } })
    expect(credit(150)).toMatchObject({ ok: true, value: { gramsCo2e: 15, capped: true } })
    expect(credit(165)).toMatchObject({ ok: false, violation: { code: 'DAILY_CAP_REACHED' } })
    // anything but a scanned venue display earns nothing
    expect(creditCheckIn(kind, plan.value, factor('cup'), () => 0, rules, 'self-reported')).toMatchObject({
      ok: false,
      violation: { reason: 'scene.displayRequired' },
    })
  })
})

describe("the scene kind's memory", () => {
  const visit = fc.record({
    behaviour: fc.constantFrom(...SCENE_BEHAVIOURS),
    claimedMs: fc.integer({ min: NOW - 86_400_000, max: NOW }),
    receivedMs: fc.integer({ min: NOW - 86_400_000, max: NOW }),
  })

  it('refuses exactly the same behaviour within the window on either clock', () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: SCENE_VISITS_KEPT }), visit, (previous, next) => {
        const repeat = repeatedScene(previous, next)
        const expected = previous.some(
          (p) =>
            p.behaviour === next.behaviour &&
            (Math.abs(p.claimedMs - next.claimedMs) < SCENE_REPEAT_WINDOW_MS || Math.abs(p.receivedMs - next.receivedMs) < SCENE_REPEAT_WINDOW_MS),
        )
        expect(repeat !== undefined).toBe(expected)
      }),
    )
  })

  it('keeps the newest visits by receipt, at most SCENE_VISITS_KEPT, and reads a stored row back', () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 30 }), visit, (previous, next) => {
        const kept = rememberScene(previous, next)
        expect(kept.length).toBe(Math.min(previous.length + 1, SCENE_VISITS_KEPT))
        expect(kept.map((v) => v.receivedMs)).toEqual([...kept.map((v) => v.receivedMs)].sort((a, b) => b - a))
        expect(parseSceneVisits(JSON.stringify(kept))).toEqual(kept)
      }),
    )
    expect(parseSceneVisits('not json')).toEqual([])
    expect(parseSceneVisits(JSON.stringify([{ behaviour: 'cup' }]))).toEqual([])
  })

  it('refuses a repeat through the kind definition with the minutes as its param', () => {
    const memory = kindNamed('scene')!.request!.memory!
    const earlier: SceneVisit[] = [{ behaviour: 'cup', claimedMs: NOW - 60_000, receivedMs: NOW - 60_000 }]
    const base = { factorId: 'scene.cup', occurredAtMs: NOW, receivedMs: NOW, maxBackdateHours: 48 }
    expect(memory.recall(earlier, { ...base, req: req('cup') })).toMatchObject({ violation: { reason: 'scene.repeated', params: { minutes: 30 } } })
    expect(memory.recall(earlier, { ...base, req: req('tableware') })).toEqual({})
  })
})
