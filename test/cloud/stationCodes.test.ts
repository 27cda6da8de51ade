/** Rotating station codes: a display's code proves presence (full cap); a typed code is self-reported (half). */
import { DASHBOARD_CACHE_MS } from '../../mock/public/getCityDashboard'
import { DISPLAY_WINDOW_MS } from '../../src/core/stationCode'
import { harness, rid, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const paper = (weightKg: number, extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  kind: 'recycling',
  material: 'paper',
  weightKg,
  stationCode: 'ST-HQ01',
  ...extra,
})
const displayCode = async (stationCode = 'ST-HQ01') => (await (await h.as('boss')).ok('stationDisplayCode', { stationCode })).code as string

it("credits a scanned display code as station-display evidence, inside the entry's hash", async () => {
  const a = await h.as('ann')
  const shown = await (await h.as('boss')).ok('stationDisplayCode', { stationCode: 'ST-HQ01' })
  expect(shown).toMatchObject({ stationCode: 'ST-HQ01', windowMs: 30_000 })
  expect(shown.code).toMatch(/^GL1\.ST-HQ01\.\d+\.[0-9A-F]{16}$/)
  const { entry } = await a.ok('checkIn', paper(1, { displayCode: shown.code }))
  expect(entry).toMatchObject({ evidence: 'station-display', gramsCo2e: 3460 })
  const typed = (await a.ok('checkIn', paper(1, { occurredAt: new Date(h.clock.ms - 60 * 60_000).toISOString() }))).entry
  expect(typed.evidence).toBe('self-reported')
  expect((await a.ok('verifyLedger')).ok).toBe(true)
  expect((await a.ok('listStations')).stations.some((s: any) => 'secret' in s)).toBe(false)
})

it('accepts a code in its window and the next, then refuses it; once per person and window', async () => {
  const [a, b] = [await h.as('ann'), await h.as('bo')]
  const code = await displayCode()
  h.clock.ms += DISPLAY_WINDOW_MS // one window later: still good
  await a.ok('checkIn', paper(0.5, { displayCode: code }))
  // the same person again with the same code: refused, the next code is 30 s away
  expect(await a.error('checkIn', paper(0.5, { displayCode: code }))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: expect.stringMatching(/already used this station code/),
  })
  await b.ok('checkIn', paper(0.5, { displayCode: code })) // someone else at the same station
  h.clock.ms += DISPLAY_WINDOW_MS
  expect(await (await h.as('cy')).error('checkIn', paper(0.5, { displayCode: code }))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: expect.stringMatching(/expired/),
  })
})

it('refuses a code of another station, a forged one and garbage, writing nothing', async () => {
  const a = await h.as('ann')
  const other = await displayCode('ST-MK03')
  const good = await displayCode()
  const forged = good.replace(/[0-9A-F]{16}$/, (mac) => (mac[0] === '0' ? '1' : '0') + mac.slice(1))
  for (const displayCode of [other, forged, 'GL1.ST-HQ01.1.0000000000000000', 'a photo of a QR', '']) {
    expect(await a.error('checkIn', paper(1, { displayCode }))).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
  }
  expect((await a.ok('listLedger')).entries).toHaveLength(0)
  expect((await a.error('stationDisplayCode', { stationCode: 'ST-HQ01' })).code).toBe('PERMISSION_DENIED')
  expect((await (await h.as('boss')).error('stationDisplayCode', { stationCode: 'ST-NOPE' })).code).toBe('NOT_FOUND')
})

it("caps self-reported drops at half a material's daily cap; scanned drops go on to the full cap", async () => {
  const a = await h.as('ann')
  const earlier = (m: number) => new Date(h.clock.ms - m * 60_000).toISOString()
  expect((await a.ok('checkIn', paper(4, { occurredAt: earlier(90) }))).entry.gramsCo2e).toBe(13_840)
  const clipped = await a.ok('checkIn', paper(4, { occurredAt: earlier(60) }))
  expect(clipped).toMatchObject({ capped: true, entry: { gramsCo2e: 17_300 - 13_840 } })
  const refused = await a.error('checkIn', paper(1, { occurredAt: earlier(30) }))
  expect(refused).toMatchObject({
    code: 'DAILY_CAP_REACHED',
    message: expect.stringMatching(/typed station code earn at most 17300 g of paper and 17300 g of all materials together a day; scan the code/),
  })
  expect((await a.ok('checkIn', paper(4, { displayCode: await displayCode() }))).entry).toMatchObject({ gramsCo2e: 13_840, evidence: 'station-display' })
  expect((await a.ok('getWallet')).today.gramsCo2e).toBe(17_300 + 13_840)
})

it('counts the typed-code allowance per day across all materials: paper and cardboard together earn half a paper cap', async () => {
  const a = await h.as('ann')
  const earlier = (m: number) => new Date(h.clock.ms - m * 60_000).toISOString()
  const card = (kg: number, extra: Record<string, unknown>) => ({
    requestId: rid(),
    kind: 'recycling',
    material: 'cardboard',
    weightKg: kg,
    stationCode: 'ST-HQ01',
    ...extra,
  })
  expect((await a.ok('checkIn', paper(4, { occurredAt: earlier(120) }))).entry.gramsCo2e).toBe(13_840)
  // Cardboard has a cap of its own, but typed drops of every material share one allowance (it was 34,600 g a day).
  expect((await a.ok('checkIn', card(4, { occurredAt: earlier(90) }))).entry.gramsCo2e).toBe(17_300 - 13_840)
  expect((await a.error('checkIn', card(1, { occurredAt: earlier(60) }))).code).toBe('DAILY_CAP_REACHED')
  expect(
    (await a.error('checkIn', { requestId: rid(), kind: 'recycling', material: 'textile', weightKg: 1, stationCode: 'ST-HQ01', occurredAt: earlier(30) })).code,
  ).toBe('DAILY_CAP_REACHED')
  expect((await a.ok('getMethodology')).rules.selfReportedDailyGrams).toBe(17_300)
})

it('credits a display code only for a drop made while it was shown: not one back-dated by hours', async () => {
  const a = await h.as('ann')
  const code = await displayCode()
  const backdated = await a.error('checkIn', paper(1, { displayCode: code, occurredAt: new Date(h.clock.ms - 47 * 3_600_000).toISOString() }))
  expect(backdated).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/at another time than this drop/) })
  expect(await a.error('checkIn', paper(1, { displayCode: code, occurredAt: new Date(h.clock.ms - 5 * 60_000).toISOString() }))).toMatchObject({
    code: 'INVALID_ARGUMENT',
  })
  // within the window on either side, as a slow scan is
  expect((await a.ok('checkIn', paper(1, { displayCode: code, occurredAt: new Date(h.clock.ms - 20_000).toISOString() }))).entry.evidence).toBe(
    'station-display',
  )
  expect((await a.ok('listLedger')).entries).toHaveLength(1)
})

it('reviews every drop of a code window that more residents scanned than a station serves (a shared screenshot)', async () => {
  const boss = await h.as('boss')
  const code = await displayCode()
  const limit = (await boss.ok('getMethodology')).rules.residentsPerCodeWindow
  expect(limit).toBe(4)
  const residents = []
  for (let i = 0; i < limit; i++) {
    const r = await h.as(`near${i}`)
    await r.ok('checkIn', paper(1, { displayCode: code }))
    residents.push(r)
  }
  expect((await boss.ok('listReviewQueue', {})).items).toEqual([])
  // The first spends some of their points before the code is seen to travel: what is left is held.
  await residents[0].ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
  const fifth = await h.as('far-away')
  const flagged = await fifth.ok('checkIn', paper(1, { displayCode: code }))
  expect(flagged.wallet.pointsHeld).toBe(flagged.entry.points)
  const items = (await boss.ok('listReviewQueue', { limit: 50 })).items
  expect(items.map((i: any) => i.nickname).sort()).toEqual(['far-away', 'near0', 'near1', 'near2', 'near3'])
  expect(items.every((i: any) => i.reasons.includes('shared_code'))).toBe(true)
  expect((await residents[1].ok('getWallet')).wallet.pointsHeld).toBe(346)
  expect((await residents[0].ok('getWallet')).wallet.pointsHeld).toBe(346 - 50)
  // Deciding releases exactly what each review holds.
  const first = items.find((i: any) => i.nickname === 'near0')
  await boss.ok('decideReview', { reviewId: first.id, decision: 'reverse' })
  expect((await residents[0].ok('getWallet')).wallet).toMatchObject({ pointsHeld: 0, pointsBalance: 0 })
  expect((await boss.ok('auditEconomy')).ok).toBe(true)
})

it('credits an organizer who runs the station as typed, even with its display code: they can show it at home', async () => {
  const boss = await h.as('boss')
  const code = await displayCode()
  const { entry } = await boss.ok('checkIn', paper(7.9, { displayCode: code }))
  expect(entry).toMatchObject({ evidence: 'self-reported', gramsCo2e: 17_300 })
  // a resident with the same window's code gets the station's full credit
  expect((await (await h.as('ann')).ok('checkIn', paper(7.9, { displayCode: code }))).entry).toMatchObject({ evidence: 'station-display', gramsCo2e: 27_334 })
})

/** The public dashboard's grams by evidence (issue 24): kept per entry, taken back with a reversal, read by level. */
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

  const code = await displayCode()
  const scanned = (await ann.ok('checkIn', paper(1, { displayCode: code }))).entry
  const typed = (await ann.ok('checkIn', paper(1, { occurredAt: new Date(h.clock.ms - 60 * 60_000).toISOString() }))).entry
  const trip = (await ann.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 5, durationMin: 20 })).entry
  expect(await byLevel()).toMatchObject({ 'station-display': scanned.gramsCo2e, 'self-reported': typed.gramsCo2e + trip.gramsCo2e })

  // a drop near the paper cap is held for review; reversed, it leaves the level it was counted under
  const bo = await h.as('bo')
  const heavy = (await bo.ok('checkIn', paper(9, { displayCode: await displayCode() }))).entry
  expect(heavy.evidence).toBe('station-display')
  expect((await byLevel())['station-display']).toBe(scanned.gramsCo2e + heavy.gramsCo2e)
  const [item] = (await boss.ok('listReviewQueue', {})).items
  await desk.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
  const { entries } = await bo.ok('listLedger', { limit: 10 })
  expect(entries.find((e: any) => e.type === 'adjust')).toMatchObject({ ref: heavy.id, evidence: 'station-display', gramsCo2e: -heavy.gramsCo2e })
  expect(await bo.ok('verifyLedger')).toMatchObject({ ok: true })
  expect(await byLevel()).toMatchObject({ 'station-display': scanned.gramsCo2e, 'self-reported': typed.gramsCo2e + trip.gramsCo2e, operator: 0 })
})
