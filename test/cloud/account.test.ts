import { verifyChain } from '../../src/core/ledger'
import { harness, rid, type Harness } from './harness'

let h: Harness
beforeEach(() => {
  h = harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const DAY = 86400000

describe('wallet extras', () => {
  it('reports today per factor and a zero-filled series of Shanghai days', () => {
    const a = h.as('alice')
    a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'walk', distanceKm: 20 }) // capped at 296
    a.ok('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 2, occurredAt: new Date(h.clock.ms - 2 * DAY).toISOString() })
    expect(a.ok('getWallet').todayByFactor).toEqual([{ factorId: 'travel.walk', gramsCo2e: 296 }])
    const { days } = a.ok('getDailySeries', { days: 7 })
    expect(days).toHaveLength(7)
    expect(days[6]).toEqual({ day: '2026-11-29', gramsCo2e: 296, points: 29 })
    expect(days[4]).toEqual({ day: '2026-11-27', gramsCo2e: 66, points: 6 })
    expect(days[0]).toEqual({ day: '2026-11-23', gramsCo2e: 0, points: 0 })
    expect(a.ok('getDailySeries', { days: 30 }).days).toHaveLength(30)
    expect(a.error('getDailySeries', { days: 8 }).code).toBe('INVALID_ARGUMENT')
  })
})

describe('my data', () => {
  it('exports profile, wallet, every entry with its chain, and vouchers', () => {
    const a = h.as('alice')
    a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    const out = a.ok('exportMyData')
    expect(out.profile).toMatchObject({ openid: a.openid, nickname: 'alice', roles: ['resident'] })
    expect(out.entries.map((e: any) => e.seq)).toEqual([1, 2])
    expect(verifyChain(out.entries)).toEqual(out.verification)
    expect(out.verification.ok).toBe(true)
    expect(out.redemptions).toHaveLength(1)
    expect(out.wallet.pointsBalance).toBe(296)
  })

  it('changes the nickname, validated', () => {
    const a = h.as('alice')
    expect(a.ok('updateProfile', { nickname: ' 小绿 ' })).toEqual({ nickname: '小绿' })
    expect(h.cloud.callNow('login', { code: 'dev:alice' }).body).toMatchObject({ result: { nickname: '小绿' } })
    expect(a.error('updateProfile', { nickname: '' }).code).toBe('INVALID_ARGUMENT')
    expect(a.error('updateProfile', { nickname: 'x'.repeat(21) }).code).toBe('INVALID_ARGUMENT')
  })

  it('deletes the person but keeps the anonymous ledger and community totals', () => {
    const a = h.as('alice')
    const boss = h.as('boss')
    a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    expect(a.error('deleteAccount', {}).code).toBe('INVALID_ARGUMENT')
    expect(a.ok('deleteAccount', { confirm: 'DELETE' })).toEqual({ deleted: true })
    expect(a.error('getWallet')).toMatchObject({ code: 'UNAUTHENTICATED' })
    const again = h.as('alice')
    expect(again.openid).not.toBe(a.openid)
    expect(again.ok('getWallet').wallet.pointsBalance).toBe(0)
    expect(boss.ok('getImpactStats', { fromDay: '2026-11-29', toDay: '2026-11-29' }).totals).toMatchObject({ gramsCo2e: 3460, participants: 1 })
    const row = (h.cloud.store as any).db.prepare('SELECT handle, nickname FROM users WHERE openid = ?').get(a.openid)
    expect(row).toEqual({ handle: `deleted:${a.openid}`, nickname: '已注销' })
  })
})
