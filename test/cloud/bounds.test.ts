/**
 * Bounds on list reads: a list holds at most its limit, keeping the rows that matter (active, newest, oldest
 * members), and a read whose every row matters refuses past its bound instead of answering from part of them.
 */
import { sqliteOnly } from '../support/database'
import { everyRow, pastBound } from '../../mock/storage/bounds'
import { listStations, saveStation, STATIONS_LIMIT } from '../../mock/communities/queries'
import { insertRedemption, listRedemptions, REDEMPTIONS_LIMIT } from '../../mock/rewards/queries'
import { addParticipant, FUNDERS_BOUND, fundersOf, insertChallenge, participationsOf } from '../../mock/challenges/queries'
import { addMember, GROUP_MEMBERS_LIMIT, groupMembers } from '../../mock/challenges/groupQueries'
import { insertFunding } from '../../mock/treasury/queries'
import { harness, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const iso = (minute: number) => `2026-11-29T10:${String(minute).padStart(2, '0')}:00.000+08:00`

describe('list reads hold their limit', () => {
  it('lists stations active first: past the limit, retired ones drop off', async () => {
    const store = h.cloud.store
    // retired codes sort before every active one: by code alone they would crowd the active out
    for (const code of ['AA-OLD1', 'AA-OLD2']) await saveStation(store, { code, name: code, materials: ['paper'], retiredAt: iso(0) })
    await saveStation(store, { code: 'ZZ-NEW1', name: 'new', materials: ['glass'] })
    const all = await listStations(store)
    const active = all.filter((s) => !s.retiredAt).map((s) => s.code)
    expect(all.map((s) => s.code)).toEqual([...active, 'AA-OLD1', 'AA-OLD2'])
    const bounded = await listStations(store, active.length)
    expect(bounded.map((s) => s.code)).toEqual(active)
    expect(await listStations(store, 2)).toHaveLength(2)
  })

  sqliteOnly('answers listStations with at most STATIONS_LIMIT stations, the retired left out first', async () => {
    const db = (h.cloud.store as any).sqlite.db
    const insert = db.prepare('INSERT INTO stations (code, name, materials, retired_at) VALUES (?, ?, \'["paper"]\', ?)')
    db.transaction(() => {
      for (let i = 0; i < STATIONS_LIMIT; i++) insert.run(`BX-${String(i).padStart(6, '0')}`, `station ${i}`, null)
      insert.run('AA-RETIRED', 'gone', iso(0))
    })()
    const boss = await h.as('boss')
    const forOrganizer = (await boss.ok('listStations', { includeRetired: true })).stations
    expect(forOrganizer).toHaveLength(STATIONS_LIMIT)
    expect(forOrganizer.some((s: any) => s.retiredAt)).toBe(false)
    expect((await (await h.as('alice')).ok('listStations')).stations).toHaveLength(STATIONS_LIMIT)
  })

  it("lists a person's vouchers newest first, at most the limit", async () => {
    const a = await h.as('alice')
    for (let i = 0; i < 5; i++) {
      await insertRedemption(h.cloud.store, {
        id: `rd-${i}`,
        openid: a.openid,
        rewardId: 'rw-bus',
        rewardTitle: 'bus',
        code: `CODE${i}23456`,
        status: 'pending',
        pointsCost: 1,
        createdAt: iso(i),
        expiresAt: iso(59),
        expiresAtMs: Date.parse(iso(59)) + 86_400_000,
      })
    }
    // vouchers with no redeem entry behind them: the closing audit would rightly object
    h.tampered()
    expect((await listRedemptions(h.cloud.store, a.openid, 3)).map((r) => r.id)).toEqual(['rd-4', 'rd-3', 'rd-2'])
    expect(await listRedemptions(h.cloud.store, a.openid)).toHaveLength(5)
    expect(REDEMPTIONS_LIMIT).toBeGreaterThanOrEqual(1_000)
  })

  it("lists a person's challenges newest joined first, at most the limit", async () => {
    const store = h.cloud.store
    for (let i = 0; i < 4; i++) {
      await insertChallenge(store, {
        id: `ch-${i}`,
        creator: 'someone',
        title: `c${i}`,
        description: '',
        metric: 'checkins',
        targetMember: 1,
        startDay: '2026-11-29',
        endDay: '2026-12-01',
        bonusPoints: 1,
        createdAt: iso(i),
        budgetPoints: 0,
        budgetSpent: 0,
      })
      await addParticipant(store, { challengeId: `ch-${i}`, openid: 'op-alice', joinedMs: 1_000 + i, value: 0, valueMs: 1_000 + i })
    }
    expect((await participationsOf(store, 'op-alice', 2)).map((p) => p.challengeId)).toEqual(['ch-3', 'ch-2'])
    expect(await participationsOf(store, 'op-alice')).toHaveLength(4)
  })

  it('lists at most GROUP_MEMBERS_LIMIT members of a group, the leader first', async () => {
    const lead = await h.as('lead')
    const { group } = await lead.ok('createGroup', { name: 'Big office' })
    await h.cloud.store.transaction(async (tx) => {
      for (let i = 0; i < GROUP_MEMBERS_LIMIT; i++) await addMember(tx, group.id, `op-m${String(i).padStart(5, '0')}`, iso(1))
    })
    const { groups } = await lead.ok('listMyGroups')
    expect(groups[0].members).toHaveLength(GROUP_MEMBERS_LIMIT)
    expect(groups[0].members[0]).toMatchObject({ memberId: lead.openid, isLeader: true })
    expect((await groupMembers(h.cloud.store, group.id, 3)).map((m) => m.openid)).toEqual([lead.openid, 'op-m00000', 'op-m00001'])
  })
})

describe('reads whose every row matters', () => {
  it('refuse past their bound rather than answer from part of the rows', async () => {
    const store = h.cloud.store
    const fund = (from: number, to: number) =>
      store.transaction(async (tx) => {
        for (let i = from; i < to; i++) {
          await insertFunding(tx, { id: `bf-${i}`, budgetId: 'ch-many', purse: '', openid: `op-f${String(i).padStart(5, '0')}`, points: 1, createdAt: iso(1) })
        }
      })
    await fund(0, FUNDERS_BOUND)
    // fundings with no budget behind them: the closing audit would rightly object
    h.tampered()
    expect(await fundersOf(store, 'ch-many')).toHaveLength(FUNDERS_BOUND)
    await fund(FUNDERS_BOUND, FUNDERS_BOUND + 1)
    await expect(fundersOf(store, 'ch-many')).rejects.toThrow(/more than 1000 rows/)
  })

  it('everyRow passes a read at its bound and refuses one past it', () => {
    expect(pastBound(3)).toBe(4)
    expect(everyRow([1, 2, 3], 3, 'test')).toEqual([1, 2, 3])
    expect(() => everyRow([1, 2, 3, 4], 3, 'rows of a test')).toThrow('rows of a test: more than 3 rows')
  })
})
