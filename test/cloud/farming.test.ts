/**
 * The adversarial account from the trust issue, scripted: it omits durations, stays just under each cap, spaces
 * drops eleven minutes apart with a client-chosen occurredAt while sending them within seconds, and back-dates.
 * Before the anti-farming rules such an account collected 75,010 points in about 140 requests with no review flag.
 */
import { DAILY_TOTAL_GRAMS } from '../../src/core/farming'
import { FACTORS, GRAMS_PER_POINT } from '../../src/core/methodology'
import { allEntries, harness, NOW, rid, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const MIN = 60_000
const HOUR = 60 * MIN

it('earns no more than the daily total per day, and nothing flagged can be spent before review', async () => {
  const farmer = await h.as('farmer')
  const boss = await h.as('boss')
  const iso = (ms: number) => new Date(ms).toISOString()
  const outcomes = new Map<string, number>()
  const tally = (out: { status: number; body: any }) => {
    const key = out.status === 200 ? 'credited' : out.body.error.code
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
  }
  let requests = 0
  const send = async (data: object) => {
    requests++
    h.clock.ms += 5_000 // a script: one request every five seconds
    tally(await farmer.call('checkIn', { requestId: rid('farm'), ...data }))
  }

  // 1. trips with no duration, at each mode's cap distance
  for (const f of FACTORS.filter((x) => x.kind === 'travel')) {
    await send({ kind: 'travel', mode: f.id.slice('travel.'.length), distanceKm: f.dailyCapGrams / f.gramsPerUnit })
  }
  // 1b. trips with durations, overlapping each other
  for (let i = 0; i < 6; i++) await send({ kind: 'travel', mode: 'bike', distanceKm: 7, durationMin: 30, occurredAt: iso(h.clock.ms - i * 10 * MIN) })
  // 2. eight days back-dated
  for (let d = 3; d <= 8; d++) {
    await send({ kind: 'recycling', material: 'paper', weightKg: 7.9, stationCode: 'ST-HQ01', occurredAt: iso(NOW - d * 24 * HOUR) })
  }
  // 3. every material at 79 % of its cap, claimed eleven minutes apart, on each day the window still reaches
  const recycling = FACTORS.filter((x) => x.kind === 'recycling')
  for (const hoursAgo of [40, 20, 0]) {
    const rounds = 5
    let claimed = h.clock.ms - hoursAgo * HOUR - recycling.length * rounds * 11 * MIN
    for (let round = 0; round < rounds; round++) {
      for (const f of recycling) {
        claimed += 11 * MIN
        const kg = Math.floor(((0.79 * f.dailyCapGrams) / f.gramsPerUnit) * 10) / 10
        await send({ kind: 'recycling', material: f.id.slice('recycling.'.length), weightKg: kg, stationCode: 'ST-HQ01', occurredAt: iso(claimed) })
      }
    }
  }

  expect(requests).toBeGreaterThan(100)
  expect(outcomes.get('INVALID_ARGUMENT')).toBeGreaterThanOrEqual(6 + 6) // no durations; more than 48 hours back
  expect(outcomes.get('TRIP_OVERLAP')).toBe(4) // of six half-hour rides ten minutes apart, two fit end to end

  const entries = await allEntries(farmer)
  const byDay = new Map<string, number>()
  for (const e of entries.filter((x) => x.type === 'checkin')) byDay.set(e.day, (byDay.get(e.day) ?? 0) + e.gramsCo2e)
  expect(byDay.size).toBeLessThanOrEqual(3) // the 48-hour window touches at most three Shanghai days
  for (const grams of byDay.values()) expect(grams).toBeLessThanOrEqual(DAILY_TOTAL_GRAMS)
  const wallet = (await farmer.ok('getWallet')).wallet
  expect(wallet.pointsEarned).toBeLessThanOrEqual((3 * DAILY_TOTAL_GRAMS) / GRAMS_PER_POINT)
  expect(wallet.pointsEarned).toBeLessThan(75_010 / 6)

  // Everything the rules flagged waits for an organizer, and its points cannot be spent meanwhile.
  const queue = (await boss.ok('listReviewQueue', { limit: 100 })).items
  const flagged = queue.filter((i: any) => entries.some((e) => e.id === i.entry.id))
  expect(flagged.length).toBeGreaterThan(0)
  expect(flagged.flatMap((i: any) => i.reasons)).toContain('station_burst')
  const heldPoints = flagged.reduce((sum: number, i: any) => sum + i.entry.points, 0)
  expect(wallet.pointsHeld).toBe(heldPoints)
  const spendable = wallet.pointsBalance - wallet.pointsHeld
  const reward = (await boss.ok('upsertReward', { title: 'Everything', pointsCost: spendable + 1, stock: 5 })).reward
  expect((await farmer.error('redeem', { requestId: rid(), rewardId: reward.id })).code).toBe('INSUFFICIENT_POINTS')
  // Reversing every flagged drop leaves only what passed unflagged, all of it spendable.
  for (const item of flagged) await boss.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
  expect((await farmer.ok('getWallet')).wallet).toMatchObject({ pointsBalance: spendable, pointsHeld: 0 })
  expect((await farmer.ok('verifyLedger')).ok).toBe(true)
})
