import { harness, rid, type Caller, type Harness } from './harness'

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
const minutesAgo = (m: number) => new Date(h.clock.ms - m * 60000).toISOString()

/**
 * A drop scanned from the station's display, so it earns the material's full cap (a typed code earns half);
 * the clock then moves past the code's window, as the next scan would find a new code.
 */
async function scanned(weightKg: number, extra: Record<string, unknown> = {}) {
  const { code } = await (await h.as('boss')).ok('stationDisplayCode', { stationCode: 'ST-HQ01' })
  h.clock.ms += 31_000
  return drop(weightKg, { displayCode: code, ...extra })
}

async function fullLedger(c: Caller) {
  return (await c.ok('listLedger', { limit: 50 })).entries as any[]
}

describe('review queue', () => {
  it('credits flagged check-ins and lists them for organizers only', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    const heavy = await a.ok('checkIn', await scanned(9))
    expect(heavy.entry.gramsCo2e).toBe(31140) // credited in full
    await a.ok('checkIn', drop(0.5, { occurredAt: minutesAgo(30) }))
    await a.ok('checkIn', drop(0.5, { occurredAt: minutesAgo(4), stationCode: 'ST-MK03' }))
    const fast = await a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 14, durationMin: 30 }) // 28 km/h
    const { items } = await boss.ok('listReviewQueue')
    expect(items.map((i: any) => [i.entry.id, i.reasons])).toEqual(
      expect.arrayContaining([
        [heavy.entry.id, ['near_cap_weight']],
        [fast.entry.id, ['near_max_speed']],
      ]),
    )
    expect(items).toHaveLength(2)
    expect(items[0]).toMatchObject({ status: 'open', nickname: 'alice' })
    expect(await a.error('listReviewQueue')).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 })
  })

  it('flags the third drop at one station within ten minutes', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(8) }))
    await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(5) }))
    expect((await boss.ok('listReviewQueue')).items).toHaveLength(0)
    const third = await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(1) }))
    expect((await boss.ok('listReviewQueue')).items.map((i: any) => [i.entry.id, i.reasons])).toEqual([[third.entry.id, ['station_burst']]])
  })

  it('flags a burst sent at once even when the claimed times are spread by back-dating', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    // Claimed 11 minutes apart, as a farming script would; all three arrive within two minutes.
    await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(40) }))
    h.clock.ms += 60_000
    await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(30) }))
    expect((await boss.ok('listReviewQueue')).items).toHaveLength(0)
    h.clock.ms += 60_000
    const third = await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(21) }))
    expect((await boss.ok('listReviewQueue')).items.map((i: any) => [i.entry.id, i.reasons])).toEqual([[third.entry.id, ['station_burst']]])
    // A fourth, honestly spaced an hour later on both clocks, is not a burst.
    h.clock.ms += 60 * 60_000
    await a.ok('checkIn', drop(0.3, { occurredAt: minutesAgo(0) }))
    expect((await boss.ok('listReviewQueue')).items).toHaveLength(1)
  })

  it('reverses with a new adjust entry, once, freeing the cap; confirms without touching the ledger', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    const heavy = (await a.ok('checkIn', await scanned(9))).entry
    await a.ok('checkIn', await scanned(1)) // 3,460 g more: the paper cap of 34,600 g is reached
    expect((await a.error('checkIn', drop(0.5))).code).toBe('DAILY_CAP_REACHED')
    const [item] = (await boss.ok('listReviewQueue')).items
    const out = (await boss.ok('decideReview', { reviewId: item.id, decision: 'reverse' })).item
    expect(out).toMatchObject({ status: 'reversed', adjustEntryId: expect.any(String) })
    const adjust = (await fullLedger(a)).find((e) => e.type === 'adjust')
    expect(adjust).toMatchObject({ gramsCo2e: -heavy.gramsCo2e, points: -heavy.points, ref: heavy.id, factorId: 'recycling.paper', day: heavy.day })
    expect((await fullLedger(a)).find((e) => e.id === heavy.id)).toEqual(heavy) // never edited
    expect((await a.ok('getWallet')).wallet).toMatchObject({ gramsCo2eTotal: 3460, pointsBalance: 346, pointsEarned: 346, pointsSpent: 0 })
    expect((await a.ok('checkIn', drop(0.5))).entry.gramsCo2e).toBe(1730) // the cap has room again
    expect(await boss.error('decideReview', { reviewId: item.id, decision: 'confirm' })).toMatchObject({ code: 'CONFLICT' })
    expect((await boss.ok('listReviewQueue', { status: 'reversed' })).items).toHaveLength(1)
    expect((await a.ok('verifyLedger')).ok).toBe(true)

    const b = await h.as('bob')
    await b.ok('checkIn', await scanned(9))
    const [bobItem] = (await boss.ok('listReviewQueue')).items
    expect((await boss.ok('decideReview', { reviewId: bobItem.id, decision: 'confirm' })).item.status).toBe('confirmed')
    expect(await fullLedger(b)).toHaveLength(1)
    expect((await a.error('decideReview', { reviewId: bobItem.id, decision: 'reverse' })).code).toBe('PERMISSION_DENIED')
    expect((await boss.error('decideReview', { reviewId: 'rv_nope', decision: 'reverse' })).code).toBe('NOT_FOUND')
    expect((await boss.error('decideReview', { reviewId: bobItem.id, decision: 'delete' })).code).toBe('INVALID_ARGUMENT')
  })

  it("holds a flagged check-in's points until decided, so a reversal takes them all back", async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    const heavy = (await a.ok('checkIn', await scanned(9))).entry // 3,114 points, flagged near the cap
    expect((await a.ok('getWallet')).wallet).toMatchObject({ pointsBalance: 3114, pointsHeld: 3114 })
    const reward = (await boss.ok('upsertReward', { title: 'Big', pointsCost: 3000, stock: 1 })).reward
    const refused = await a.error('redeem', { requestId: rid(), rewardId: reward.id })
    expect(refused).toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    expect(refused.message).toMatch(/you can spend 0 \(3114 more are held until an organizer reviews/)
    expect((await a.error('donate', { requestId: rid(), projectId: 'pj-trees', points: 1 })).code).toBe('INSUFFICIENT_POINTS')
    const [item] = (await boss.ok('listReviewQueue')).items
    await boss.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
    expect((await a.ok('getWallet')).wallet).toEqual({ gramsCo2eTotal: 0, pointsBalance: 0, pointsEarned: 0, pointsSpent: 0, pointsHeld: 0 })
    expect((await fullLedger(a)).find((e) => e.type === 'adjust')).toMatchObject({ gramsCo2e: -heavy.gramsCo2e, points: -heavy.points })
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it('releases held points on confirm', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    await a.ok('checkIn', await scanned(9))
    const [item] = (await boss.ok('listReviewQueue')).items
    await boss.ok('decideReview', { reviewId: item.id, decision: 'confirm' })
    expect((await a.ok('getWallet')).wallet).toMatchObject({ pointsBalance: 3114, pointsHeld: 0 })
    const reward = (await boss.ok('upsertReward', { title: 'Big', pointsCost: 3000, stock: 1 })).reward
    await a.ok('redeem', { requestId: rid(), rewardId: reward.id })
  })

  for (const ending of ['cancel', 'expire'] as const) {
    it(`ends "redeem → reverse → ${ending}" with no spendable points from the reversed entry`, async () => {
      let a = await h.as('alice')
      const boss = await h.as('boss')
      await a.ok('checkIn', await scanned(2)) // 692 points, not flagged
      const flagged = (await a.ok('checkIn', await scanned(8))).entry // 2,768 points, flagged and held
      const { redemption } = await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' }) // paid from the unflagged points
      const [item] = (await boss.ok('listReviewQueue')).items
      expect(item.entry.id).toBe(flagged.id)
      await boss.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
      if (ending === 'cancel') await a.ok('cancelRedemption', { redemptionId: redemption.id })
      else {
        h.clock.ms += 40 * 24 * 3600 * 1000
        expect(await h.cloud.sweepExpired()).toBe(1)
        a = await h.as('alice') // the week-long session ended meanwhile
      }
      // Only the unflagged drop's points remain, whatever happened to the voucher bought with them.
      expect((await a.ok('getWallet')).wallet).toMatchObject({ pointsBalance: 692, pointsHeld: 0, gramsCo2eTotal: 6920 })
      expect((await a.ok('verifyLedger')).ok).toBe(true)
    })
  }
})

describe('impact statistics and CSV', () => {
  it('totals by Shanghai day, behaviour and station, and redemptions by reward', async () => {
    const a = await h.as('alice')
    const b = await h.as('bob')
    const boss = await h.as('boss')
    await a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 5, durationMin: 20, occurredAt: '2026-11-28T23:50:00+08:00' })
    await a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 5, durationMin: 20, occurredAt: '2026-11-29T00:10:00+08:00' })
    await b.ok('checkIn', drop(1))
    expect((await a.error('redeem', { requestId: rid(), rewardId: 'rw-bus' })).code).toBe('INSUFFICIENT_POINTS') // alice has 32 points
    await b.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    const stats = await boss.ok('getImpactStats', { fromDay: '2026-11-28', toDay: '2026-11-29' })
    expect(stats.byDay).toEqual([
      { day: '2026-11-28', gramsCo2e: 165, checkins: 1, participants: 1 },
      { day: '2026-11-29', gramsCo2e: 165 + 3460, checkins: 2, participants: 2 },
    ])
    expect(stats.totals).toEqual({ gramsCo2e: 3790, checkins: 3, participants: 2, pointsIssued: 16 + 16 + 346 })
    expect(stats.byFactor).toEqual([
      { factorId: 'recycling.paper', gramsCo2e: 3460, checkins: 1 },
      { factorId: 'travel.bike', gramsCo2e: 330, checkins: 2 },
    ])
    expect(stats.byStation).toEqual([{ stationCode: 'ST-HQ01', gramsCo2e: 3460, checkins: 1, weightG: 1000 }])
    expect(stats.redemptionsByReward).toEqual([
      { rewardId: 'rw-bus', title: '公交乘车券', titleEn: 'Bus ride voucher', pending: 1, fulfilled: 0, cancelled: 0, expired: 0 },
    ])
    expect((await boss.ok('getImpactStats', { fromDay: '2026-11-29', toDay: '2026-11-29' })).totals.gramsCo2e).toBe(3625)
  })

  it('exports CSV that survives commas, quotes and Chinese text', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    await a.ok('checkIn', drop(1))
    const reward = (await boss.ok('upsertReward', { title: '布袋, "大号" 环保', pointsCost: 10, stock: 5 })).reward
    await a.ok('redeem', { requestId: rid(), rewardId: reward.id })
    const { filename, csv } = await boss.ok('exportImpactCsv', { fromDay: '2026-11-29', toDay: '2026-11-29' })
    expect(filename).toBe('impact-2026-11-29-2026-11-29.csv')
    expect(csv.startsWith('\uFEFFsection,key,name,gramsCo2e')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines).toContain('station,ST-HQ01,社区服务中心回收站,3460,1,,1000,,,,,Community Centre')
    expect(lines).toContain(`reward,${reward.id},"布袋, ""大号"" 环保",,,,,1,0,0,0,`)
    expect(lines).toContain('total,2026-11-29..2026-11-29,,3460,1,1,,,,,,')
  })

  it('refuses residents and bad ranges', async () => {
    const boss = await h.as('boss')
    expect((await (await h.as('alice')).error('exportImpactCsv', { fromDay: '2026-11-01', toDay: '2026-11-29' })).code).toBe('PERMISSION_DENIED')
    for (const range of [
      { fromDay: '2026-11-30', toDay: '2026-11-29' },
      { fromDay: '2026-02-30', toDay: '2026-03-01' },
      { fromDay: '2025-01-01', toDay: '2026-11-29' },
      { fromDay: '29/11/2026', toDay: '2026-11-29' },
      { fromDay: '2026-11-01' },
    ]) {
      expect(await boss.error('getImpactStats', range)).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
    }
  })
})
