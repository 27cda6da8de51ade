/**
 * Identity that survives deletion (mock/departure, src/core/departure): deleting erases the person, voids their
 * vouchers, gives back their places and passes on their groups; the limits that bind a person are kept under a
 * keyed hash of their identity, and the same identity logging in again starts with them.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEV_WECHAT_APPID, encryptOpenData, newSessionKey } from '../../mock/wallet/werun'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { sqliteOnly } from '../support/database'
import { harness, NOW, rid, stockTreasury, type Caller, type Harness } from './harness'
import { saveWeChatSessionKey } from '../../mock/identity/queries'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (ms: number) => new Date(ms).toISOString()

let h: Harness
afterEach(() => h.close())

async function gone(c: Caller) {
  expect(await c.ok('deleteAccount', { confirm: 'DELETE' })).toEqual({ deleted: true })
}

const drop = (material: string, weightKg: number) => ({ requestId: rid(), kind: 'recycling', material, weightKg, stationCode: 'ST-HQ01' })

describe('deleting an account', () => {
  beforeEach(async () => {
    h = await harness({ organizers: ['boss', 'desk'], tokenTtlSeconds: 365 * 86400 })
  })

  it('voids its held vouchers (stock back), so the desk refuses every one of them', async () => {
    const a = await h.as('alice')
    const desk = await h.as('desk')
    await a.ok('checkIn', drop('paper', 5)) // 17,300 g: 1,730 points
    const stockBefore = (await a.ok('listRewards')).rewards.find((r: any) => r.id === 'rw-bus').stock
    const vouchers = []
    for (let i = 0; i < 5; i++) vouchers.push((await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })).redemption)
    await gone(a)
    for (const v of vouchers) {
      const refused = await desk.error('verifyRedemption', { code: v.code })
      expect(refused.code).toBe('CONFLICT')
      expect(refused.message).toContain('cancelled')
    }
    expect((await desk.ok('listRewards')).rewards.find((r: any) => r.id === 'rw-bus').stock).toBe(stockBefore)
    expect((await desk.ok('auditEconomy')).ok).toBe(true)
  })

  it('gives back its event places and passes its groups to the longest-standing member, or closes them', async () => {
    const boss = await h.as('boss')
    await stockTreasury(boss, 10_000)
    const { event } = await boss.ok('createEvent', {
      requestId: rid(),
      title: '植树',
      place: '公园',
      startsAt: at(NOW + 5 * HOUR),
      endsAt: at(NOW + 7 * HOUR),
      slots: 1,
      rewardPoints: 10,
      communityId: '',
    })
    const lead = await h.as('lead')
    const ann = await h.as('ann')
    const ben = await h.as('ben')
    await lead.ok('signUpEvent', { eventId: event.id })
    const { group } = await lead.ok('createGroup', { name: '银杏' })
    await ann.ok('joinGroup', { inviteCode: group.inviteCode })
    h.clock.ms += 1000
    await ben.ok('joinGroup', { inviteCode: group.inviteCode })
    const { group: alone } = await lead.ok('createGroup', { name: '独自' })
    await gone(lead)
    // The place is free again for someone else.
    expect((await ann.ok('signUpEvent', { eventId: event.id })).event).toMatchObject({ taken: 1, myStatus: 'signed' })
    // ann joined first: she leads now, and the group still admits by its code.
    const [mine] = (await ann.ok('listMyGroups')).groups
    expect(mine).toMatchObject({ id: group.id, isLeader: true })
    expect(mine.members.map((m: any) => m.nickname)).toEqual(['ann', 'ben'])
    // Nobody was left in the other one: it is closed, and its code admits nobody.
    expect((await ben.error('joinGroup', { inviteCode: alone.inviteCode })).code).toBe('NOT_FOUND')
  })

  it('refuses its in-flight calls once the deletion has committed', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', drop('paper', 1))
    const [deleted, credit] = await Promise.all([a.call('deleteAccount', { confirm: 'DELETE' }), a.call('checkIn', drop('cardboard', 1))])
    expect(deleted.status).toBe(200)
    // either credited before the deletion (and carried with it) or refused after it
    if (credit.status !== 200) expect(credit.body.error.code).toBe('UNAUTHENTICATED')
    expect(await a.error('getWallet')).toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

describe('logging in again with the same identity', () => {
  beforeEach(async () => {
    h = await harness({ organizers: ['boss', 'desk'], tokenTtlSeconds: 365 * 86400 })
  })

  it("starts with the day's caps and the overlap window of the deleted account", async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'walk', distanceKm: 20, durationMin: 240, occurredAt: at(NOW) }) // the walking cap
    await a.ok('checkIn', drop('paper', 10)) // 17,300 g, half the paper cap (typed code)
    await gone(a)
    const again = await h.as('alice')
    expect(again.openid).not.toBe(a.openid)
    expect((await again.ok('getWallet')).wallet.pointsBalance).toBe(0)
    expect((await again.error('checkIn', { requestId: rid(), kind: 'travel', mode: 'walk', distanceKm: 1, durationMin: 15 })).code).toBe('DAILY_CAP_REACHED')
    expect((await again.error('checkIn', drop('paper', 1))).code).toBe('DAILY_CAP_REACHED')
    const overlap = await again.error('checkIn', {
      requestId: rid(),
      kind: 'travel',
      mode: 'bike',
      distanceKm: 5,
      durationMin: 30,
      occurredAt: at(NOW - 30 * 60_000),
    })
    expect(overlap.code).toBe('TRIP_OVERLAP')
    expect(overlap.message).toContain('earlier account')
    expect(overlap.message).not.toMatch(/e_[A-Za-z0-9]{20}/)
    // Tomorrow is a new day for the new account as for anyone.
    h.clock.ms += DAY
    expect((await again.ok('checkIn', drop('paper', 1))).entry.gramsCo2e).toBe(3460)
  })

  it('starts with the WeRun days, the per-person reward limit, a challenge bonus and an event reward already had', async () => {
    const boss = await h.as('boss')
    await stockTreasury(boss, 10_000)
    const a = await h.as('alice')
    // WeRun: today's 10,000 verified steps (164 g)
    const key = newSessionKey()
    await h.cloud.store.transaction((tx) => saveWeChatSessionKey(tx, a.openid, key, at(NOW)))
    const steps = () =>
      encryptOpenData(
        {
          stepInfoList: [{ timestamp: Date.parse('2026-11-29T00:00:00+08:00') / 1000, step: 10_000 }],
          watermark: { appid: DEV_WECHAT_APPID, timestamp: Math.floor(h.clock.ms / 1000) - 60 },
        },
        key,
      )
    expect((await a.ok('syncSteps', steps())).days[0].gramsCo2e).toBe(164)
    // A challenge completed and paid, an event attended and paid.
    const { challenge } = await boss.ok('createChallenge', {
      title: 'One drop',
      metric: 'checkins',
      targetPerMember: 1,
      bonusPoints: 20,
      budgetPoints: 200,
      startDay: '2026-11-29',
      endDay: '2026-12-05',
    })
    await a.ok('joinChallenge', { challengeId: challenge.id })
    await a.ok('checkIn', drop('cardboard', 2))
    const { event } = await boss.ok('createEvent', {
      requestId: rid(),
      title: '植树',
      place: '公园',
      startsAt: at(NOW - HOUR),
      endsAt: at(NOW + 5 * HOUR),
      slots: 5,
      rewardPoints: 30,
      communityId: '',
    })
    await a.ok('signUpEvent', { eventId: event.id })
    expect((await a.ok('attendEvent', { requestId: rid(), code: (await boss.ok('eventDisplayCode', { eventId: event.id })).code })).entry.points).toBe(30)
    // Two bus vouchers handed out (the limit is 5 a person), a third held.
    const desk = await h.as('desk')
    for (let i = 0; i < 2; i++) await desk.ok('verifyRedemption', { code: (await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })).redemption.code })
    await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    await gone(a)

    const again = await h.as('alice')
    await h.cloud.store.transaction((tx) => saveWeChatSessionKey(tx, again.openid, key, at(NOW)))
    expect((await again.ok('syncSteps', steps())).days[0].gramsCo2e).toBe(0)
    await again.ok('checkIn', drop('paper', 2)) // points enough for the bus vouchers left (the day's typed allowance carried: 6,920 of 17,300 used)
    expect((await again.ok('listRewards')).rewards.find((r: any) => r.id === 'rw-bus').myCount).toBe(2)
    for (let i = 0; i < 3; i++) await again.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    expect((await again.error('redeem', { requestId: rid(), rewardId: 'rw-bus' })).code).toBe('REDEEM_LIMIT_REACHED')
    await again.ok('joinChallenge', { challengeId: challenge.id })
    await again.ok('checkIn', drop('plastic', 1))
    expect((await again.ok('getChallenge', { challengeId: challenge.id })).challenge).toMatchObject({ myCompleted: true, myBonusPaid: false })
    const signed = await again.ok('signUpEvent', { eventId: event.id })
    expect(signed.event.myStatus).toBe('attended')
    expect((await again.error('attendEvent', { requestId: rid(), code: (await boss.ok('eventDisplayCode', { eventId: event.id })).code })).code).toBe(
      'CONFLICT',
    )
    expect((await again.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'bonus')).toEqual([])
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })

  it("keeps a scripted delete-and-rejoin account to one person's caps for the day (Done-when)", async () => {
    const cap = { walk: 296, paperSelf: 17_300 }
    const earned: number[] = []
    for (let cycle = 0; cycle < 4; cycle++) {
      const me = await h.as('farmer')
      let points = 0
      const tries = [
        { requestId: rid(), kind: 'travel', mode: 'walk', distanceKm: 20, durationMin: 240, occurredAt: at(h.clock.ms) },
        drop('paper', 10),
        drop('cardboard', 10),
        drop('textile', 10),
      ]
      for (const t of tries) {
        const out = await me.call('checkIn', t)
        if (out.status === 200) points += out.body.result.entry.points
      }
      earned.push(points)
      await gone(me)
      h.clock.ms += 60_000
    }
    // The first cycle earns the day; the others earn nothing (the typed-code allowance is per day across materials).
    expect(earned.slice(1)).toEqual([0, 0, 0])
    expect(earned[0]).toBeLessThanOrEqual(Math.floor((cap.walk + cap.paperSelf) / 10))
  })

  it('pays nobody by a challenge they made or an event they ran, whatever account they come back with', async () => {
    const boss = await h.as('boss')
    await stockTreasury(boss, 10_000)
    const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
    await stockTreasury(boss, 2000, east.id)
    // A city organizer (by ORGANIZERS, so still one after coming back) makes a funded challenge, then leaves.
    const maker = await h.as('desk')
    const { challenge } = await maker.ok('createChallenge', {
      title: 'Mine',
      metric: 'checkins',
      targetPerMember: 1,
      bonusPoints: 1000,
      budgetPoints: 1000,
      startDay: '2026-11-29',
      endDay: '2026-12-05',
    })
    await gone(maker)
    const makerAgain = await h.as('desk')
    await makerAgain.ok('joinChallenge', { challengeId: challenge.id })
    await makerAgain.ok('checkIn', drop('paper', 1))
    expect((await makerAgain.ok('getChallenge', { challengeId: challenge.id })).challenge).toMatchObject({ myCompleted: true, myBonusPaid: false })
    // A community organizer announces an event, keeps its code, leaves, and comes back as a resident with it.
    const lead = await h.as('lead')
    await boss.ok('grantOrganizer', { openid: lead.openid, communityId: east.id, granted: true })
    const { event } = await lead.ok('createEvent', {
      requestId: rid(),
      title: '植树',
      place: '公园',
      startsAt: at(NOW - HOUR),
      endsAt: at(NOW + 5 * HOUR),
      slots: 5,
      rewardPoints: 200,
      communityId: east.id,
    })
    const { code } = await lead.ok('eventDisplayCode', { eventId: event.id })
    await gone(lead)
    const leadAgain = await h.as('lead')
    expect((await leadAgain.ok('login', { code: 'dev:lead' })).roles).toEqual(['resident'])
    await leadAgain.ok('setMyCommunity', { communityId: east.id })
    await leadAgain.ok('signUpEvent', { eventId: event.id })
    const attended = await leadAgain.ok('attendEvent', { requestId: rid(), code })
    expect(attended.event.myStatus).toBe('attended')
    expect(attended.entry).toBeUndefined()
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
  })

  it('forgets a departed identity once none of its limits matters any more (vouchers used keep it)', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', drop('paper', 1))
    await gone(a)
    const b = await h.as('bob')
    await b.ok('checkIn', drop('cardboard', 1))
    await (await h.as('desk')).ok('verifyRedemption', { code: (await b.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })).redemption.code })
    await gone(b)
    h.clock.ms += 8 * DAY
    expect(await h.cloud.sweepDeparted()).toBe(1)
    expect(await h.cloud.sweepDeparted()).toBe(0)
    // bob's used voucher still counts toward the per-person limit when he comes back
    expect((await (await h.as('bob')).ok('listRewards')).rewards.find((r: any) => r.id === 'rw-bus').myCount).toBe(1)
    expect((await (await h.as('alice')).ok('checkIn', drop('paper', 1))).entry.gramsCo2e).toBe(3460)
  })
})

it('carries the counters of every day back-dating can still reach, with MAX_BACKDATE_HOURS at its 168 h maximum', async () => {
  h = await harness({ maxBackdateHours: 168 })
  // 167.5 hours back is a Shanghai day seven days before today: one day further than WeRun's window.
  const longAgo = new Date(h.clock.ms - 167.5 * HOUR).toISOString()
  const credited: number[] = []
  for (let round = 0; round < 3; round++) {
    const me = await h.as('patient-farmer')
    const out = await me.call('checkIn', { ...drop('paper', 10), occurredAt: longAgo })
    credited.push(out.status === 200 ? out.body.result.entry.gramsCo2e : 0)
    await gone(me)
  }
  expect(credited).toEqual([17_300, 0, 0])
})

sqliteOnly('leaves no trace of the deleted handle or nickname in the database file or its WAL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glp-erase-'))
  const path = join(dir, 'cloud.sqlite')
  h = await harness({ storage: openSqlite({ path, backgroundCheckpoints: true }) })
  const a = await h.as('zz-unique-handle')
  await a.ok('updateProfile', { nickname: 'Quokka绿芽Q9' })
  await a.ok('checkIn', drop('paper', 1))
  const holds = (text: string) => [path, `${path}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(text, 'utf8')))
  expect(holds('Quokka绿芽Q9')).toBe(true)
  await gone(a)
  expect(holds('Quokka绿芽Q9')).toBe(false)
  expect(holds('zz-unique-handle')).toBe(false)
})
