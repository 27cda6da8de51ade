/**
 * A check-in kind defined only in a test fixture (test/support/fixtureKind.ts: a resident's own cup at a café) goes
 * end to end through the cloud with no change anywhere else: validated by its own schema, credited with its own
 * factor, refused and flagged by its own memory, capped by its factor and counted in the day's total by its share,
 * reviewed and reversed by an organizer, measured as quantity and unit, and verified in the hash chain.
 */
import { challengeMetricRule } from '../../src/core/kinds'
import { contribution, fromUnits, toUnits } from '../../src/core/challenge'
import type { ChallengeMetric } from '../../src/contract/constants'
import { DAILY_TOTAL_GRAMS, DAILY_TOTAL_BASIS } from '../../src/core/farming'
import { entryHash } from '../../src/core/ledger'
import { CUP_FACTOR, CUP_KIND, registerCupKind, SAME_ORDER_MS } from '../support/fixtureKind'
import { allEntries, harness, NOW, rid, type Harness } from './harness'

registerCupKind()

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(() => h.close())

const cup = (cafe: string, cups: number, extra: Record<string, unknown> = {}) => ({ requestId: rid('cup'), kind: CUP_KIND, cafe, cups, ...extra })
const MINUTE = 60_000

it("publishes the fixture's factor and its share of the day's total beside the built-in ones", async () => {
  const me = await h.as('cupper')
  const m = await me.ok('getMethodology')
  expect(m.factors.find((f: { id: string }) => f.id === CUP_FACTOR.id)).toEqual(CUP_FACTOR)
  expect(m.factors.filter((f: { kind: string }) => f.kind === 'travel')).toHaveLength(6)
  expect(m.rules.dailyTotalGrams).toBe(DAILY_TOTAL_GRAMS + CUP_FACTOR.dailyCapGrams)
  expect(m.rules.dailyTotalBasis).toBe(`${DAILY_TOTAL_BASIS} + largest own-cup cap (4 cups × 35 g, fixture)`)
})

it('credits, remembers, caps, flags and reverses a check-in of a kind defined only in the fixture; the ledger verifies', async () => {
  const me = await h.as('cupper')
  // Its own schema: the union built from the registry takes its fields and refuses what they do not allow.
  expect(await me.error('checkIn', cup('BEAN-1', 0))).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/cups must be at least 1/) })
  expect(await me.error('checkIn', { ...cup('BEAN-1', 1), mode: 'bike' })).toMatchObject({ code: 'INVALID_ARGUMENT' })

  const first = await me.ok('checkIn', cup('BEAN-1', 2))
  expect(first).toMatchObject({
    capped: false,
    entry: {
      type: 'checkin',
      factorId: CUP_FACTOR.id,
      sourceVersion: CUP_FACTOR.sourceVersion,
      methodologyVersion: '2026.3',
      gramsCo2e: 70,
      points: 7,
      quantity: 2,
      unit: 'cup',
      day: '2026-11-29',
    },
  })
  // What it measured is quantity and unit: none of the first kinds' fields.
  for (const field of ['distanceM', 'durationS', 'weightG', 'steps', 'stationCode', 'evidence']) expect(first.entry).not.toHaveProperty(field)

  // Its memory refuses a second order at the same café within the minute…
  h.clock.ms += SAME_ORDER_MS / 2
  expect(await me.error('checkIn', cup('BEAN-1', 1))).toMatchObject({ code: 'IMPLAUSIBLE', message: expect.stringMatching(/BEAN-1/) })
  // …but not one at another café, which goes on the same factor's cap.
  h.clock.ms += 10 * MINUTE
  expect((await me.ok('checkIn', cup('LEAF-2', 1))).entry).toMatchObject({ gramsCo2e: 35, points: 3 })

  // Back at the first café within the hour: credited up to the cap (140 g), and flagged for review.
  h.clock.ms += 10 * MINUTE
  const third = await me.ok('checkIn', cup('BEAN-1', 2))
  expect(third).toMatchObject({ capped: true, entry: { gramsCo2e: 35, points: 3, quantity: 2, unit: 'cup' } })
  expect(third.wallet).toMatchObject({ gramsCo2eTotal: 140, pointsBalance: 13, pointsHeld: 3 })
  h.clock.ms += 10 * MINUTE
  expect(await me.error('checkIn', cup('ROAST-3', 1))).toMatchObject({ code: 'DAILY_CAP_REACHED', message: expect.stringMatching(/140 g for own/) })

  // Its factor is on today's caps like any other.
  const wallet = await me.ok('getWallet')
  expect(wallet.todayByFactor).toContainEqual({ factorId: CUP_FACTOR.id, gramsCo2e: 140 })

  // An organizer sees the fixture's review reason with the entry, and reverses it.
  const desk = await h.as('organizer')
  const [item] = (await desk.ok('listReviewQueue', {})).items
  expect(item).toMatchObject({ reasons: ['cup_rush'], entry: { id: third.entry.id, quantity: 2, unit: 'cup' } })
  await desk.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
  expect((await me.ok('getWallet')).wallet).toMatchObject({ gramsCo2eTotal: 105, pointsBalance: 10, pointsHeld: 0 })
  // The reversal freed the factor's cap for the day.
  h.clock.ms += 10 * MINUTE
  expect((await me.ok('checkIn', cup('ROAST-3', 1))).entry.gramsCo2e).toBe(35)

  // The chain verifies, quantity and unit hashed with the rest; so does one entry to anyone.
  expect(await me.ok('verifyLedger')).toMatchObject({ ok: true, entries: 5 })
  const entries = await allEntries(me)
  for (const { hash, ...rest } of entries) expect(entryHash(rest)).toBe(hash)
  const byHash = await h.cloud.call('verifyPublic', { code: first.entry.hash }, undefined)
  expect(byHash.body).toMatchObject({ result: { genuine: true, entry: { factorId: CUP_FACTOR.id, gramsCo2e: 70 } } })
})

it('answers a repeated requestId with the first credit, not a second one', async () => {
  const me = await h.as('cupper')
  const once = cup('BEAN-1', 1, { occurredAt: new Date(NOW - 5 * MINUTE).toISOString() })
  const first = await me.ok('checkIn', once)
  h.clock.ms += 5 * MINUTE
  expect((await me.ok('checkIn', once)).entry).toEqual(first.entry)
  expect(await allEntries(me)).toHaveLength(1)
})

it('scores a challenge metric the fixture owns, in its own units', () => {
  const metric = 'fixtureCups' as ChallengeMetric
  expect(challengeMetricRule(metric)).toBeDefined()
  expect(toUnits(metric, 3)).toBe(3)
  expect(fromUnits(metric, 3)).toBe(3)
  const rule = { metric, startDay: '2026-11-01', endDay: '2026-11-30' }
  const entry = { type: 'checkin' as const, day: '2026-11-29', gramsCo2e: 70, factorId: CUP_FACTOR.id, quantity: 2, unit: 'cup' }
  expect(contribution(rule, entry, NOW, NOW - 1)).toBe(2)
  expect(contribution(rule, { ...entry, factorId: 'travel.bike', quantity: undefined, unit: undefined, distanceM: 5000 }, NOW, NOW - 1)).toBe(0)
})
