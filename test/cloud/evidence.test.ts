/** The public dashboard's grams by evidence (issue 24): kept per entry, taken back with a reversal, read by level. */
import { DASHBOARD_CACHE_MS } from '../../mock/public/getCityDashboard'
import { harness, rid, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const drop = (weightKg: number, extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  kind: 'recycling',
  material: 'paper',
  weightKg,
  stationCode: 'ST-HQ01',
  ...extra,
})

async function byLevel(): Promise<Record<string, number>> {
  h.clock.ms += DASHBOARD_CACHE_MS + 1
  const { evidence } = await (await h.as('anyone')).ok('getCityDashboard')
  return Object.fromEntries(evidence.map((l: any) => [l.level, l.gramsCo2e]))
}

it("counts each credit under how it was proven, and a reversal under its original's level", async () => {
  const boss = await h.as('boss')
  const desk = await h.as('desk')
  await boss.ok('grantOrganizer', { openid: desk.openid, communityId: null, granted: true })
  const ann = await h.as('ann')
  expect(await byLevel()).toEqual({ operator: 0, scale: 0, 'station-display': 0, 'venue-display': 0, 'verified-steps': 0, 'self-reported': 0 })

  const code = (await boss.ok('stationDisplayCode', { stationCode: 'ST-HQ01' })).code
  const scanned = (await ann.ok('checkIn', drop(1, { displayCode: code }))).entry
  const typed = (await ann.ok('checkIn', drop(1, { occurredAt: new Date(h.clock.ms - 60 * 60_000).toISOString() }))).entry
  const trip = (await ann.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 5, durationMin: 20 })).entry
  expect(await byLevel()).toMatchObject({ 'station-display': scanned.gramsCo2e, 'self-reported': typed.gramsCo2e + trip.gramsCo2e })

  // a drop near the paper cap is held for review; reversed, it leaves the level it was counted under
  const bo = await h.as('bo')
  const heavy = (await bo.ok('checkIn', drop(9, { displayCode: (await boss.ok('stationDisplayCode', { stationCode: 'ST-HQ01' })).code }))).entry
  expect(heavy.evidence).toBe('station-display')
  expect((await byLevel())['station-display']).toBe(scanned.gramsCo2e + heavy.gramsCo2e)
  const [item] = (await boss.ok('listReviewQueue', {})).items
  await desk.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
  const { entries } = await bo.ok('listLedger', { limit: 10 })
  expect(entries.find((e: any) => e.type === 'adjust')).toMatchObject({ ref: heavy.id, evidence: 'station-display', gramsCo2e: -heavy.gramsCo2e })
  expect(await bo.ok('verifyLedger')).toMatchObject({ ok: true })
  expect(await byLevel()).toMatchObject({ 'station-display': scanned.gramsCo2e, 'self-reported': typed.gramsCo2e + trip.gramsCo2e, operator: 0 })
})
