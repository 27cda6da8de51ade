import { harness, NOW, rid, stockTreasury, trip, type Caller, type Harness, inOrder } from './harness'
import { addDays, shanghaiDay } from '../../src/core/time'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'], tokenTtlSeconds: 90 * 86400 })
  // Bonus budgets are drawn from the treasury: the city issues some first.
  await stockTreasury(await h.as('boss'), 200_000)
})
afterEach(() => h.close())

const MIN = 60000
const bike = (c: Caller, km: number, extra: Record<string, unknown> = {}) => c.ok('checkIn', trip('bike', km, extra))
const at = (ms: number) => new Date(ms).toISOString()

async function groupOf(leader: Caller, ...members: Caller[]) {
  const { group } = await leader.ok('createGroup', { name: '银杏社区 Ginkgo' })
  for (const m of members) await m.ok('joinGroup', { inviteCode: group.inviteCode })
  return group
}

/** An organizer funds the challenge's bonuses: without a budget a completion earns a badge, not points. */
async function fund(challengeId: string, points: number) {
  return (await (await h.as('boss')).ok('fundChallenge', { requestId: rid('fund'), challengeId, points })).challenge
}

async function bonuses(c: Caller) {
  return (await c.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'bonus')
}

describe('groups', () => {
  it('makes the creator leader, joins by invite code, and lets only the leader manage', async () => {
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const ben = await h.as('ben')
    const group = await groupOf(lead, ann)
    expect(group.inviteCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)
    const seen = (await ann.ok('listMyGroups')).groups[0]
    expect(seen).toMatchObject({ id: group.id, isLeader: false })
    expect(seen.inviteCode).toBeUndefined()
    expect(seen.members.map((m: any) => [m.nickname, m.isLeader])).toEqual([
      ['lead', true],
      ['ann', false],
    ])
    expect((await ann.error('rotateInviteCode', { groupId: group.id })).code).toBe('PERMISSION_DENIED')
    const rotated = (await lead.ok('rotateInviteCode', { groupId: group.id })).group.inviteCode
    expect(rotated).not.toBe(group.inviteCode)
    expect((await ben.error('joinGroup', { inviteCode: group.inviteCode })).code).toBe('NOT_FOUND')
    await ben.ok('joinGroup', { inviteCode: rotated.toLowerCase() })
    const benId = ben.openid
    expect((await ann.error('removeMember', { groupId: group.id, memberId: benId })).code).toBe('PERMISSION_DENIED')
    expect((await lead.ok('removeMember', { groupId: group.id, memberId: benId })).group.members).toHaveLength(2)
    await ann.ok('leaveGroup', { groupId: group.id })
    expect((await ann.ok('listMyGroups')).groups).toHaveLength(0)
    expect((await lead.error('leaveGroup', { groupId: group.id })).code).toBe('CONFLICT')
    expect((await ann.error('joinGroup', { inviteCode: 'SHORT' })).code).toBe('INVALID_ARGUMENT')
  })
})

describe('challenges', () => {
  it('lets a leader create one for the group and an organizer one for everyone', async () => {
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const group = await groupOf(lead, ann)
    const base = { title: '骑行周', metric: 'travelKm', mode: 'bike', targetPerMember: 10, startDay: '2026-11-29', endDay: '2026-12-05', bonusPoints: 50 }
    expect((await ann.error('createChallenge', { ...base, groupId: group.id })).code).toBe('PERMISSION_DENIED')
    expect((await lead.error('createChallenge', base)).code).toBe('PERMISSION_DENIED')
    const c = (await lead.ok('createChallenge', { ...base, groupId: group.id })).challenge
    expect(c).toMatchObject({ groupId: group.id, groupName: '银杏社区 Ginkgo', targetPerMember: 10, status: 'running', daysLeft: 7, joined: false })
    expect((await (await h.as('boss')).ok('createChallenge', base)).challenge.groupId).toBeUndefined()
    for (const bad of [
      { ...base, metric: 'travelKm', mode: undefined },
      { ...base, metric: 'gramsCo2e' },
      { ...base, targetPerMember: undefined },
      { ...base, startDay: '2026-12-06' },
      { ...base, endDay: '2026-11-01', startDay: '2026-10-30' },
      { ...base, bonusPoints: 0 },
    ]) {
      expect((await (await h.as('boss')).error('createChallenge', bad)).code).toBe('INVALID_ARGUMENT')
    }
  })

  it('counts only activity in the window and after joining, from the ledger, late arrivals included', async () => {
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const group = await groupOf(lead, ann)
    await bike(ann, 2) // before the challenge exists
    const c = (
      await lead.ok('createChallenge', {
        groupId: group.id,
        title: 'Grams',
        metric: 'gramsCo2e',
        targetPerMember: 10_000,
        startDay: '2026-11-29',
        endDay: '2026-12-05',
        bonusPoints: 50,
      })
    ).challenge
    h.clock.ms += 5 * MIN
    await ann.ok('joinChallenge', { challengeId: c.id })
    await bike(ann, 0.5, { durationMin: 2, occurredAt: at(h.clock.ms - 1 * MIN) }) // ended before joining: does not count
    await bike(ann, 1) // counts: 33 g
    h.clock.ms += 30 * MIN
    await bike(ann, 2, { durationMin: 8, occurredAt: at(h.clock.ms - 10 * MIN) }) // arrives late, happened after joining: counts
    expect((await ann.ok('getChallenge', { challengeId: c.id })).challenge.myValue).toBe(33 + 66)
    expect((await (await h.as('ben')).error('joinChallenge', { challengeId: c.id })).code).toBe('PERMISSION_DENIED')
  })

  it('pays the bonus exactly once when a member crosses the target, even with parallel check-ins', async () => {
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const group = await groupOf(lead, ann)
    const c = (
      await lead.ok('createChallenge', {
        groupId: group.id,
        title: 'Checkins',
        metric: 'checkins',
        targetPerMember: 3,
        startDay: '2026-11-29',
        endDay: '2026-12-05',
        bonusPoints: 40,
      })
    ).challenge
    await fund(c.id, 40)
    await ann.ok('joinChallenge', { challengeId: c.id })
    const before = (await ann.ok('getWallet')).wallet.pointsBalance
    const modes = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool']
    const joinedMs = h.clock.ms
    h.clock.ms += 4 * 60 * MIN // six trips taken in the afternoon, checked in at once
    await Promise.all(modes.map((mode, i) => Promise.resolve().then(() => ann.ok('checkIn', trip(mode, 1, { occurredAt: at(joinedMs + (i + 1) * 30 * MIN) })))))
    expect(await bonuses(ann)).toEqual([expect.objectContaining({ points: 40, ref: c.id })])
    const after = (await ann.ok('getChallenge', { challengeId: c.id })).challenge
    expect(after).toMatchObject({ myValue: 6, myBonusPaid: true })
    // 1 km of each mode: walk 2, bike 3, bus 2, metro 4, ev 8, carpool 6 points; plus one bonus of 40
    expect((await ann.ok('getWallet')).wallet.pointsBalance).toBe(before + 25 + 40)
    expect((await ann.ok('verifyLedger')).ok).toBe(true)
  })

  it('pays every member once when the group together crosses a group target', async () => {
    const lead = await h.as('lead')
    const members = await inOrder(['m1', 'm2', 'm3'], (n) => h.as(n))
    const group = await groupOf(lead, ...members)
    const c = (
      await lead.ok('createChallenge', {
        groupId: group.id,
        title: 'Together',
        metric: 'recyclingKg',
        targetGroup: 3,
        startDay: '2026-11-29',
        endDay: '2026-12-05',
        bonusPoints: 25,
      })
    ).challenge
    await fund(c.id, 75)
    for (const m of members) await m.ok('joinChallenge', { challengeId: c.id })
    await Promise.all(
      members.flatMap((m) =>
        [0, 1].map(() =>
          Promise.resolve().then(() => m.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 0.6, stationCode: 'ST-PK02' })),
        ),
      ),
    )
    for (const m of members) expect(await bonuses(m)).toHaveLength(1)
    expect(await bonuses(lead)).toHaveLength(0) // the leader never joined
    expect((await members[0].ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ groupValue: 3.6, targetGroup: 3 })
  })

  it('pays a group target only to members who contributed; a removed member leaves the board and the total', async () => {
    const lead = await h.as('lead')
    const [m1, m2, late, gone] = await inOrder(['m1', 'm2', 'late', 'gone'], (n) => h.as(n))
    const group = await groupOf(lead, m1, m2, gone)
    const c = (
      await lead.ok('createChallenge', {
        groupId: group.id,
        title: 'Together',
        metric: 'travelKm',
        mode: 'bike',
        targetGroup: 6,
        startDay: '2026-11-29',
        endDay: '2026-12-05',
        bonusPoints: 25,
      })
    ).challenge
    await fund(c.id, 1000)
    for (const m of [m1, m2, gone]) await m.ok('joinChallenge', { challengeId: c.id })
    await bike(gone, 4)
    await lead.ok('removeMember', { groupId: group.id, memberId: gone.openid })
    let seen = (await m1.ok('getChallenge', { challengeId: c.id })).challenge
    expect(seen).toMatchObject({ groupValue: 0, participants: 2 }) // gone's 4 km left with them
    expect((await lead.ok('getLeaderboard', { challengeId: c.id })).rows.map((r: any) => r.nickname)).not.toContain('gone')
    await bike(gone, 5) // no longer progresses
    await bike(m1, 6) // crosses the target alone
    expect(await bonuses(m1)).toHaveLength(1)
    expect(await bonuses(m2)).toHaveLength(0) // joined, contributed nothing
    expect(await bonuses(gone)).toHaveLength(0)
    // A member who joins after the target was reached is paid once they contribute themselves.
    await late.ok('joinGroup', { inviteCode: group.inviteCode })
    await late.ok('joinChallenge', { challengeId: c.id })
    expect(await bonuses(late)).toHaveLength(0)
    await bike(late, 1)
    expect(await bonuses(late)).toHaveLength(1)
    seen = (await m1.ok('getChallenge', { challengeId: c.id })).challenge
    expect(seen).toMatchObject({ groupValue: 7, participants: 3 })
    const board = await lead.ok('getLeaderboard', { challengeId: c.id })
    expect(board.rows.map((r: any) => [r.nickname, r.value])).toEqual([
      ['m1', 6],
      ['late', 1],
      ['m2', 0],
    ])
    expect(board.groups).toEqual([{ groupId: group.id, name: '银杏社区 Ginkgo', value: 7 }])
    // Coming back starts from zero; the row returns to the board.
    await gone.ok('joinGroup', { inviteCode: group.inviteCode })
    await gone.ok('joinChallenge', { challengeId: c.id })
    expect((await gone.ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ joined: true, myValue: 0, participants: 4 })
  })

  it('pools nobody: residents without a group in an open challenge are never paid a group target', async () => {
    const boss = await h.as('boss')
    const c = (
      await boss.ok('createChallenge', {
        title: 'City',
        metric: 'travelKm',
        mode: 'bike',
        targetGroup: 3,
        startDay: '2026-11-29',
        endDay: '2026-12-31',
        bonusPoints: 10,
        budgetPoints: 1000,
      })
    ).challenge
    const [p1, p2] = await inOrder(['p1', 'p2'], (n) => h.as(n))
    for (const p of [p1, p2]) await p.ok('joinChallenge', { challengeId: c.id })
    await bike(p1, 2)
    await bike(p2, 2)
    expect(await bonuses(p1)).toHaveLength(0)
    expect(await bonuses(p2)).toHaveLength(0)
    expect((await p1.ok('getLeaderboard', { challengeId: c.id })).groups).toEqual([])
    // A member of a real group counts for it; leaving the group keeps them in the challenge, on their own.
    const lead = await h.as('lead')
    const group = await groupOf(lead)
    const ann = await h.as('ann')
    await ann.ok('joinGroup', { inviteCode: group.inviteCode })
    await ann.ok('joinChallenge', { challengeId: c.id })
    await bike(ann, 2)
    expect((await ann.ok('getLeaderboard', { challengeId: c.id })).groups).toEqual([{ groupId: group.id, name: '银杏社区 Ginkgo', value: 2 }])
    await ann.ok('leaveGroup', { groupId: group.id })
    const after = await ann.ok('getLeaderboard', { challengeId: c.id })
    expect(after.groups).toEqual([{ groupId: group.id, name: '银杏社区 Ginkgo', value: 0 }])
    expect(after.participants).toBe(3)
    expect(after.me).toMatchObject({ value: 2 })
  })

  it('pays bonuses only from a funded budget, then badges; a leader cannot fund; every funding is audited', async () => {
    const lead = await h.as('lead')
    const [a1, a2, a3] = await inOrder(['a1', 'a2', 'a3'], (n) => h.as(n))
    const group = await groupOf(lead, a1, a2, a3)
    const base = { groupId: group.id, title: 'Funded', metric: 'checkins', targetPerMember: 1, startDay: '2026-11-29', endDay: '2026-12-05', bonusPoints: 50 }
    expect(await lead.error('createChallenge', { ...base, budgetPoints: 100 })).toMatchObject({ code: 'PERMISSION_DENIED' })
    const c = (await lead.ok('createChallenge', base)).challenge
    expect(c).toMatchObject({ budgetPoints: 0, budgetLeftPoints: 0, paysPoints: false })
    expect((await lead.error('fundChallenge', { requestId: rid(), challengeId: c.id, points: 100 })).code).toBe('PERMISSION_DENIED')
    // an organizer funds two bonuses' worth; the same request twice funds once
    const boss = await h.as('boss')
    const req = { requestId: rid('fund'), challengeId: c.id, points: 100 }
    expect((await boss.ok('fundChallenge', req)).challenge).toMatchObject({ budgetPoints: 100, budgetLeftPoints: 100, paysPoints: true })
    expect((await boss.ok('fundChallenge', req)).challenge.budgetPoints).toBe(100)
    expect((await boss.error('fundChallenge', { ...req, points: 5 })).code).toBe('CONFLICT')
    for (const m of [a1, a2, a3]) await m.ok('joinChallenge', { challengeId: c.id })
    await inOrder([a1, a2, a3], async (m) => void (await bike(m, 1)))
    expect(await bonuses(a1)).toHaveLength(1)
    expect(await bonuses(a2)).toHaveLength(1)
    expect(await bonuses(a3)).toHaveLength(0) // the budget ran out: a badge, not points
    const seen = (await a3.ok('getChallenge', { challengeId: c.id })).challenge
    expect(seen).toMatchObject({ myCompleted: true, myBonusPaid: false, budgetLeftPoints: 0, paysPoints: false })
    expect(Object.fromEntries((await a3.ok('getAchievements')).badges.map((b: any) => [b.id, b.earned]))).toMatchObject({ challenge_done: true })
    const audit = await boss.ok('auditEconomy')
    expect(audit).toMatchObject({ ok: true, budgetSpent: 100 })
    expect(audit.pointsIssued).toBe(audit.carbonPoints + 100)
    expect((await a1.error('auditEconomy')).code).toBe('PERMISSION_DENIED')
  })

  it('never overspends a budget under parallel completions', async () => {
    const boss = await h.as('boss')
    const c = (
      await boss.ok('createChallenge', {
        title: 'Rush',
        metric: 'checkins',
        targetPerMember: 1,
        startDay: '2026-11-29',
        endDay: '2026-12-05',
        bonusPoints: 30,
        budgetPoints: 90,
      })
    ).challenge
    const people = await inOrder(
      Array.from({ length: 8 }, (_, i) => `r${i}`),
      (n) => h.as(n),
    )
    for (const p of people) await p.ok('joinChallenge', { challengeId: c.id })
    await Promise.all(people.map((p) => p.ok('checkIn', trip('bike', 1, { occurredAt: at(h.clock.ms) }))))
    const paid = (await Promise.all(people.map(bonuses))).filter((b) => b.length === 1)
    expect(paid).toHaveLength(3)
    expect((await boss.ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ budgetLeftPoints: 0, paysPoints: false })
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })

  it('ranks by value, ties to whoever got there first, and shows my row outside the top N', async () => {
    const boss = await h.as('boss')
    const c = (
      await boss.ok('createChallenge', {
        title: 'Open',
        metric: 'gramsCo2e',
        targetPerMember: 100_000,
        startDay: '2026-11-29',
        endDay: '2026-12-31',
        bonusPoints: 10,
      })
    ).challenge
    const people = await inOrder(['p1', 'p2', 'p3', 'p4', 'p5'], (n) => h.as(n))
    for (const p of people) await p.ok('joinChallenge', { challengeId: c.id })
    const kms = [3, 5, 3, 1, 4]
    await inOrder(people, async (p, i) => {
      h.clock.ms += 1000
      await bike(p, kms[i])
    })
    const board = await people[3].ok('getLeaderboard', { challengeId: c.id, limit: 3 })
    expect(board.participants).toBe(5)
    expect(board.rows.map((r: any) => [r.rank, r.nickname, r.value])).toEqual([
      [1, 'p2', 165],
      [2, 'p5', 132],
      [3, 'p1', 99], // p1 reached 99 before p3 did
    ])
    expect(board.me).toEqual({ rank: 5, nickname: 'p4', value: 33, isMe: true, reached: false })
    expect((await people[2].ok('getLeaderboard', { challengeId: c.id, limit: 3 })).me.rank).toBe(4)
  })

  it('keeps a group board for members and organizers; lists mine, open and finished', async () => {
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const group = await groupOf(lead, ann)
    const c = (
      await lead.ok('createChallenge', {
        groupId: group.id,
        title: 'G',
        metric: 'checkins',
        targetPerMember: 2,
        startDay: '2026-11-29',
        endDay: '2026-11-30',
        bonusPoints: 5,
      })
    ).challenge
    expect((await (await h.as('stranger')).error('getLeaderboard', { challengeId: c.id })).code).toBe('PERMISSION_DENIED')
    expect((await (await h.as('boss')).ok('getLeaderboard', { challengeId: c.id })).participants).toBe(0)
    expect((await ann.ok('listChallenges', { scope: 'open' })).challenges.map((x: any) => x.id)).toEqual([c.id])
    await ann.ok('joinChallenge', { challengeId: c.id })
    expect((await ann.ok('listChallenges', { scope: 'mine' })).challenges.map((x: any) => x.id)).toEqual([c.id])
    expect((await ann.ok('listChallenges', { scope: 'open' })).challenges).toHaveLength(0)
    h.clock.ms = NOW + 3 * 86400000
    expect((await ann.ok('listChallenges', { scope: 'finished' })).challenges.map((x: any) => x.id)).toEqual([c.id])
    expect((await ann.error('joinChallenge', { challengeId: c.id })).code).toBe('CONFLICT')
  })
})

describe('achievements', () => {
  it('earns badges from ledger facts', async () => {
    let a = await h.as('alice')
    expect((await a.ok('getAchievements')).badges.every((b: any) => !b.earned)).toBe(true)
    // a week of rides, each checked in on its day
    h.clock.ms -= 6 * 86400000
    for (let d = 6; d >= 0; d--) {
      await bike(a, 1)
      if (d > 0) h.clock.ms += 86400000
    }
    a = await h.as('alice')
    await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 3, stationCode: 'ST-HQ01' })
    const got = await a.ok('getAchievements')
    expect(got).toMatchObject({ streakDays: 7, longestStreakDays: 7 })
    expect(Object.fromEntries(got.badges.map((b: any) => [b.id, b.earned]))).toEqual({ first_checkin: true, kg10: true, streak7: true, challenge_done: false })
    // the first ride's day, the seventh day in a row, and the drop that took the total past 10 kg
    const today = shanghaiDay(h.clock.ms)
    expect(Object.fromEntries(got.badges.map((b: any) => [b.id, b.earnedDay]))).toEqual({
      first_checkin: addDays(today, -6),
      kg10: today,
      streak7: today,
      challenge_done: null,
    })
  })
})

describe('progress a flagged check-in makes', () => {
  async function organizers() {
    const boss = await h.as('boss')
    const desk = await h.as('desk')
    await boss.ok('grantOrganizer', { openid: desk.openid, communityId: null, granted: true })
    return { boss, desk }
  }
  const days = { startDay: '2026-11-29', endDay: '2026-12-05' }

  it('completes nothing until it is confirmed: no bonus paid from it, and none kept when it is reversed', async () => {
    const { boss, desk } = await organizers()
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const ben = await h.as('ben')
    const group = await groupOf(lead, ann, ben)
    const mine = (await boss.ok('createChallenge', { title: 'Two', metric: 'checkins', targetPerMember: 2, bonusPoints: 1000, budgetPoints: 3000, ...days }))
      .challenge
    const ours = (
      await boss.ok('createChallenge', {
        groupId: group.id,
        title: 'Together',
        metric: 'checkins',
        targetGroup: 3,
        bonusPoints: 25,
        budgetPoints: 400,
        ...days,
      })
    ).challenge
    for (const c of [ann, ben]) for (const ch of [mine, ours]) await c.ok('joinChallenge', { challengeId: ch.id })
    await ben.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 0.5, stationCode: 'ST-HQ01' })
    // A fake 9.5 kg typed paper drop: flagged. Then an honest bus trip reaches both targets by count — not by
    // confirmed progress, so nothing is paid (an adversarial pass had 1,000 points for 78 g this way).
    const flagged = await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 9.5, stationCode: 'ST-HQ01' })
    await ann.ok('checkIn', trip('bus', 3))
    expect((await ann.ok('getChallenge', { challengeId: mine.id })).challenge).toMatchObject({ myValue: 2, myCompleted: false, myBonusPaid: false })
    expect((await ben.ok('getChallenge', { challengeId: ours.id })).challenge).toMatchObject({ groupValue: 3, myCompleted: false })
    expect(await bonuses(ann)).toEqual([])
    const held = (await ann.ok('getWallet')).wallet
    expect(held.pointsHeld).toBe(flagged.entry.points)
    const [item] = (await boss.ok('listReviewQueue', {})).items
    await desk.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
    expect((await ann.ok('getChallenge', { challengeId: mine.id })).challenge).toMatchObject({ myValue: 1, myCompleted: false, budgetLeftPoints: 3000 })
    expect(await bonuses(ann)).toEqual([])
    // An honest second check-in completes it on confirmed progress, and pays.
    await ann.ok('checkIn', trip('metro', 5))
    expect((await ann.ok('getChallenge', { challengeId: mine.id })).challenge).toMatchObject({ myCompleted: true, myBonusPaid: true })
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })

  it('completes what it reaches once confirmed, its bonuses paid then', async () => {
    const { boss, desk } = await organizers()
    const ann = await h.as('ann')
    const c = (await boss.ok('createChallenge', { title: 'Glass', metric: 'recyclingKg', targetPerMember: 8, bonusPoints: 40, budgetPoints: 40, ...days }))
      .challenge
    await ann.ok('joinChallenge', { challengeId: c.id })
    const flagged = await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 9, stationCode: 'ST-HQ01' })
    expect(flagged.wallet.pointsHeld).toBe(flagged.entry.points)
    expect((await ann.ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ myValue: 9, myCompleted: false })
    const [item] = (await boss.ok('listReviewQueue', {})).items
    await desk.ok('decideReview', { reviewId: item.id, decision: 'confirm' })
    expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: 0, pointsBalance: flagged.entry.points + 40 })
    expect((await ann.ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ myCompleted: true, myBonusPaid: true })
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })

  it('holds a bonus already paid when its check-in is flagged later (a shared code), and takes it back on reversal', async () => {
    const { boss, desk } = await organizers()
    const c = (await boss.ok('createChallenge', { title: 'One drop', metric: 'checkins', targetPerMember: 1, bonusPoints: 500, budgetPoints: 5000, ...days }))
      .challenge
    const { code } = await boss.ok('stationDisplayCode', { stationCode: 'ST-HQ01' })
    const residents: Caller[] = []
    for (let i = 0; i < 5; i++) {
      const r = await h.as(`shared${i}`)
      await r.ok('joinChallenge', { challengeId: c.id })
      residents.push(r)
    }
    for (const [i, r] of residents.slice(0, 4).entries()) {
      await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 1, stationCode: 'ST-HQ01', displayCode: code })
      expect((await bonuses(r)).map((e: any) => e.points)).toEqual([500])
      if (i === 0) await r.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' }) // 50 of it spent before the flag
    }
    // The fifth scan of one window: all five drops go to review; the four bonuses already paid are held.
    await residents[4].ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 1, stationCode: 'ST-HQ01', displayCode: code })
    expect(await bonuses(residents[4])).toEqual([])
    const firstHeld = (await residents[0].ok('getWallet')).wallet
    expect(firstHeld.pointsHeld).toBe(firstHeld.pointsBalance)
    expect((await residents[1].ok('getWallet')).wallet.pointsHeld).toBe(31 + 500)
    for (const item of (await boss.ok('listReviewQueue', { limit: 50 })).items) await desk.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
    for (const r of residents.slice(1, 4)) {
      expect((await r.ok('getWallet')).wallet).toMatchObject({ pointsBalance: 0, pointsHeld: 0 })
      expect((await r.ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ myValue: 0, myCompleted: false, myBonusPaid: false })
    }
    // the first had spent 50 before the flag: what was held came back, the voucher stays theirs
    expect((await residents[0].ok('getWallet')).wallet).toMatchObject({ pointsBalance: 0, pointsHeld: 0 })
    const audit = await boss.ok('auditEconomy')
    expect(audit.checks.filter((x: any) => !x.ok)).toEqual([])
    // 450 of the first bonus was unspent and held (31 went to the drop's own review), 500 of each other: back in the budget
    expect((await boss.ok('getChallenge', { challengeId: c.id })).challenge.budgetLeftPoints).toBe(5000 - 50)
  })
})

describe('what a resident and an organizer see', () => {
  it("always lists the caller's own challenges, even behind 200 newer ones", async () => {
    const boss = await h.as('boss')
    const ann = await h.as('ann')
    const days = { startDay: '2026-11-29', endDay: '2026-12-31' }
    const mine = (await boss.ok('createChallenge', { title: 'Mine', metric: 'checkins', targetPerMember: 5, bonusPoints: 1, ...days })).challenge
    await ann.ok('joinChallenge', { challengeId: mine.id })
    for (let i = 0; i < 201; i++) {
      h.clock.ms += 1000
      await boss.ok('createChallenge', { title: `Newer ${i}`, metric: 'checkins', targetPerMember: 5, bonusPoints: 1, ...days })
    }
    expect((await ann.ok('listChallenges', { scope: 'mine' })).challenges.map((c: any) => c.id)).toEqual([mine.id])
  })

  it("shows a group's private board to its members and city organizers only", async () => {
    const boss = await h.as('boss')
    const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
    const eastLead = await h.as('east-lead')
    await boss.ok('grantOrganizer', { openid: eastLead.openid, communityId: east.id, granted: true })
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const group = await groupOf(lead, ann)
    const c = (
      await lead.ok('createChallenge', {
        groupId: group.id,
        title: 'Ours',
        metric: 'checkins',
        targetPerMember: 3,
        bonusPoints: 1,
        startDay: '2026-11-29',
        endDay: '2026-12-05',
      })
    ).challenge
    expect((await ann.ok('getLeaderboard', { challengeId: c.id })).challengeId).toBe(c.id)
    expect((await boss.ok('getLeaderboard', { challengeId: c.id })).challengeId).toBe(c.id)
    expect((await eastLead.error('getLeaderboard', { challengeId: c.id })).code).toBe('PERMISSION_DENIED')
    expect((await eastLead.error('getChallenge', { challengeId: c.id })).code).toBe('PERMISSION_DENIED')
    expect((await (await h.as('stranger')).error('getLeaderboard', { challengeId: c.id })).code).toBe('PERMISSION_DENIED')
  })
})
