import { DASHBOARD_CACHE_MS } from '../../mock/public/getCityDashboard'
import { ENGINE, sqliteOnly } from '../support/database'
import type { SqlitePort } from '../../mock/storage/sqlitePort'
import { harness, rid, type Caller, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const DAY_MS = 86_400_000

/** Two communities, an organizer of each, and a resident of each. */
async function city() {
  const boss = await h.as('boss')
  const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
  const west = (await boss.ok('upsertCommunity', { name: '西山社区' })).community
  const eastLead = await h.as('east-lead')
  const westLead = await h.as('west-lead')
  await boss.ok('grantOrganizer', { openid: eastLead.openid, communityId: east.id, granted: true })
  await boss.ok('grantOrganizer', { openid: westLead.openid, communityId: west.id, granted: true })
  const ann = await h.as('ann')
  const wen = await h.as('wen')
  await ann.ok('setMyCommunity', { communityId: east.id })
  await wen.ok('setMyCommunity', { communityId: west.id })
  await eastLead.ok('upsertStation', { code: 'ST-EAST1', name: '东湖回收点', address: '东湖路 1 号', hours: '8:00-20:00', materials: ['paper', 'plastic'] })
  await westLead.ok('upsertStation', { code: 'ST-WEST1', name: '西山回收点', materials: ['paper'] })
  return { boss, east, west, eastLead, westLead, ann, wen }
}

/** A drop scanned from the station's screen (earns the full cap), the code shown by that station's organizer. */
async function scannedDrop(resident: Caller, lead: Caller, stationCode: string, weightKg: number) {
  const { code } = await lead.ok('stationDisplayCode', { stationCode })
  h.clock.ms += 31_000
  return resident.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg, stationCode, displayCode: code })
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id))

const anonymous = async (name: string, data: unknown): Promise<{ status: number; body: any }> => h.cloud.call(name, data, undefined)

describe('communities', () => {
  it('are opened by city organizers only, with unique names; residents choose one, then change once in 30 days', async () => {
    const boss = await h.as('boss')
    const ann = await h.as('ann')
    expect((await ann.error('upsertCommunity', { name: '东湖社区' })).code).toBe('PERMISSION_DENIED')
    const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
    expect(await boss.error('upsertCommunity', { name: '东湖社区' })).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect((await boss.error('upsertCommunity', { name: '   ' })).code).toBe('INVALID_ARGUMENT')
    expect((await boss.error('upsertCommunity', { name: 'x'.repeat(41) })).code).toBe('INVALID_ARGUMENT')
    const west = (await boss.ok('upsertCommunity', { name: '西山社区' })).community
    // Anyone may list them: the chooser and the public city page need no login.
    const listed = await anonymous('listCommunities', {})
    expect(listed.status).toBe(200)
    expect(byId(listed.body.result.communities)).toEqual(byId([east, west]))

    expect(await ann.ok('getMyCommunity')).toEqual({ community: null, nextChangeDay: null, upcomingEvents: 0 })
    expect((await ann.error('setMyCommunity', { communityId: 'cm_none' })).code).toBe('NOT_FOUND')
    expect(await ann.ok('setMyCommunity', { communityId: east.id })).toEqual({ community: east, nextChangeDay: '2026-12-29', upcomingEvents: 0 })
    const refused = await ann.error('setMyCommunity', { communityId: west.id })
    expect(refused).toMatchObject({ code: 'CONFLICT' })
    expect(refused.message).toContain('2026-12-29')
    expect((await ann.ok('getMyCommunity')).community).toEqual(east) // the refusal changed nothing
    h.clock.ms += 30 * DAY_MS
    const annLater = await h.as('ann') // a session lasts 7 days
    expect((await annLater.ok('setMyCommunity', { communityId: west.id })).community).toEqual(west)
    // A city organizer's scope is the city.
    expect((await (await h.as('boss')).ok('getMyCommunity')).organizerScope).toEqual({ communityId: null })
  })

  it('scope every organizer function: a community organizer acts on their own community only', async () => {
    const { boss, east, west, eastLead, westLead, ann, wen } = await city()
    expect((await eastLead.ok('getMyCommunity')).organizerScope).toEqual({ communityId: east.id })

    // Stations: editing, retiring and running the display of another community's station is refused.
    expect((await eastLead.error('upsertStation', { code: 'ST-WEST1', name: '改名', materials: ['paper'] })).code).toBe('PERMISSION_DENIED')
    expect((await eastLead.error('retireStation', { code: 'ST-WEST1' })).code).toBe('PERMISSION_DENIED')
    expect((await eastLead.error('stationDisplayCode', { stationCode: 'ST-WEST1' })).code).toBe('PERMISSION_DENIED')
    expect((await eastLead.error('upsertStation', { code: 'ST-EAST2', name: '新点', materials: ['paper'], communityId: west.id })).code).toBe(
      'PERMISSION_DENIED',
    )
    // Seeded city stations belong to the city: a community organizer cannot take them over.
    expect((await eastLead.error('upsertStation', { code: 'ST-HQ01', name: '改名', materials: ['paper'] })).code).toBe('PERMISSION_DENIED')
    expect((await boss.ok('upsertStation', { code: 'ST-WEST1', name: '西山回收站', materials: ['paper', 'glass'] })).station).toMatchObject({
      communityId: west.id,
      name: '西山回收站',
    })

    // Rewards: a community organizer stocks their community's; residents see city-wide ones and their own.
    const eastTea = (await eastLead.ok('upsertReward', { title: '东湖茶饮券', pointsCost: 10, stock: 5 })).reward
    expect(eastTea.communityId).toBe(east.id)
    expect((await westLead.error('upsertReward', { id: eastTea.id, title: '抢来的', pointsCost: 10, stock: 5 })).code).toBe('PERMISSION_DENIED')
    expect((await westLead.error('upsertReward', { title: '全市券', pointsCost: 10, stock: 5, communityId: '' })).code).toBe('PERMISSION_DENIED')
    const annSees = (await ann.ok('listRewards')).rewards.map((r: any) => r.id)
    const wenSees = (await wen.ok('listRewards')).rewards.map((r: any) => r.id)
    expect(annSees).toContain(eastTea.id)
    expect(wenSees).not.toContain(eastTea.id)
    expect(wenSees.length).toBeGreaterThan(0) // the seeded city-wide rewards
    await scannedDrop(wen, westLead, 'ST-WEST1', 1)
    expect((await wen.error('redeem', { requestId: rid(), rewardId: eastTea.id })).code).toBe('NOT_FOUND')
    await scannedDrop(ann, eastLead, 'ST-EAST1', 1)
    const voucher = (await ann.ok('redeem', { requestId: rid(), rewardId: eastTea.id })).redemption
    expect((await westLead.error('verifyRedemption', { code: voucher.code })).code).toBe('PERMISSION_DENIED')
    expect((await eastLead.ok('verifyRedemption', { code: voucher.code })).redemption.status).toBe('fulfilled')

    // Reviews: a heavy drop is flagged for its resident's community.
    const heavyEast = await scannedDrop(ann, eastLead, 'ST-EAST1', 9)
    const heavyWest = await scannedDrop(wen, westLead, 'ST-WEST1', 9)
    const eastQueue = (await eastLead.ok('listReviewQueue')).items.map((i: any) => i.entry.id)
    expect(eastQueue).toEqual([heavyEast.entry.id])
    expect((await boss.ok('listReviewQueue')).items.map((i: any) => i.entry.id).sort()).toEqual([heavyEast.entry.id, heavyWest.entry.id].sort())
    expect((await boss.ok('listReviewQueue', { communityId: west.id })).items.map((i: any) => i.entry.id)).toEqual([heavyWest.entry.id])
    // A community organizer asking for another community still gets their own.
    expect((await eastLead.ok('listReviewQueue', { communityId: west.id })).items.map((i: any) => i.entry.id)).toEqual([heavyEast.entry.id])
    const westReview = (await boss.ok('listReviewQueue', { communityId: west.id })).items[0]
    expect((await eastLead.error('decideReview', { reviewId: westReview.id, decision: 'reverse' })).code).toBe('PERMISSION_DENIED')
    expect((await boss.ok('listReviewQueue', { communityId: west.id })).items[0].status).toBe('open') // unchanged
    expect((await westLead.ok('decideReview', { reviewId: westReview.id, decision: 'confirm' })).item.status).toBe('confirmed')

    // Reports: each community organizer sees their community's figures; the city sees the sum.
    const range = { fromDay: '2026-11-29', toDay: '2026-11-29' }
    const eastStats = await eastLead.ok('getImpactStats', range)
    const westStats = await westLead.ok('getImpactStats', { ...range, communityId: east.id })
    const cityStats = await boss.ok('getImpactStats', range)
    expect(eastStats.byStation.map((s: any) => s.stationCode)).toEqual(['ST-EAST1'])
    expect(westStats.byStation.map((s: any) => s.stationCode)).toEqual(['ST-WEST1'])
    expect(eastStats.totals.gramsCo2e + westStats.totals.gramsCo2e).toBe(cityStats.totals.gramsCo2e)
    expect(eastStats.redemptionsByReward.map((r: any) => r.rewardId)).toEqual([eastTea.id])
    expect(westStats.redemptionsByReward).toEqual([])
    const csv = (await westLead.ok('exportImpactCsv', range)).csv as string
    expect(csv).toContain('ST-WEST1')
    expect(csv).not.toContain('ST-EAST1')

    // What only a city organizer may do.
    for (const [name, data] of [
      ['upsertCommunity', { name: '南湾社区' }],
      ['grantOrganizer', { openid: ann.openid, communityId: east.id, granted: true }],
      ['upsertProject', { title: '植树', goalPoints: 1000 }],
      ['auditEconomy', {}],
      ['fundChallenge', { requestId: rid(), challengeId: 'ch_any', points: 100 }],
    ] as const) {
      expect([name, (await eastLead.error(name, data)).code]).toEqual([name, 'PERMISSION_DENIED'])
    }
    // Residents are not organizers at all.
    for (const name of ['upsertStation', 'retireStation', 'getImpactStats', 'listReviewQueue', 'grantOrganizer']) {
      expect([name, (await ann.error(name, { code: 'ST-EAST1' })).code]).toEqual([name, expect.stringMatching(/PERMISSION_DENIED|INVALID_ARGUMENT/)])
    }
    expect((await ann.error('retireStation', { code: 'ST-EAST1' })).code).toBe('PERMISSION_DENIED')

    // Taking the grant back applies to the next call.
    await boss.ok('grantOrganizer', { openid: eastLead.openid, communityId: east.id, granted: false })
    expect((await eastLead.error('retireStation', { code: 'ST-EAST1' })).code).toBe('PERMISSION_DENIED')
  })
})

describe('stations', () => {
  it('are added, edited and retired by organizers; a retired station refuses drops and keeps its history', async () => {
    const { eastLead, ann } = await city()
    const drop = await scannedDrop(ann, eastLead, 'ST-EAST1', 1)
    const stations = (await ann.ok('listStations')).stations
    expect(stations.find((s: any) => s.code === 'ST-EAST1')).toMatchObject({
      name: '东湖回收点',
      address: '东湖路 1 号',
      hours: '8:00-20:00',
      materials: ['paper', 'plastic'],
    })
    // Editing keeps the code (printed on its QR) and what was not sent.
    await eastLead.ok('upsertStation', { code: 'ST-EAST1', name: '东湖回收站', materials: ['paper', 'plastic', 'glass'] })
    expect((await ann.ok('listStations')).stations.find((s: any) => s.code === 'ST-EAST1')).toMatchObject({ name: '东湖回收站', address: '东湖路 1 号' })
    for (const bad of [
      { code: 'ST EAST', name: 'x', materials: ['paper'] },
      { code: 'ST-EAST3', name: '', materials: ['paper'] },
      { code: 'ST-EAST3', name: 'x', materials: [] },
      { code: 'ST-EAST3', name: 'x', materials: ['paper', 'paper'] },
      { code: 'ST-EAST3', name: 'x', materials: ['gold'] },
      { code: 'ST-EAST3', name: 'x', materials: ['paper'], address: 'x'.repeat(101) },
    ]) {
      expect((await eastLead.error('upsertStation', bad)).code).toBe('INVALID_ARGUMENT')
    }
    expect((await ann.ok('listStations')).stations.some((s: any) => s.code === 'ST-EAST3')).toBe(false)

    const retired = (await eastLead.ok('retireStation', { code: 'ST-EAST1' })).station
    expect(retired.retiredAt).toMatch(/^2026-11-29T/)
    expect((await eastLead.error('retireStation', { code: 'ST-EAST1' })).code).toBe('CONFLICT')
    expect((await eastLead.error('retireStation', { code: 'ST-NONE' })).code).toBe('NOT_FOUND')
    const refused = await ann.error('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-EAST1' })
    expect(refused).toMatchObject({ code: 'STATION_RETIRED', status: 409 })
    expect(refused.message).toContain('2026-11-29')
    expect((await eastLead.error('stationDisplayCode', { stationCode: 'ST-EAST1' })).code).toBe('STATION_RETIRED')
    // Residents no longer see it; its organizer still does; the drop made there stays in the ledger.
    expect((await ann.ok('listStations')).stations.some((s: any) => s.code === 'ST-EAST1')).toBe(false)
    expect((await eastLead.ok('listStations', { includeRetired: true })).stations.map((s: any) => s.code)).toEqual(['ST-EAST1'])
    expect((await ann.ok('listLedger', { limit: 10 })).entries.map((e: any) => e.id)).toContain(drop.entry.id)
    expect((await ann.ok('verifyLedger')).ok).toBe(true)
  })
})

describe('public verification', () => {
  it('checks a certificate code or an entry hash without login and shows no one', async () => {
    const ann = await h.as('ann')
    await ann.ok('updateProfile', { nickname: '安妮' })
    const drop = await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    const gift = await ann.ok('donate', { requestId: rid(), projectId: 'pj-trees', points: 100 })
    const { certificate } = await ann.ok('getDonationCertificate', { entryId: gift.entry.id })

    const byCode = await anonymous('verifyPublic', { code: certificate.verificationCode })
    expect(byCode.status).toBe(200)
    expect(byCode.body.result).toMatchObject({
      genuine: true,
      verdict: 'genuine',
      entry: { type: 'donate', points: 100, day: '2026-11-29', projectId: 'pj-trees', projectTitle: certificate.projectTitle, hash: gift.entry.hash, seq: 2 },
    })
    const text = JSON.stringify(byCode.body)
    expect(text).not.toContain(ann.openid)
    expect(text).not.toContain('安妮')
    expect(text).not.toContain('ann')

    const byHash = await anonymous('verifyPublic', { code: drop.entry.hash.toUpperCase() })
    expect(byHash.body.result).toMatchObject({
      genuine: true,
      entry: { type: 'checkin', gramsCo2e: drop.entry.gramsCo2e, factorId: drop.entry.factorId, seq: 1 },
    })
    expect(JSON.stringify(byHash.body)).not.toContain('ST-HQ01') // where a resident was is not shown

    const unknown = await anonymous('verifyPublic', { code: '0000-0000-0000-0000' })
    expect(unknown.body.result).toMatchObject({ genuine: false })
    expect(unknown.body.result.entry).toBeUndefined()
    for (const code of ['', 'xyz', '1234-5678', 'g'.repeat(64)]) {
      expect((await anonymous('verifyPublic', { code })).body.error.code).toBe('INVALID_ARGUMENT')
    }
  })

  sqliteOnly('says an altered entry is not genuine', async () => {
    const ann = await h.as('ann')
    const drop = await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    h.tampered()
    // An attacker with raw database access drops the append-only guard first.
    const db = (h.cloud.store as SqlitePort).sqlite.db
    db.exec('DROP TRIGGER entries_append_only_update')
    db.prepare('UPDATE entries SET grams = grams * 10 WHERE id = ?').run(drop.entry.id)
    const res = await anonymous('verifyPublic', { code: drop.entry.hash })
    expect(res.body.result).toMatchObject({ genuine: false, verdict: 'altered', entry: { gramsCo2e: drop.entry.gramsCo2e * 10 } })
    expect(res.body.result.message).toContain('altered')
  })
})

describe('city dashboard', () => {
  it('adds up per-person counters kept with each entry, by community and week, without login, cached briefly', async () => {
    const { boss, west, eastLead, westLead, ann, wen } = await city()
    const empty = (await anonymous('getCityDashboard', {})).body.result
    expect(empty).toMatchObject({
      residents: 0,
      gramsCo2eTotal: 0,
      thisWeek: { fromDay: '2026-11-23', toDay: '2026-11-29', gramsCo2e: 0 },
      lastWeek: { fromDay: '2026-11-16', toDay: '2026-11-22' },
    })

    // Last week (a back-dated trip on Sunday the 22nd is outside the 48 h back-dating window; use Saturday's clock).
    h.clock.ms -= 7 * DAY_MS
    const lastWeekTrip = await ann.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 5, durationMin: 20 })
    h.clock.ms += 7 * DAY_MS
    const a1 = await scannedDrop(ann, eastLead, 'ST-EAST1', 1)
    const w1 = await scannedDrop(wen, westLead, 'ST-WEST1', 2)
    const heavy = await scannedDrop(wen, westLead, 'ST-WEST1', 9)
    const review = (await boss.ok('listReviewQueue', { communityId: west.id })).items[0]
    await westLead.ok('decideReview', { reviewId: review.id, decision: 'reverse' })
    expect((await anonymous('getCityDashboard', {})).body.result.residents).toBe(2)

    // The answer just given stands for DASHBOARD_CACHE_MS: a credit made now shows after that.
    const loner = await h.as('loner') // no community
    const l1 = await loner.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    expect((await anonymous('getCityDashboard', {})).body.result.residents).toBe(2)
    h.clock.ms += DASHBOARD_CACHE_MS
    const board = (await anonymous('getCityDashboard', {})).body.result
    const eastGrams = lastWeekTrip.entry.gramsCo2e + a1.entry.gramsCo2e
    const westGrams = w1.entry.gramsCo2e // the reversed drop counts for nothing
    expect(board.residents).toBe(3)
    expect(board.gramsCo2eTotal).toBe(eastGrams + westGrams + l1.entry.gramsCo2e)
    expect(board.thisWeek.gramsCo2e).toBe(a1.entry.gramsCo2e + westGrams + l1.entry.gramsCo2e)
    expect(board.lastWeek.gramsCo2e).toBe(lastWeekTrip.entry.gramsCo2e)
    // Fewer than five residents: a community's figures would be one person's own, so both show only together.
    expect(board.communities).toEqual([])
    expect(board.otherCommunities).toEqual({
      communities: 2,
      residents: 2,
      gramsCo2eTotal: eastGrams + westGrams,
      thisWeekGrams: a1.entry.gramsCo2e + westGrams,
    })
    expect(heavy.entry.gramsCo2e).toBeGreaterThan(0)
    // The sums agree with the wallets, which agree with the ledger (verifyLedger).
    const wallets = await Promise.all([ann, wen, loner].map(async (c) => (await c.ok('getWallet')).wallet.gramsCo2eTotal))
    expect(wallets.reduce((a, b) => a + b, 0)).toBe(board.gramsCo2eTotal)
    expect(board.projects.find((p: any) => p.id === 'pj-trees')).toMatchObject({ raisedPoints: 0, donors: 0, active: true })
    expect(JSON.stringify(board)).not.toContain(ann.openid)

    // Four more residents in the west: five take part there, so it is named on its own; the east stays folded.
    let more = 0
    for (const handle of ['w2', 'w3', 'w4', 'w5']) {
      const c = await h.as(handle)
      await c.ok('setMyCommunity', { communityId: west.id })
      more += (await c.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-WEST1' })).entry.gramsCo2e
    }
    h.clock.ms += DASHBOARD_CACHE_MS
    const five = (await anonymous('getCityDashboard', {})).body.result
    expect(five.communities).toEqual([{ id: west.id, name: west.name, residents: 5, gramsCo2eTotal: westGrams + more, thisWeekGrams: westGrams + more }])
    expect(five.otherCommunities).toEqual({ communities: 1, residents: 1, gramsCo2eTotal: eastGrams, thisWeekGrams: a1.entry.gramsCo2e })

    // A resident who moves takes their place in the count with them; what they earned before stays where it was made.
    h.clock.ms += 30 * DAY_MS
    await (await h.as('ann')).ok('setMyCommunity', { communityId: west.id })
    const moved = (await anonymous('getCityDashboard', {})).body.result
    expect(moved.communities).toEqual([expect.objectContaining({ id: west.id, residents: 6, gramsCo2eTotal: westGrams + more })])
    expect(moved.otherCommunities).toMatchObject({ communities: 1, residents: 0, gramsCo2eTotal: eastGrams })
    // Issuance per month, the last twelve, for anyone to see.
    expect(moved.issuance).toHaveLength(12)
    expect(moved.issuance.at(-1).month).toBe('2026-12')
    expect(ENGINE).toMatch(/sqlite|mysql/)
  })
})
