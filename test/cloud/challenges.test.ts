import { harness, NOW, rid, type Caller, type Harness } from './harness'

let h: Harness
beforeEach(() => {
  h = harness({ organizers: ['boss'], tokenTtlSeconds: 90 * 86400 })
})
afterEach(() => h.close())

const MIN = 60000
const bike = (c: Caller, km: number, extra: Record<string, unknown> = {}) =>
  c.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: km, ...extra })
const at = (ms: number) => new Date(ms).toISOString()

function groupOf(leader: Caller, ...members: Caller[]) {
  const { group } = leader.ok('createGroup', { name: '银杏社区 Ginkgo' })
  for (const m of members) m.ok('joinGroup', { inviteCode: group.inviteCode })
  return group
}

function bonuses(c: Caller) {
  return c.ok('listLedger', { limit: 50 }).entries.filter((e: any) => e.type === 'bonus')
}

describe('groups', () => {
  it('makes the creator leader, joins by invite code, and lets only the leader manage', () => {
    const lead = h.as('lead')
    const ann = h.as('ann')
    const ben = h.as('ben')
    const group = groupOf(lead, ann)
    expect(group.inviteCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)
    const seen = ann.ok('listMyGroups').groups[0]
    expect(seen).toMatchObject({ id: group.id, isLeader: false })
    expect(seen.inviteCode).toBeUndefined()
    expect(seen.members.map((m: any) => [m.nickname, m.isLeader])).toEqual([['lead', true], ['ann', false]])
    expect(ann.error('rotateInviteCode', { groupId: group.id }).code).toBe('PERMISSION_DENIED')
    const rotated = lead.ok('rotateInviteCode', { groupId: group.id }).group.inviteCode
    expect(rotated).not.toBe(group.inviteCode)
    expect(ben.error('joinGroup', { inviteCode: group.inviteCode }).code).toBe('NOT_FOUND')
    ben.ok('joinGroup', { inviteCode: rotated.toLowerCase() })
    const benId = ben.openid
    expect(ann.error('removeMember', { groupId: group.id, memberId: benId }).code).toBe('PERMISSION_DENIED')
    expect(lead.ok('removeMember', { groupId: group.id, memberId: benId }).group.members).toHaveLength(2)
    ann.ok('leaveGroup', { groupId: group.id })
    expect(ann.ok('listMyGroups').groups).toHaveLength(0)
    expect(lead.error('leaveGroup', { groupId: group.id }).code).toBe('CONFLICT')
    expect(ann.error('joinGroup', { inviteCode: 'SHORT' }).code).toBe('INVALID_ARGUMENT')
  })
})

describe('challenges', () => {
  it('lets a leader create one for the group and an organizer one for everyone', () => {
    const lead = h.as('lead')
    const ann = h.as('ann')
    const group = groupOf(lead, ann)
    const base = { title: '骑行周', metric: 'travelKm', mode: 'bike', targetPerMember: 10, startDay: '2026-11-29', endDay: '2026-12-05', bonusPoints: 50 }
    expect(ann.error('createChallenge', { ...base, groupId: group.id }).code).toBe('PERMISSION_DENIED')
    expect(lead.error('createChallenge', base).code).toBe('PERMISSION_DENIED')
    const c = lead.ok('createChallenge', { ...base, groupId: group.id }).challenge
    expect(c).toMatchObject({ groupId: group.id, groupName: '银杏社区 Ginkgo', targetPerMember: 10, status: 'running', daysLeft: 7, joined: false })
    expect(h.as('boss').ok('createChallenge', base).challenge.groupId).toBeUndefined()
    for (const bad of [
      { ...base, metric: 'travelKm', mode: undefined },
      { ...base, metric: 'gramsCo2e' },
      { ...base, targetPerMember: undefined },
      { ...base, startDay: '2026-12-06' },
      { ...base, endDay: '2026-11-01', startDay: '2026-10-30' },
      { ...base, bonusPoints: 0 },
    ]) {
      expect(h.as('boss').error('createChallenge', bad).code).toBe('INVALID_ARGUMENT')
    }
  })

  it('counts only activity in the window and after joining, from the ledger, late arrivals included', () => {
    const lead = h.as('lead')
    const ann = h.as('ann')
    const group = groupOf(lead, ann)
    bike(ann, 2) // before the challenge exists
    const c = lead.ok('createChallenge', { groupId: group.id, title: 'Grams', metric: 'gramsCo2e', targetPerMember: 10_000, startDay: '2026-11-29', endDay: '2026-12-05', bonusPoints: 50 }).challenge
    h.clock.ms += 5 * MIN
    ann.ok('joinChallenge', { challengeId: c.id })
    bike(ann, 3, { occurredAt: at(h.clock.ms - 2 * MIN) }) // happened before joining: does not count
    bike(ann, 1) // counts: 33 g
    h.clock.ms += 10 * MIN
    bike(ann, 2, { occurredAt: at(h.clock.ms - 5 * MIN) }) // arrives late, happened after joining: counts
    expect(ann.ok('getChallenge', { challengeId: c.id }).challenge.myValue).toBe(33 + 66)
    expect(h.as('ben').error('joinChallenge', { challengeId: c.id }).code).toBe('PERMISSION_DENIED')
  })

  it('pays the bonus exactly once when a member crosses the target, even with parallel check-ins', async () => {
    const lead = h.as('lead')
    const ann = h.as('ann')
    const group = groupOf(lead, ann)
    const c = lead.ok('createChallenge', { groupId: group.id, title: 'Checkins', metric: 'checkins', targetPerMember: 3, startDay: '2026-11-29', endDay: '2026-12-05', bonusPoints: 40 }).challenge
    ann.ok('joinChallenge', { challengeId: c.id })
    const before = ann.ok('getWallet').wallet.pointsBalance
    const modes = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool']
    await Promise.all(modes.map((mode) => Promise.resolve().then(() => ann.ok('checkIn', { requestId: rid(), kind: 'travel', mode, distanceKm: 1 }))))
    expect(bonuses(ann)).toEqual([expect.objectContaining({ points: 40, ref: c.id })])
    const after = ann.ok('getChallenge', { challengeId: c.id }).challenge
    expect(after).toMatchObject({ myValue: 6, myBonusPaid: true })
    // 1 km of each mode: walk 2, bike 3, bus 2, metro 4, ev 8, carpool 6 points; plus one bonus of 40
    expect(ann.ok('getWallet').wallet.pointsBalance).toBe(before + 25 + 40)
    expect(ann.ok('verifyLedger').ok).toBe(true)
  })

  it('pays every member once when the group together crosses a group target', async () => {
    const lead = h.as('lead')
    const members = ['m1', 'm2', 'm3'].map((n) => h.as(n))
    const group = groupOf(lead, ...members)
    const c = lead.ok('createChallenge', { groupId: group.id, title: 'Together', metric: 'recyclingKg', targetGroup: 3, startDay: '2026-11-29', endDay: '2026-12-05', bonusPoints: 25 }).challenge
    for (const m of members) m.ok('joinChallenge', { challengeId: c.id })
    await Promise.all(
      members.flatMap((m) => [0, 1].map(() => Promise.resolve().then(() => m.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 0.6, stationCode: 'ST-PK02' })))),
    )
    for (const m of members) expect(bonuses(m)).toHaveLength(1)
    expect(bonuses(lead)).toHaveLength(0) // the leader never joined
    expect(members[0].ok('getChallenge', { challengeId: c.id }).challenge).toMatchObject({ groupValue: 3.6, targetGroup: 3 })
  })

  it('ranks by value, ties to whoever got there first, and shows my row outside the top N', () => {
    const boss = h.as('boss')
    const c = boss.ok('createChallenge', { title: 'Open', metric: 'gramsCo2e', targetPerMember: 100_000, startDay: '2026-11-29', endDay: '2026-12-31', bonusPoints: 10 }).challenge
    const people = ['p1', 'p2', 'p3', 'p4', 'p5'].map((n) => h.as(n))
    for (const p of people) p.ok('joinChallenge', { challengeId: c.id })
    const kms = [3, 5, 3, 1, 4]
    people.forEach((p, i) => {
      h.clock.ms += 1000
      bike(p, kms[i])
    })
    const board = people[3].ok('getLeaderboard', { challengeId: c.id, limit: 3 })
    expect(board.participants).toBe(5)
    expect(board.rows.map((r: any) => [r.rank, r.nickname, r.value])).toEqual([
      [1, 'p2', 165],
      [2, 'p5', 132],
      [3, 'p1', 99], // p1 reached 99 before p3 did
    ])
    expect(board.me).toEqual({ rank: 5, nickname: 'p4', value: 33, isMe: true, reached: false })
    expect(people[2].ok('getLeaderboard', { challengeId: c.id, limit: 3 }).me.rank).toBe(4)
  })

  it('keeps a group board for members and organizers; lists mine, open and finished', () => {
    const lead = h.as('lead')
    const ann = h.as('ann')
    const group = groupOf(lead, ann)
    const c = lead.ok('createChallenge', { groupId: group.id, title: 'G', metric: 'checkins', targetPerMember: 2, startDay: '2026-11-29', endDay: '2026-11-30', bonusPoints: 5 }).challenge
    expect(h.as('stranger').error('getLeaderboard', { challengeId: c.id }).code).toBe('PERMISSION_DENIED')
    expect(h.as('boss').ok('getLeaderboard', { challengeId: c.id }).participants).toBe(0)
    expect(ann.ok('listChallenges', { scope: 'open' }).challenges.map((x: any) => x.id)).toEqual([c.id])
    ann.ok('joinChallenge', { challengeId: c.id })
    expect(ann.ok('listChallenges', { scope: 'mine' }).challenges.map((x: any) => x.id)).toEqual([c.id])
    expect(ann.ok('listChallenges', { scope: 'open' }).challenges).toHaveLength(0)
    h.clock.ms = NOW + 3 * 86400000
    expect(ann.ok('listChallenges', { scope: 'finished' }).challenges.map((x: any) => x.id)).toEqual([c.id])
    expect(ann.error('joinChallenge', { challengeId: c.id }).code).toBe('CONFLICT')
  })
})

describe('achievements', () => {
  it('earns badges from ledger facts', () => {
    const a = h.as('alice')
    expect(a.ok('getAchievements').badges.every((b: any) => !b.earned)).toBe(true)
    for (let d = 6; d >= 0; d--) bike(a, 1, { occurredAt: at(h.clock.ms - d * 86400000) })
    a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 3, stationCode: 'ST-HQ01' })
    const got = a.ok('getAchievements')
    expect(got).toMatchObject({ streakDays: 7, longestStreakDays: 7 })
    expect(Object.fromEntries(got.badges.map((b: any) => [b.id, b.earned]))).toEqual({ first_checkin: true, kg10: true, streak7: true, challenge_done: false })
  })
})
