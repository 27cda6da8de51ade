/**
 * Where points that are not carbon come from (src/core/treasury): issued by city organizers into the treasury,
 * capped per month; allocated to purses; drawn into budgets; given back when a budget closes. Separation of
 * duties: nobody decides their own flagged check-in, nobody is paid by an event they run or a challenge they made
 * or funded. And the audit's legitimacy equations, each shown catching a row edited behind the functions' back.
 */
import { rawSql } from '../support/database'
import { harness, NOW, rid, stockTreasury, type Caller, type Harness } from './harness'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (ms: number) => new Date(ms).toISOString()

let h: Harness
afterEach(() => h.close())

async function city(options: { cap?: number } = {}) {
  h = await harness({
    organizers: ['boss', 'boss2'],
    tokenTtlSeconds: 365 * 86400,
    ...(options.cap !== undefined ? { treasuryMonthlyCapPoints: options.cap } : {}),
  })
  const boss = await h.as('boss')
  const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
  const lead = await h.as('lead')
  await boss.ok('grantOrganizer', { openid: lead.openid, communityId: east.id, granted: true })
  await lead.ok('setMyCommunity', { communityId: east.id })
  const ann = await h.as('ann')
  await ann.ok('setMyCommunity', { communityId: east.id })
  return { boss, east, lead, ann }
}

const event = (extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  title: '植树',
  place: '东湖公园',
  startsAt: at(h.clock.ms - HOUR),
  endsAt: at(h.clock.ms + 3 * HOUR),
  slots: 2,
  rewardPoints: 200,
  ...extra,
})

const days = { startDay: '2026-11-29', endDay: '2026-12-05' }

async function paidBonuses(c: Caller) {
  return (await c.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'bonus')
}

describe('the treasury', () => {
  it('is the only source of budgets: a community organizer draws from an allowance a city organizer allocated, and mints nothing', async () => {
    const { boss, east, lead } = await city()
    // The two ways a community organizer minted points before: a funded challenge, and an event's budget.
    expect(
      await lead.error('createChallenge', { title: 'Mint', metric: 'checkins', targetPerMember: 1, bonusPoints: 100_000, budgetPoints: 100_000, ...days }),
    ).toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    expect(await lead.error('createEvent', event({ slots: 1, rewardPoints: 500 }))).toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    // Nor can they fill their own purse.
    expect((await lead.error('issuePoints', { requestId: rid(), points: 1000, reason: 'mine' })).code).toBe('PERMISSION_DENIED')
    expect((await lead.error('allocatePoints', { requestId: rid(), communityId: east.id, points: 1000, reason: 'mine' })).code).toBe('PERMISSION_DENIED')

    const issued = await boss.ok('issuePoints', { requestId: rid(), points: 1000, reason: '十二月社区活动预算' })
    expect(issued).toMatchObject({ month: '2026-11', issuedPoints: 1000, allocatedPoints: 0, unallocatedPoints: 1000, monthIssuedPoints: 1000 })
    expect(issued.issuances[0]).toMatchObject({ points: 1000, reason: '十二月社区活动预算', by: boss.openid })
    expect(await boss.error('allocatePoints', { requestId: rid(), communityId: east.id, points: 1001, reason: 'too much' })).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
    })
    const allocated = await boss.ok('allocatePoints', { requestId: rid(), communityId: east.id, points: 600, reason: 'east events' })
    expect(allocated.purses).toEqual([
      { communityId: '', name: '', grantedPoints: 0, spentPoints: 0, leftPoints: 0 },
      { communityId: east.id, name: '东湖社区', grantedPoints: 600, spentPoints: 0, leftPoints: 600 },
    ])
    expect(allocated.unallocatedPoints).toBe(400)

    // The community organizer sees their own purse, not the city's issuances.
    const seen = await lead.ok('getTreasury')
    expect(seen.purses).toEqual([{ communityId: east.id, name: '东湖社区', grantedPoints: 600, spentPoints: 0, leftPoints: 600 }])
    expect(seen.issuances).toEqual([])
    const { event: planting } = await lead.ok('createEvent', event())
    expect((await lead.ok('getTreasury')).purses[0]).toMatchObject({ spentPoints: 400, leftPoints: 200 })
    const refused = await lead.error('createEvent', event({ slots: 1, rewardPoints: 300 }))
    expect(refused).toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    expect(refused.message).toContain('200 points left')
    // Called off: nobody was paid, so all 400 go back at once.
    await lead.ok('cancelEvent', { eventId: planting.id })
    expect((await lead.ok('getTreasury')).purses[0]).toMatchObject({ spentPoints: 0, leftPoints: 600 })
    // A city organizer's budgets come from the treasury's unallocated points, through the city's purse.
    await boss.ok('createChallenge', { title: 'City walk', metric: 'checkins', targetPerMember: 3, bonusPoints: 50, budgetPoints: 400, ...days })
    expect(
      await boss.error('fundChallenge', { requestId: rid(), challengeId: (await boss.ok('listChallenges', { scope: 'open' })).challenges[0].id, points: 1 }),
    ).toMatchObject({ code: 'INSUFFICIENT_POINTS' })
    const after = await boss.ok('getTreasury')
    expect(after).toMatchObject({ issuedPoints: 1000, allocatedPoints: 1000, unallocatedPoints: 0 })
    expect(after.purses.find((p: any) => p.communityId === '')).toMatchObject({ grantedPoints: 400, spentPoints: 400 })
  })

  it("draws a city organizer's budgets from the city's purse first, and only what it lacks from the treasury", async () => {
    const { boss } = await city()
    await boss.ok('issuePoints', { requestId: rid(), points: 150, reason: 'city events' })
    await boss.ok('allocatePoints', { requestId: rid(), communityId: '', points: 100, reason: 'ahead, for the city' })
    await boss.ok('createEvent', event({ slots: 1, rewardPoints: 80, communityId: '' }))
    expect((await boss.ok('getTreasury')).purses.find((p: any) => p.communityId === '')).toMatchObject({ grantedPoints: 100, spentPoints: 80, leftPoints: 20 })
    // 20 left in the purse and 50 unallocated: a 60-point budget takes the 20 and allocates 40 more.
    await boss.ok('createEvent', event({ slots: 1, rewardPoints: 60, communityId: '' }))
    expect(await boss.ok('getTreasury')).toMatchObject({ allocatedPoints: 140, unallocatedPoints: 10 })
    expect((await boss.error('createEvent', event({ slots: 1, rewardPoints: 11, communityId: '' }))).code).toBe('INSUFFICIENT_POINTS')
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })

  it('caps issuance per Asia/Shanghai month, once per requestId, and shows it on the public dashboard', async () => {
    const { boss } = await city({ cap: 5000 })
    const req = { requestId: rid(), points: 3000, reason: 'first' }
    await boss.ok('issuePoints', req)
    expect((await boss.ok('issuePoints', req)).issuedPoints).toBe(3000)
    expect((await boss.error('issuePoints', { ...req, points: 3001 })).code).toBe('CONFLICT')
    const over = await boss.error('issuePoints', { requestId: rid(), points: 2500, reason: 'over' })
    expect(over).toMatchObject({ code: 'CONFLICT' })
    expect(over.message).toContain('at most 2000 more')
    await boss.ok('issuePoints', { requestId: rid(), points: 2000, reason: 'to the cap' })
    // Another city organizer shares the same cap.
    expect((await (await h.as('boss2')).error('issuePoints', { requestId: rid(), points: 1, reason: 'one more' })).code).toBe('CONFLICT')
    // Shanghai's December starts at 16:00 UTC on 30 November.
    h.clock.ms = Date.parse('2026-12-01T00:00:00+08:00')
    const december = await boss.ok('issuePoints', { requestId: rid(), points: 5000, reason: 'december' })
    expect(december).toMatchObject({ month: '2026-12', monthIssuedPoints: 5000, issuedPoints: 10_000 })
    const board = (await h.cloud.call('getCityDashboard', {})).body as any
    expect(board.result.issuance.slice(-2)).toEqual([
      { month: '2026-11', points: 5000 },
      { month: '2026-12', points: 5000 },
    ])
    expect(await boss.error('issuePoints', { requestId: rid(), points: 1, reason: '' })).toMatchObject({ code: 'INVALID_ARGUMENT' })
  })

  it('gives back what a closed budget did not pay: an event over with a no-show, a challenge past its last credit', async () => {
    const { boss, east, lead, ann } = await city()
    await stockTreasury(boss, 5000, east.id)
    const { event: e } = await lead.ok('createEvent', event({ slots: 3, rewardPoints: 100 }))
    await ann.ok('signUpEvent', { eventId: e.id })
    await ann.ok('attendEvent', { requestId: rid(), code: (await lead.ok('eventDisplayCode', { eventId: e.id })).code })
    const { challenge } = await lead.ok('createChallenge', {
      title: 'Week',
      metric: 'checkins',
      targetPerMember: 1,
      bonusPoints: 40,
      budgetPoints: 400,
      ...days,
    })
    await ann.ok('joinChallenge', { challengeId: challenge.id })
    await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' })
    expect((await lead.ok('getTreasury')).purses[0]).toMatchObject({ grantedPoints: 5000, spentPoints: 700 })
    // The event is over: 200 of its 300 come back. The challenge still takes late credits for its last days.
    h.clock.ms += 4 * HOUR
    expect(await h.cloud.sweepBudgets()).toBe(200)
    expect((await lead.ok('getTreasury')).purses[0]).toMatchObject({ spentPoints: 500 })
    // Once no back-dated check-in can reach its window (2026-12-05 + 48 h), its 360 unpaid points come back too.
    h.clock.ms = Date.parse('2026-12-08T12:00:00+08:00')
    expect(await h.cloud.sweepBudgets()).toBe(360)
    expect(await h.cloud.sweepBudgets()).toBe(0)
    expect((await lead.ok('getTreasury')).purses[0]).toMatchObject({ spentPoints: 140, leftPoints: 4860 })
    // A finished challenge takes no more funding (it would sit in a closed budget).
    expect(await boss.error('fundChallenge', { requestId: rid(), challengeId: challenge.id, points: 10 })).toMatchObject({ code: 'CONFLICT' })
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })
})

describe('separation of duties', () => {
  it('pays no organizer from an event they run, and nobody for a challenge they created or funded; they still take part', async () => {
    const { boss, east, lead, ann } = await city()
    await stockTreasury(boss, 10_000, east.id)
    await stockTreasury(boss, 10_000)
    const { event: e } = await lead.ok('createEvent', event())
    for (const c of [lead, ann]) await c.ok('signUpEvent', { eventId: e.id })
    const { code } = await lead.ok('eventDisplayCode', { eventId: e.id })
    const mine = await lead.ok('attendEvent', { requestId: rid(), code })
    expect(mine.event.myStatus).toBe('attended')
    expect(mine.entry).toBeUndefined()
    expect((await ann.ok('attendEvent', { requestId: rid(), code })).entry.points).toBe(200)
    // A city organizer could show any event's code: they are not paid by any event either.
    const { event: cityWide } = await boss.ok('createEvent', event({ communityId: '' }))
    const other = await h.as('boss2')
    await other.ok('signUpEvent', { eventId: cityWide.id })
    expect(
      (await other.ok('attendEvent', { requestId: rid(), code: (await boss.ok('eventDisplayCode', { eventId: cityWide.id })).code })).entry,
    ).toBeUndefined()

    const { challenge } = await boss.ok('createChallenge', {
      title: 'Drops',
      metric: 'checkins',
      targetPerMember: 1,
      bonusPoints: 30,
      budgetPoints: 300,
      ...days,
    })
    await other.ok('fundChallenge', { requestId: rid(), challengeId: challenge.id, points: 60 })
    const bob = await h.as('bob')
    for (const c of [boss, other, bob]) {
      await c.ok('joinChallenge', { challengeId: challenge.id })
      await c.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' })
    }
    for (const c of [boss, other]) {
      const seen = (await c.ok('getChallenge', { challengeId: challenge.id })).challenge
      expect(seen).toMatchObject({ myCompleted: true, myBonusPaid: false })
      expect(await paidBonuses(c)).toEqual([])
    }
    expect((await bob.ok('getChallenge', { challengeId: challenge.id })).challenge).toMatchObject({ myCompleted: true, myBonusPaid: true })
    expect(await boss.ok('auditEconomy')).toMatchObject({ ok: true })
  })

  it('lets nobody decide their own flagged check-in', async () => {
    const { boss, lead } = await city()
    await boss.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 9, stationCode: 'ST-HQ01' })
    const [item] = (await boss.ok('listReviewQueue', {})).items
    expect(item.nickname).toBe('boss')
    expect(await boss.error('decideReview', { reviewId: item.id, decision: 'confirm' })).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect((await (await h.as('boss2')).ok('decideReview', { reviewId: item.id, decision: 'confirm' })).item.status).toBe('confirmed')
    void lead
  })

  it('leaves a scripted community organizer with no more points than their own grams earned (Done-when)', async () => {
    const { boss, east, lead, ann } = await city()
    await stockTreasury(boss, 2000, east.id)
    const day = { startDay: '2026-11-29', endDay: '2026-11-29' }
    // Everything the earlier pass tried, and the variants a smarter insider would try next.
    await lead.call('createChallenge', { title: 'Mint', metric: 'checkins', targetPerMember: 1, bonusPoints: 100_000, budgetPoints: 100_000, ...day })
    const { challenge } = await lead.ok('createChallenge', {
      title: 'Mine',
      metric: 'checkins',
      targetPerMember: 1,
      bonusPoints: 500,
      budgetPoints: 1000,
      ...day,
    })
    await lead.ok('joinChallenge', { challengeId: challenge.id })
    for (let i = 0; i < 3; i++) {
      const made = await lead.call('createEvent', event({ slots: 1, rewardPoints: 500 }))
      if (made.status !== 200) continue
      await lead.call('signUpEvent', { eventId: made.body.result.event.id })
      await lead.call('attendEvent', { requestId: rid(), code: (await lead.ok('eventDisplayCode', { eventId: made.body.result.event.id })).code })
    }
    await lead.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 9, stationCode: 'ST-HQ01' })
    const [flagged] = (await lead.ok('listReviewQueue', {})).items
    await lead.call('decideReview', { reviewId: flagged.id, decision: 'confirm' })
    await lead.call('issuePoints', { requestId: rid(), points: 100_000, reason: 'mine' })
    await lead.call('allocatePoints', { requestId: rid(), communityId: east.id, points: 100_000, reason: 'mine' })
    await lead.call('fundChallenge', { requestId: rid(), challengeId: challenge.id, points: 100 })
    const entries = (await lead.ok('listLedger', { limit: 50 })).entries
    const { wallet } = await lead.ok('getWallet')
    // Every point they hold came from their own check-ins' grams; none is spendable while their own flag is open.
    expect(entries.every((e: any) => e.type === 'checkin')).toBe(true)
    expect(wallet.pointsEarned).toBe(Math.floor(wallet.gramsCo2eTotal / 10))
    expect(wallet.pointsBalance - wallet.pointsHeld).toBe(0)
    // The allowance moved only into budgets, and the resident who took part was paid from them.
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
    void ann
  })
})

describe('the audit proves legitimacy', () => {
  /** A city with every kind of row the equations read, honestly made; then one row is edited per case. */
  async function honestCity() {
    const { boss, east, lead, ann } = await city()
    await stockTreasury(boss, 3000, east.id)
    const { event: e } = await lead.ok('createEvent', event())
    await ann.ok('signUpEvent', { eventId: e.id })
    await ann.ok('attendEvent', { requestId: rid(), code: (await lead.ok('eventDisplayCode', { eventId: e.id })).code })
    await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 2, stationCode: 'ST-HQ01' })
    const { redemption } = await ann.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    await ann.ok('cancelRedemption', { redemptionId: redemption.id })
    await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 9, stationCode: 'ST-HQ01' })
    const [flagged] = (await boss.ok('listReviewQueue', {})).items
    await boss.ok('decideReview', { reviewId: flagged.id, decision: 'reverse' })
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
    return { boss, east, lead, ann, e, redemption, flagged }
  }

  const failedChecks = async (boss: Caller) => (await boss.ok('auditEconomy')).checks.filter((c: any) => !c.ok).map((c: any) => c.name)

  const cases: [string, (x: Awaited<ReturnType<typeof honestCity>>) => Promise<void>, string][] = [
    [
      'an issuance nobody recorded',
      async () => rawSql(h.cloud.store, "UPDATE treasury SET issued = issued + 500 WHERE id = 'city'"),
      'the treasury: issued = Σ issuances',
    ],
    [
      'an allocation nobody recorded',
      async () => rawSql(h.cloud.store, "UPDATE treasury SET allocated = allocated - 1 WHERE id = 'city'"),
      'the treasury: allocated = Σ allocations',
    ],
    [
      'a purse grown behind its records',
      async ({ east }) => rawSql(h.cloud.store, 'UPDATE allowances SET granted = granted + 50 WHERE purse = ?', [east.id]),
      'each purse: granted = its allocations, spent = its fundings − returns (purses that differ)',
    ],
    [
      'a budget funded from a purse that does not exist',
      async ({ e }) => {
        await rawSql(
          h.cloud.store,
          "INSERT INTO budget_fundings (id, challenge_id, openid, points, created_at, purse) VALUES ('bf_forged', ?, 'x', 100, '2026-11-29T10:00:00.000+08:00', 'nowhere')",
          [e.id],
        )
        await rawSql(h.cloud.store, 'UPDATE events SET budget_points = budget_points + 100 WHERE id = ?', [e.id])
      },
      'each purse: granted = its allocations, spent = its fundings − returns (purses that differ)',
    ],
    [
      'a wallet below zero',
      async ({ ann }) => rawSql(h.cloud.store, 'UPDATE wallets SET grams_total = -1 WHERE openid = ?', [ann.openid]),
      "no person's grams or points below zero (wallets)",
    ],
    [
      'a check-in reversed twice',
      async ({ ann, flagged }) =>
        rawSql(
          h.cloud.store,
          "INSERT INTO entries (openid, seq, id, type, grams, points, factor_id, day, created_at, ref, prev_hash, hash, community_id) VALUES (?, 99, 'e_twice', 'adjust', 0, 0, 'recycling.glass', '2026-11-29', '2026-11-29T10:00:00.000+08:00', ?, 'x', 'y', '')",
          [ann.openid, flagged.entry.id],
        ),
      'no entry reversed twice (entries)',
    ],
    [
      'a cancelled voucher made fulfilled again',
      async ({ redemption }) => rawSql(h.cloud.store, "UPDATE redemptions SET status = 'fulfilled' WHERE id = ?", [redemption.id]),
      'each voucher settled once: one refund if cancelled or expired, none otherwise (vouchers that differ)',
    ],
    [
      'a held bonus that no review holds',
      async ({ ann }) =>
        rawSql(
          h.cloud.store,
          "INSERT INTO review_holds (review_id, entry_id, openid, challenge_id, points) VALUES ('rv_open_forged', 'e_forged', ?, 'ch_x', 5)",
          [ann.openid],
        ).then(() =>
          rawSql(
            h.cloud.store,
            "INSERT INTO reviews (id, entry_id, openid, reasons, status, created_at, community_id, held_points) VALUES ('rv_open_forged', 'e_none', ?, 'near_cap_weight', 'open', '2026-11-29T10:00:00.000+08:00', '', 0)",
            [ann.openid],
          ),
        ),
      'held points = check-ins under review + the bonuses they triggered',
    ],
    [
      "a paid attendee written in as the event's creator",
      async ({ ann, e }) => rawSql(h.cloud.store, 'UPDATE events SET creator = ? WHERE id = ?', [ann.openid, e.id]),
      'no organizer paid by their own event or challenge (bonus entries)',
    ],
  ]

  for (const [what, tamper, equation] of cases) {
    it(`catches ${what}`, async () => {
      const x = await honestCity()
      h.tampered()
      await tamper(x)
      expect(await failedChecks(x.boss)).toContain(equation)
    })
  }
})

void NOW
void DAY
