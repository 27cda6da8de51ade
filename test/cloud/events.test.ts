import { harness, NOW, rid, stockTreasury, type Caller, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const HOUR = 3_600_000
const at = (ms: number) => new Date(ms).toISOString()

/** Two communities, an organizer of the first, two of its residents and one of the other. */
async function setUp() {
  const boss = await h.as('boss')
  const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
  const west = (await boss.ok('upsertCommunity', { name: '西山社区' })).community
  const lead = await h.as('lead')
  await boss.ok('grantOrganizer', { openid: lead.openid, communityId: east.id, granted: true })
  const ann = await h.as('ann')
  const ben = await h.as('ben')
  const wen = await h.as('wen')
  await ann.ok('setMyCommunity', { communityId: east.id })
  await ben.ok('setMyCommunity', { communityId: east.id })
  await wen.ok('setMyCommunity', { communityId: west.id })
  // Event budgets are drawn from purses: east's allowance for its organizer, the treasury for the city's.
  await stockTreasury(boss, 100_000, east.id)
  await stockTreasury(boss, 100_000)
  return { boss, east, west, lead, ann, ben, wen }
}

/** A tree planting tomorrow at 9:00 for two hours, two places, 30 points each. */
const planting = (extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  title: '植树活动',
  place: '东湖公园',
  startsAt: at(NOW + 23 * HOUR),
  endsAt: at(NOW + 25 * HOUR),
  slots: 2,
  rewardPoints: 30,
  ...extra,
})

async function codeOf(lead: Caller, eventId: string) {
  return (await lead.ok('eventDisplayCode', { eventId })).code as string
}

describe('public-welfare events', () => {
  it('are created once per requestId in the organizer scope, with a funded budget, and offered to that community only', async () => {
    const { boss, east, west, lead, ann, wen } = await setUp()
    const req = planting()
    const [a, b] = await Promise.all([lead.ok('createEvent', req), lead.ok('createEvent', req)])
    expect(a.event.id).toBe(b.event.id)
    expect(a.event).toMatchObject({ communityId: east.id, title: '植树活动', slots: 2, taken: 0, rewardPoints: 30, cancelled: false, myStatus: 'none' })
    expect(a.event.startsAt).toBe('2026-11-30T09:00:00.000+08:00')
    expect((await lead.error('createEvent', planting({ communityId: west.id }))).code).toBe('PERMISSION_DENIED')
    const cityWide = (await boss.ok('createEvent', planting({ title: '全市旧物市集', communityId: '' }))).event
    for (const bad of [
      { endsAt: at(NOW + 22 * HOUR) }, // ends before it starts
      { startsAt: at(NOW - 3 * HOUR), endsAt: at(NOW - HOUR) }, // already over
      { endsAt: at(NOW + 50 * HOUR) }, // longer than a day
      { slots: 0 },
      { rewardPoints: 501 },
      { title: '' },
      { startsAt: 'tomorrow' },
    ]) {
      expect([bad, (await lead.error('createEvent', planting(bad))).code]).toEqual([bad, 'INVALID_ARGUMENT'])
    }
    expect((await ann.error('createEvent', planting())).code).toBe('PERMISSION_DENIED')

    const annSees = (await ann.ok('listEvents')).events.map((e: any) => e.id)
    const wenSees = (await wen.ok('listEvents')).events.map((e: any) => e.id)
    expect(annSees.sort()).toEqual([a.event.id, cityWide.id].sort())
    expect(wenSees).toEqual([cityWide.id])
    expect((await wen.error('signUpEvent', { eventId: a.event.id })).code).toBe('PERMISSION_DENIED')
    expect((await ann.ok('getMyCommunity')).upcomingEvents).toBe(2)
    // The economy audit (run after every test) sees both budgets funded: 2 × 30 points each.
    const audit = await boss.ok('auditEconomy')
    expect(audit.ok).toBe(true)
  })

  it('give places while free, take them back until 2 hours before, and never more than the slots under a race', async () => {
    const { lead, ann, ben } = await setUp()
    const { event } = await lead.ok('createEvent', planting({ slots: 1 }))
    const others = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((x) => h.as(x)))
    const east = (await ann.ok('getMyCommunity')).community.id
    for (const c of others) await c.ok('setMyCommunity', { communityId: east })
    const results = await Promise.all([ann, ben, ...others].map((c) => c.call('signUpEvent', { eventId: event.id })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.message)).toEqual(Array(5).fill('All 1 places are taken.'))
    const winner = [ann, ben, ...others][results.findIndex((r) => r.status === 200)]
    // Signing up again changes nothing; giving the place back frees it for someone else.
    expect((await winner.ok('signUpEvent', { eventId: event.id })).event).toMatchObject({ taken: 1, myStatus: 'signed' })
    expect((await winner.ok('cancelEventSignup', { eventId: event.id })).event).toMatchObject({ taken: 0, myStatus: 'cancelled' })
    const next = winner === ann ? ben : ann
    expect((await next.ok('signUpEvent', { eventId: event.id })).event).toMatchObject({ taken: 1, myStatus: 'signed' })
    // Too late to give it back.
    h.clock.ms = NOW + 22 * HOUR
    expect((await (await h.as(next === ann ? 'ann' : 'ben')).error('cancelEventSignup', { eventId: event.id })).code).toBe('CONFLICT')
    expect((await (await h.as('boss')).error('cancelEventSignup', { eventId: event.id })).code).toBe('NOT_FOUND')
  })

  it('record attendance from the rotating code once, only during the event, and pay the reward once from the budget', async () => {
    const { lead, ann, wen } = await setUp()
    const { event } = await lead.ok('createEvent', planting())
    await ann.ok('signUpEvent', { eventId: event.id })
    const before = (await ann.ok('getWallet')).wallet.pointsBalance
    expect((await lead.error('attendEvent', { requestId: rid(), code: 'not a code' })).code).toBe('INVALID_ARGUMENT')

    // Too early: a code shown now does not count.
    const early = await codeOf(lead, event.id)
    expect(await ann.error('attendEvent', { requestId: rid(), code: early })).toMatchObject({ code: 'CONFLICT' })

    h.clock.ms = NOW + 23 * HOUR + 10 * 60_000 // ten minutes into the event
    const lead2 = await h.as('lead')
    const annNow = await h.as('ann')
    const benNow = await h.as('ben')
    const code = await codeOf(lead2, event.id)
    const req = { requestId: rid(), code }
    const twice = await Promise.all([annNow.call('attendEvent', req), annNow.call('attendEvent', req)])
    expect(twice.map((r) => r.status)).toEqual([200, 200])
    expect(twice[0].body.result.entry.id).toBe(twice[1].body.result.entry.id)
    expect(twice[0].body.result.entry).toMatchObject({ type: 'bonus', points: 30, gramsCo2e: 0, ref: event.id })
    expect(twice[0].body.result.event.myStatus).toBe('attended')
    expect((await annNow.ok('getWallet')).wallet.pointsBalance).toBe(before + 30)
    // Her data export says where she belongs and what she signed up for.
    const mine = await annNow.ok('exportMyData')
    expect(mine.community.name).toBe('东湖社区')
    expect(mine.eventSignups).toEqual([
      { eventId: event.id, title: '植树活动', status: 'attended', signedAt: expect.any(String), attendedAt: '2026-11-30T09:10:00.000+08:00' },
    ])
    // A second scan with a new request is refused: once per person.
    expect(await annNow.error('attendEvent', { requestId: rid(), code })).toMatchObject({ code: 'CONFLICT' })
    // Without a place, or with a code from another window or event, nothing is recorded.
    expect((await benNow.error('attendEvent', { requestId: rid(), code })).code).toBe('PERMISSION_DENIED')
    expect((await benNow.error('attendEvent', { requestId: rid(), code: code.replace(/\.[0-9A-F]{16}$/, '.0000000000000000') })).code).toBe('INVALID_ARGUMENT')
    expect((await benNow.error('attendEvent', { requestId: rid(), code: 'GL1.ST-HQ01.1.0000000000000000' })).code).toBe('INVALID_ARGUMENT')
    h.clock.ms += 2 * 60_000 // the code shown two minutes ago has expired
    await benNow.ok('signUpEvent', { eventId: event.id })
    expect((await benNow.error('attendEvent', { requestId: rid(), code })).code).toBe('INVALID_ARGUMENT')
    // After the end, no more attendance.
    h.clock.ms = NOW + 25 * HOUR + 60_000
    const late = await (await h.as('ben')).error('attendEvent', { requestId: rid(), code: code })
    expect(['CONFLICT', 'INVALID_ARGUMENT']).toContain(late.code)
    expect((await (await h.as('lead')).error('eventDisplayCode', { eventId: event.id })).code).toBe('CONFLICT')

    // The organizer's attendance list; other communities' organizers cannot read it.
    const csv = (await (await h.as('lead')).ok('exportEventCsv', { eventId: event.id })).csv as string
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toContain('nickname')
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(4, 5)[0])
        .sort(),
    ).toEqual(['attended', 'signed'])
    expect(lines.some((l) => l.includes('attended') && l.endsWith(',30,,'))).toBe(true)
    const westLead = await h.as('west-lead')
    const west = (await wen.ok('getMyCommunity')).community
    await (await h.as('boss')).ok('grantOrganizer', { openid: westLead.openid, communityId: west.id, granted: true })
    expect((await westLead.error('exportEventCsv', { eventId: event.id })).code).toBe('PERMISSION_DENIED')
    expect((await westLead.error('eventDisplayCode', { eventId: event.id })).code).toBe('PERMISSION_DENIED')
    // The books: 60 points funded, 30 paid as one bonus entry (the audit after this test checks it all).
    expect((await (await h.as('boss')).ok('auditEconomy')).ok).toBe(true)
  })

  it('are called off by their organizer: no more sign-ups or attendance, once, not by another community', async () => {
    const { lead, ann, wen } = await setUp()
    const { event } = await lead.ok('createEvent', planting())
    await ann.ok('signUpEvent', { eventId: event.id })
    const westLead = await h.as('west-lead')
    await (await h.as('boss')).ok('grantOrganizer', { openid: westLead.openid, communityId: (await wen.ok('getMyCommunity')).community.id, granted: true })
    expect((await westLead.error('cancelEvent', { eventId: event.id })).code).toBe('PERMISSION_DENIED')
    expect((await ann.error('cancelEvent', { eventId: event.id })).code).toBe('PERMISSION_DENIED')
    expect((await lead.ok('cancelEvent', { eventId: event.id })).event).toMatchObject({ cancelled: true })
    expect((await lead.error('cancelEvent', { eventId: event.id })).code).toBe('CONFLICT')
    expect((await (await h.as('ben')).error('signUpEvent', { eventId: event.id })).code).toBe('CONFLICT')
    expect((await ann.ok('listEvents')).events[0]).toMatchObject({ id: event.id, cancelled: true, myStatus: 'signed' })
    expect((await ann.ok('getMyCommunity')).upcomingEvents).toBe(0)
    h.clock.ms = NOW + 23 * HOUR
    expect((await (await h.as('lead')).error('eventDisplayCode', { eventId: event.id })).code).toBe('CONFLICT')
  })

  it('lists an organizer the events they run, past ones included', async () => {
    const { lead, boss } = await setUp()
    const mine = (await lead.ok('createEvent', planting())).event
    const city = (await boss.ok('createEvent', planting({ communityId: '', title: '全市活动' }))).event
    expect((await lead.ok('listEvents', { manage: true })).events.map((e: any) => e.id)).toEqual([mine.id])
    expect((await boss.ok('listEvents', { manage: true })).events.map((e: any) => e.id).sort()).toEqual([mine.id, city.id].sort())
    h.clock.ms = NOW + 3 * 24 * HOUR
    expect((await (await h.as('lead')).ok('listEvents', { manage: true })).events.map((e: any) => e.id)).toEqual([mine.id])
    expect((await (await h.as('ann')).ok('listEvents')).events).toEqual([])
  })

  it("check attendance on site when the event asks for the phone's location: refused without it or far off, the distance kept as evidence", async () => {
    const { lead, ann, ben, wen } = await setUp()
    // 东湖公园: attendance within 200 m of it.
    const park = { latitude: 30.5535, longitude: 114.3711 }
    const { event } = await lead.ok('createEvent', planting({ location: { ...park, radiusM: 200 } }))
    expect(event.location).toEqual({ ...park, radiusM: 200 })
    for (const bad of [
      { ...park, radiusM: 10 },
      { latitude: 91, longitude: 0, radiusM: 100 },
      { latitude: 30, longitude: 'east', radiusM: 100 },
    ]) {
      expect((await lead.error('createEvent', planting({ location: bad }))).code).toBe('INVALID_ARGUMENT')
    }
    for (const c of [ann, ben]) await c.ok('signUpEvent', { eventId: event.id })
    h.clock.ms = NOW + 23 * HOUR
    const code = await codeOf(lead, event.id)
    const without = await ann.error('attendEvent', { requestId: rid(), code })
    expect(without).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/location/) })
    // about 1.1 km north: off site, even allowing for the phone's reported accuracy (at most 100 m of it)
    const far = await ann.error('attendEvent', { requestId: rid(), code, location: { latitude: 30.5635, longitude: 114.3711, accuracyM: 5000 } })
    expect(far).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringMatching(/reports 1112 m/) })
    expect((await ann.ok('getWallet')).wallet.pointsBalance).toBe(0)
    const near = await ann.ok('attendEvent', { requestId: rid(), code, location: { latitude: 30.5545, longitude: 114.3711, accuracyM: 20 } })
    expect(near.entry.points).toBe(30)
    // just past the radius, inside it with the phone's reported accuracy
    expect(
      (await ben.ok('attendEvent', { requestId: rid(), code, location: { latitude: 30.5535 + 0.0025, longitude: 114.3711, accuracyM: 80 } })).event.myStatus,
    ).toBe('attended')
    const { csv } = await lead.ok('exportEventCsv', { eventId: event.id })
    expect(csv).toMatch(/distanceM/)
    expect(csv).toMatch(/,111\r\n|,111,/)
    void wen
  })
})
