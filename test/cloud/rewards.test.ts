import { walletFromEntries } from '../../src/core/ledger'
import { harness, rid, type Caller, type Harness } from './harness'

let h: Harness
beforeEach(() => {
  // a long session, so tests that move the clock past voucher expiry still have a valid token
  h = harness({ organizers: ['boss'], tokenTtlSeconds: 90 * 24 * 3600 })
})
afterEach(() => h.close())

const DAY = 24 * 3600 * 1000

/** Earns points the honest way: recycling cardboard (3,460 g/kg, 10 g a point). */
function earn(c: Caller, points: number) {
  let left = points
  while (left > 0) {
    const kg = Math.min(10, Math.ceil((left * 10) / 3460 * 1000) / 1000)
    const out = c.ok('checkIn', { requestId: rid('earn'), kind: 'recycling', material: 'cardboard', weightKg: kg, stationCode: 'ST-HQ01', occurredAt: new Date(h.clock.ms - (Math.ceil(points / 3460) - Math.ceil(left / 3460)) * DAY).toISOString() })
    left -= out.entry.points
  }
}

function makeReward(boss: Caller, fields: Record<string, unknown> = {}) {
  return boss.ok('upsertReward', { title: '测试奖品 Test', pointsCost: 100, stock: 10, perUserLimit: 1, validDays: 7, ...fields }).reward
}

function fullLedger(c: Caller) {
  const entries: any[] = []
  let cursor: string | null = null
  do {
    const page: any = c.ok('listLedger', cursor ? { cursor, limit: 50 } : { limit: 50 })
    entries.push(...page.entries)
    cursor = page.nextCursor
  } while (cursor)
  return entries.reverse() // oldest first, the order the wallet was built in
}

describe('catalogue', () => {
  it('lists the seeded rewards with stock and my count; organizers also see inactive ones', () => {
    const a = h.as('alice')
    const boss = h.as('boss')
    const { rewards } = a.ok('listRewards')
    expect(rewards.map((r: any) => r.id)).toEqual(['rw-bus', 'rw-tote', 'rw-plant'])
    expect(rewards[0]).toMatchObject({ pointsCost: 50, stock: 500, perUserLimit: 5, active: true, myCount: 0 })
    boss.ok('upsertReward', { id: 'rw-plant', title: '绿萝盆栽 Potted plant', pointsCost: 500, stock: 20, active: false })
    expect(a.ok('listRewards').rewards.map((r: any) => r.id)).toEqual(['rw-bus', 'rw-tote'])
    expect(boss.ok('listRewards').rewards.map((r: any) => r.id)).toContain('rw-plant')
  })

  it('lets only organizers create and edit rewards, and validates every field', () => {
    const a = h.as('alice')
    const boss = h.as('boss')
    expect(a.error('upsertReward', { title: 'x', pointsCost: 1, stock: 1 })).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 })
    const r = makeReward(boss, { description: '含逗号, "引号"', imageUrl: 'https://example.org/a.png' })
    expect(r).toMatchObject({ title: '测试奖品 Test', pointsCost: 100, stock: 10, validDays: 7, active: true, description: '含逗号, "引号"' })
    expect(boss.ok('upsertReward', { id: r.id, title: 'Renamed', pointsCost: 120, stock: 3 }).reward).toMatchObject({ id: r.id, title: 'Renamed', pointsCost: 120, stock: 3, validDays: 7 })
    expect(boss.error('upsertReward', { id: 'nope', title: 'x', pointsCost: 1, stock: 1 }).code).toBe('NOT_FOUND')
    for (const bad of [
      { title: '', pointsCost: 1, stock: 1 },
      { title: 'x', pointsCost: 0, stock: 1 },
      { title: 'x', pointsCost: 1.5, stock: 1 },
      { title: 'x', pointsCost: 1, stock: -1 },
      { title: 'x', pointsCost: 1, stock: 1, imageUrl: 'javascript:alert(1)' },
      { title: 'x'.repeat(61), pointsCost: 1, stock: 1 },
      { title: 'x', pointsCost: 1, stock: 1, validDays: 0 },
    ]) {
      expect(boss.error('upsertReward', bad)).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
    }
  })
})

describe('redeem', () => {
  it('takes the points, reserves a unit and issues an unambiguous code, all together', () => {
    const boss = h.as('boss')
    const a = h.as('alice')
    const reward = makeReward(boss)
    earn(a, 150)
    const before = a.ok('getWallet').wallet
    const out = a.ok('redeem', { requestId: rid(), rewardId: reward.id })
    expect(out.redemption).toMatchObject({ rewardId: reward.id, status: 'pending', pointsCost: 100, rewardTitle: '测试奖品 Test' })
    expect(out.redemption.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/)
    expect(Date.parse(out.redemption.expiresAt) - Date.parse(out.redemption.createdAt)).toBe(7 * DAY)
    expect(out.wallet).toEqual({ ...before, pointsBalance: before.pointsBalance - 100, pointsSpent: 100 })
    expect(a.ok('listRewards').rewards.find((r: any) => r.id === reward.id)).toMatchObject({ stock: 9, myCount: 1 })
    const [last] = a.ok('listLedger', { limit: 1 }).entries
    expect(last).toMatchObject({ type: 'redeem', points: -100, gramsCo2e: 0, ref: out.redemption.id })
    expect(a.ok('verifyLedger').ok).toBe(true)
  })

  it('replays the same requestId and refuses a reused one for another reward', () => {
    const boss = h.as('boss')
    const a = h.as('alice')
    const r1 = makeReward(boss, { perUserLimit: 5 })
    const r2 = makeReward(boss)
    earn(a, 400)
    const req = { requestId: rid(), rewardId: r1.id }
    const first = a.ok('redeem', req)
    expect(a.ok('redeem', req).redemption).toEqual(first.redemption)
    expect(a.error('redeem', { ...req, rewardId: r2.id }).code).toBe('CONFLICT')
    expect(a.ok('listMyRedemptions').redemptions).toHaveLength(1)
  })

  it('refuses with the right code and changes nothing', () => {
    const boss = h.as('boss')
    const a = h.as('alice')
    const cheap = makeReward(boss, { pointsCost: 10, stock: 1, perUserLimit: 1 })
    const dear = makeReward(boss, { pointsCost: 10_000 })
    const empty = makeReward(boss, { stock: 0 })
    earn(a, 60)
    const snapshot = () => ({ wallet: a.ok('getWallet').wallet, mine: a.ok('listMyRedemptions').redemptions.length })
    expect(a.error('redeem', { requestId: rid(), rewardId: dear.id })).toMatchObject({ code: 'INSUFFICIENT_POINTS', status: 422 })
    expect(a.error('redeem', { requestId: rid(), rewardId: empty.id })).toMatchObject({ code: 'OUT_OF_STOCK', status: 422 })
    expect(a.error('redeem', { requestId: rid(), rewardId: 'missing' })).toMatchObject({ code: 'NOT_FOUND', status: 404 })
    const before = snapshot()
    a.ok('redeem', { requestId: rid(), rewardId: cheap.id })
    boss.ok('upsertReward', { id: cheap.id, title: cheap.title, pointsCost: 10, stock: 5 })
    expect(a.error('redeem', { requestId: rid(), rewardId: cheap.id })).toMatchObject({ code: 'REDEEM_LIMIT_REACHED', status: 422 })
    expect(snapshot().mine).toBe(before.mine + 1)
    expect(a.error('redeem', { requestId: rid(), rewardId: cheap.id, openid: 'x' }).code).toBe('INVALID_ARGUMENT')
  })

  it('never oversells: 100 residents at once for a stock of 10', async () => {
    const boss = h.as('boss')
    const reward = makeReward(boss, { stock: 10 })
    const residents = Array.from({ length: 100 }, (_, i) => h.as(`r${i}`))
    for (const r of residents) earn(r, 100)
    const results = await Promise.all(residents.map((r) => Promise.resolve().then(() => r.call('redeem', { requestId: rid(), rewardId: reward.id }))))
    expect(results.filter((x) => x.status === 200)).toHaveLength(10)
    expect(results.filter((x) => x.body.error?.code === 'OUT_OF_STOCK')).toHaveLength(90)
    expect(boss.ok('listRewards').rewards.find((r: any) => r.id === reward.id).stock).toBe(0)
    const balances = residents.map((r) => r.ok('getWallet').wallet.pointsBalance)
    expect(balances.filter((b) => b === 0)).toHaveLength(10)
    expect(balances.filter((b) => b >= 100)).toHaveLength(90)
  })

  it('never lets a balance go negative: 50 redeems with points for 3', async () => {
    const boss = h.as('boss')
    const reward = makeReward(boss, { pointsCost: 100, stock: 1000, perUserLimit: 1000 })
    const a = h.as('alice')
    earn(a, 300)
    const balance = a.ok('getWallet').wallet.pointsBalance
    const results = await Promise.all(Array.from({ length: 50 }, () => Promise.resolve().then(() => a.call('redeem', { requestId: rid(), rewardId: reward.id }))))
    expect(results.filter((x) => x.status === 200)).toHaveLength(Math.floor(balance / 100))
    expect(results.filter((x) => x.body.error?.code === 'INSUFFICIENT_POINTS')).toHaveLength(50 - Math.floor(balance / 100))
    expect(a.ok('getWallet').wallet.pointsBalance).toBe(balance % 100)
    expect(walletFromEntries(fullLedger(a))).toEqual(a.ok('getWallet').wallet)
  })
})

describe('cancel, expiry and verification', () => {
  function setup() {
    const boss = h.as('boss')
    const a = h.as('alice')
    const reward = makeReward(boss, { perUserLimit: 3 })
    earn(a, 300)
    const { redemption } = a.ok('redeem', { requestId: rid(), rewardId: reward.id })
    return { boss, a, reward, redemption }
  }

  it('cancel refunds points and stock once, only for the owner while pending', () => {
    const { a, reward, redemption } = setup()
    const b = h.as('bob')
    const balance = a.ok('getWallet').wallet.pointsBalance
    expect(b.error('cancelRedemption', { redemptionId: redemption.id })).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 })
    const out = a.ok('cancelRedemption', { redemptionId: redemption.id })
    expect(out.redemption.status).toBe('cancelled')
    expect(out.wallet.pointsBalance).toBe(balance + 100)
    expect(out.wallet.pointsSpent).toBe(0)
    expect(a.error('cancelRedemption', { redemptionId: redemption.id })).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect(a.ok('getWallet').wallet.pointsBalance).toBe(balance + 100)
    expect(a.ok('listRewards').rewards.find((r: any) => r.id === reward.id)).toMatchObject({ stock: 10, myCount: 0 })
    expect(fullLedger(a).filter((e) => e.type === 'refund')).toEqual([expect.objectContaining({ points: 100, ref: redemption.id })])
    expect(a.error('cancelRedemption', { redemptionId: 'rd_missing' }).code).toBe('NOT_FOUND')
  })

  it('expires and refunds exactly once, whether seen on access, by the sweep, or both racing a cancel', () => {
    const { a, reward, redemption } = setup()
    const balance = a.ok('getWallet').wallet.pointsBalance
    h.clock.ms += 7 * DAY + 1000
    expect(h.cloud.sweepExpired()).toBe(1)
    expect(h.cloud.sweepExpired()).toBe(0)
    expect(a.error('cancelRedemption', { redemptionId: redemption.id })).toMatchObject({ code: 'CONFLICT' })
    expect(a.ok('listMyRedemptions').redemptions[0]).toMatchObject({ id: redemption.id, status: 'expired' })
    expect(a.ok('getWallet').wallet.pointsBalance).toBe(balance + 100)
    expect(fullLedger(a).filter((e) => e.type === 'refund')).toHaveLength(1)
    expect(a.ok('listRewards').rewards.find((r: any) => r.id === reward.id).stock).toBe(10)
    expect(a.ok('verifyLedger').ok).toBe(true)
  })

  it('expires lazily on access before any sweep', () => {
    const { a, redemption } = setup()
    h.clock.ms += 8 * DAY
    const out = a.ok('listMyRedemptions')
    expect(out.redemptions[0]).toMatchObject({ id: redemption.id, status: 'expired' })
    expect(h.cloud.sweepExpired()).toBe(0)
    expect(fullLedger(a).filter((e) => e.type === 'refund')).toHaveLength(1)
  })

  it('fulfils a voucher once for an organizer, and explains every refusal', () => {
    const { boss, a, reward, redemption } = setup()
    expect(a.error('verifyRedemption', { code: redemption.code })).toMatchObject({ code: 'PERMISSION_DENIED' })
    const typed = redemption.code.toLowerCase().replace(/(.{5})/, '$1 - ')
    const out = boss.ok('verifyRedemption', { code: typed })
    expect(out.redemption).toMatchObject({ id: redemption.id, status: 'fulfilled' })
    expect(out.redemption.fulfilledAt).toMatch(/\+08:00$/)
    const again = boss.error('verifyRedemption', { code: redemption.code })
    expect(again).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect(again.message).toMatch(/already used/)
    expect(a.ok('listMyRedemptions').redemptions[0].status).toBe('fulfilled')
    expect(a.error('cancelRedemption', { redemptionId: redemption.id }).code).toBe('CONFLICT')

    const second = a.ok('redeem', { requestId: rid(), rewardId: reward.id }).redemption
    a.ok('cancelRedemption', { redemptionId: second.id })
    expect(boss.error('verifyRedemption', { code: second.code }).message).toMatch(/cancelled/)
    const third = a.ok('redeem', { requestId: rid(), rewardId: reward.id }).redemption
    h.clock.ms += 8 * DAY
    expect(boss.error('verifyRedemption', { code: third.code }).message).toMatch(/expired/)
    expect(boss.error('verifyRedemption', { code: 'ABCDEFGHJK' }).code).toBe('NOT_FOUND')
    for (const code of ['', 'short', 'O0O0O0O0O0', 'x'.repeat(65)]) {
      expect(boss.error('verifyRedemption', { code }).code).toBe('INVALID_ARGUMENT')
    }
    expect(a.ok('verifyLedger').ok).toBe(true)
  })

  it('shows a resident only their own vouchers', () => {
    const { a } = setup()
    expect(h.as('bob').ok('listMyRedemptions').redemptions).toHaveLength(0)
    expect(a.ok('listMyRedemptions').redemptions).toHaveLength(1)
    expect(Object.keys(a.ok('listMyRedemptions').redemptions[0])).not.toContain('openid')
  })
})
