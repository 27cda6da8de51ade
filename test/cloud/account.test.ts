import { verifyChain } from '../../src/core/ledger'
import { harness, rid, type Harness } from './harness'
import { findUserByHandle, findUser } from '../../mock/identity/queries'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const DAY = 86400000

describe('wallet extras', () => {
  it('reports today per factor and a zero-filled series of Shanghai days', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'walk', distanceKm: 20, durationMin: 240 }) // capped at 296
    await a.ok('checkIn', {
      requestId: rid(),
      kind: 'travel',
      mode: 'bike',
      distanceKm: 2,
      durationMin: 8,
      occurredAt: new Date(h.clock.ms - 2 * DAY + 60_000).toISOString(),
    })
    expect((await a.ok('getWallet')).todayByFactor).toEqual([{ factorId: 'travel.walk', gramsCo2e: 296 }])
    const { days } = await a.ok('getDailySeries', { days: 7 })
    expect(days).toHaveLength(7)
    expect(days[6]).toEqual({ day: '2026-11-29', gramsCo2e: 296, points: 29 })
    expect(days[4]).toEqual({ day: '2026-11-27', gramsCo2e: 66, points: 6 })
    expect(days[0]).toEqual({ day: '2026-11-23', gramsCo2e: 0, points: 0 })
    expect((await a.ok('getDailySeries', { days: 30 })).days).toHaveLength(30)
    expect((await a.error('getDailySeries', { days: 8 })).code).toBe('INVALID_ARGUMENT')
  })
})

describe('my data', () => {
  it('exports profile, wallet, every entry with its chain, and vouchers', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    const out = await a.ok('exportMyData')
    expect(out.profile).toMatchObject({ openid: a.openid, nickname: 'alice', roles: ['resident'] })
    expect(out.entries.map((e: any) => e.seq)).toEqual([1, 2])
    expect(verifyChain(out.entries)).toEqual(out.verification)
    expect(out.verification.ok).toBe(true)
    expect(out.redemptions).toHaveLength(1)
    expect(out.wallet.pointsBalance).toBe(296)
  })

  it('changes the nickname, validated', async () => {
    const a = await h.as('alice')
    expect(await a.ok('updateProfile', { nickname: ' 小绿 ' })).toEqual({ nickname: '小绿' })
    expect((await h.cloud.call('login', { code: 'dev:alice' })).body).toMatchObject({ result: { nickname: '小绿' } })
    expect((await a.error('updateProfile', { nickname: '' })).code).toBe('INVALID_ARGUMENT')
    expect((await a.error('updateProfile', { nickname: 'x'.repeat(21) })).code).toBe('INVALID_ARGUMENT')
  })

  it('deletes the person but keeps the anonymous ledger and community totals', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    expect((await a.error('deleteAccount', {})).code).toBe('INVALID_ARGUMENT')
    expect(await a.ok('deleteAccount', { confirm: 'DELETE' })).toEqual({ deleted: true })
    expect(await a.error('getWallet')).toMatchObject({ code: 'UNAUTHENTICATED' })
    const again = await h.as('alice')
    expect(again.openid).not.toBe(a.openid)
    expect((await again.ok('getWallet')).wallet.pointsBalance).toBe(0)
    expect((await boss.ok('getImpactStats', { fromDay: '2026-11-29', toDay: '2026-11-29' })).totals).toMatchObject({ gramsCo2e: 3460, participants: 1 })
    expect(await findUserByHandle(h.cloud.store, `deleted:${a.openid}`)).toMatchObject({ openid: a.openid, nickname: '已注销' })
    expect(await findUser(h.cloud.store, a.openid)).toBeUndefined()
  })
})

describe('today and the streak', () => {
  it('leave out a reversed check-in', async () => {
    const a = await h.as('alice')
    const desk = await h.as('boss')
    const kept = await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' })
    const flagged = await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 9, stationCode: 'ST-HQ01' })
    // yesterday's only check-in, reversed: no streak day
    await a.ok('checkIn', {
      requestId: rid(),
      kind: 'recycling',
      material: 'metal',
      weightKg: 4.5,
      stationCode: 'ST-HQ01',
      occurredAt: new Date(h.clock.ms - DAY).toISOString(),
    })
    expect((await a.ok('getWallet')).streakDays).toBe(2)
    for (const item of (await desk.ok('listReviewQueue', {})).items) await desk.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
    const after = await a.ok('getWallet')
    expect(after.today).toMatchObject({ gramsCo2e: kept.entry.gramsCo2e, points: kept.entry.points })
    expect(after.streakDays).toBe(1)
    expect(flagged.entry.gramsCo2e).toBeGreaterThan(0)
    expect((await a.ok('getAchievements')).streakDays).toBe(1)
  })
})
