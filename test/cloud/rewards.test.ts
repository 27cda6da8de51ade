import { walletFromEntries } from '../../src/core/ledger'
import { harness, rid, type Caller, type Harness, inOrder } from './harness'

let h: Harness
beforeEach(async () => {
  // a long session, so tests that move the clock past voucher expiry still have a valid token
  h = await harness({ organizers: ['boss'], tokenTtlSeconds: 90 * 24 * 3600 })
})
afterEach(() => h.close())

const DAY = 24 * 3600 * 1000

/** Earns points the honest way: recycling cardboard (3,460 g/kg, 10 g a point). */
async function earn(c: Caller, points: number) {
  let left = points
  while (left > 0) {
    const kg = Math.min(10, Math.ceil(((left * 10) / 3460) * 1000) / 1000)
    const out = await c.ok('checkIn', {
      requestId: rid('earn'),
      kind: 'recycling',
      material: 'cardboard',
      weightKg: kg,
      stationCode: 'ST-HQ01',
      occurredAt: new Date(h.clock.ms - (Math.ceil(points / 3460) - Math.ceil(left / 3460)) * DAY).toISOString(),
    })
    left -= out.entry.points
  }
}

async function makeReward(boss: Caller, fields: Record<string, unknown> = {}) {
  return (await boss.ok('upsertReward', { title: '测试奖品 Test', pointsCost: 100, stock: 10, perUserLimit: 1, validDays: 7, ...fields })).reward
}

async function fullLedger(c: Caller) {
  const entries: any[] = []
  let cursor: string | null = null
  do {
    const page: any = await c.ok('listLedger', cursor ? { cursor, limit: 50 } : { limit: 50 })
    entries.push(...page.entries)
    cursor = page.nextCursor
  } while (cursor)
  return entries.reverse() // oldest first, the order the wallet was built in
}

describe('catalogue', () => {
  it('lists the seeded rewards with stock and my count; organizers also see inactive ones', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    const { rewards } = await a.ok('listRewards')
    expect(rewards.map((r: any) => r.id)).toEqual(['rw-bus', 'rw-tote', 'rw-plant'])
    expect(rewards[0]).toMatchObject({ pointsCost: 50, stock: 500, perUserLimit: 5, active: true, myCount: 0 })
    await boss.ok('upsertReward', { id: 'rw-plant', title: '绿萝盆栽 Potted plant', pointsCost: 500, stock: 20, active: false })
    expect((await a.ok('listRewards')).rewards.map((r: any) => r.id)).toEqual(['rw-bus', 'rw-tote'])
    expect((await boss.ok('listRewards')).rewards.map((r: any) => r.id)).toContain('rw-plant')
  })

  it('lets only organizers create and edit rewards, and validates every field', async () => {
    const a = await h.as('alice')
    const boss = await h.as('boss')
    expect(await a.error('upsertReward', { title: 'x', pointsCost: 1, stock: 1 })).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 })
    const r = await makeReward(boss, { description: '含逗号, "引号"', imageUrl: 'https://example.org/a.png' })
    expect(r).toMatchObject({ title: '测试奖品 Test', pointsCost: 100, stock: 10, validDays: 7, active: true, description: '含逗号, "引号"' })
    expect((await boss.ok('upsertReward', { id: r.id, title: 'Renamed', pointsCost: 120, stock: 3 })).reward).toMatchObject({
      id: r.id,
      title: 'Renamed',
      pointsCost: 120,
      stock: 3,
      validDays: 7,
    })
    expect((await boss.error('upsertReward', { id: 'nope', title: 'x', pointsCost: 1, stock: 1 })).code).toBe('NOT_FOUND')
    for (const bad of [
      { title: '', pointsCost: 1, stock: 1 },
      { title: 'x', pointsCost: 0, stock: 1 },
      { title: 'x', pointsCost: 1.5, stock: 1 },
      { title: 'x', pointsCost: 1, stock: -1 },
      { title: 'x', pointsCost: 1, stock: 1, imageUrl: 'javascript:alert(1)' },
      { title: 'x'.repeat(61), pointsCost: 1, stock: 1 },
      { title: 'x', pointsCost: 1, stock: 1, validDays: 0 },
    ]) {
      expect(await boss.error('upsertReward', bad)).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
    }
  })
})

describe('redeem', () => {
  it('takes the points, reserves a unit and issues an unambiguous code, all together', async () => {
    const boss = await h.as('boss')
    const a = await h.as('alice')
    const reward = await makeReward(boss)
    await earn(a, 150)
    const before = (await a.ok('getWallet')).wallet
    const out = await a.ok('redeem', { requestId: rid(), rewardId: reward.id })
    expect(out.redemption).toMatchObject({ rewardId: reward.id, status: 'pending', pointsCost: 100, rewardTitle: '测试奖品 Test' })
    expect(out.redemption.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/)
    expect(Date.parse(out.redemption.expiresAt) - Date.parse(out.redemption.createdAt)).toBe(7 * DAY)
    expect(out.wallet).toEqual({ ...before, pointsBalance: before.pointsBalance - 100, pointsSpent: 100 })
    expect((await a.ok('listRewards')).rewards.find((r: any) => r.id === reward.id)).toMatchObject({ stock: 9, myCount: 1 })
    const [last] = (await a.ok('listLedger', { limit: 1 })).entries
    expect(last).toMatchObject({ type: 'redeem', points: -100, gramsCo2e: 0, ref: out.redemption.id })
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it('replays the same requestId and refuses a reused one for another reward', async () => {
    const boss = await h.as('boss')
    const a = await h.as('alice')
    const r1 = await makeReward(boss, { perUserLimit: 5 })
    const r2 = await makeReward(boss)
    await earn(a, 400)
    const req = { requestId: rid(), rewardId: r1.id }
    const first = await a.ok('redeem', req)
    expect((await a.ok('redeem', req)).redemption).toEqual(first.redemption)
    expect((await a.error('redeem', { ...req, rewardId: r2.id })).code).toBe('CONFLICT')
    expect((await a.ok('listMyRedemptions')).redemptions).toHaveLength(1)
  })

  it('refuses with the right code and changes nothing', async () => {
    const boss = await h.as('boss')
    const a = await h.as('alice')
    const cheap = await makeReward(boss, { pointsCost: 10, stock: 1, perUserLimit: 1 })
    const dear = await makeReward(boss, { pointsCost: 10_000 })
    const empty = await makeReward(boss, { stock: 0 })
    await earn(a, 60)
    const snapshot = async () => ({ wallet: (await a.ok('getWallet')).wallet, mine: (await a.ok('listMyRedemptions')).redemptions.length })
    expect(await a.error('redeem', { requestId: rid(), rewardId: dear.id })).toMatchObject({ code: 'INSUFFICIENT_POINTS', status: 422 })
    expect(await a.error('redeem', { requestId: rid(), rewardId: empty.id })).toMatchObject({ code: 'OUT_OF_STOCK', status: 422 })
    expect(await a.error('redeem', { requestId: rid(), rewardId: 'missing' })).toMatchObject({ code: 'NOT_FOUND', status: 404 })
    const before = await snapshot()
    await a.ok('redeem', { requestId: rid(), rewardId: cheap.id })
    await boss.ok('upsertReward', { id: cheap.id, title: cheap.title, pointsCost: 10, stock: 5 })
    expect(await a.error('redeem', { requestId: rid(), rewardId: cheap.id })).toMatchObject({ code: 'REDEEM_LIMIT_REACHED', status: 422 })
    expect((await snapshot()).mine).toBe(before.mine + 1)
    expect((await a.error('redeem', { requestId: rid(), rewardId: cheap.id, openid: 'x' })).code).toBe('INVALID_ARGUMENT')
  })

  it('never oversells: 100 residents at once for a stock of 10', async () => {
    const boss = await h.as('boss')
    const reward = await makeReward(boss, { stock: 10 })
    const residents = await inOrder(
      Array.from({ length: 100 }, (_, i) => i),
      (i) => h.as(`r${i}`),
    )
    for (const r of residents) await earn(r, 100)
    const results = await Promise.all(residents.map((r) => Promise.resolve().then(() => r.call('redeem', { requestId: rid(), rewardId: reward.id }))))
    expect(results.filter((x) => x.status === 200)).toHaveLength(10)
    expect(results.filter((x) => x.body.error?.code === 'OUT_OF_STOCK')).toHaveLength(90)
    expect((await boss.ok('listRewards')).rewards.find((r: any) => r.id === reward.id).stock).toBe(0)
    const balances = await inOrder(residents, async (r) => (await r.ok('getWallet')).wallet.pointsBalance)
    expect(balances.filter((b) => b === 0)).toHaveLength(10)
    expect(balances.filter((b) => b >= 100)).toHaveLength(90)
  })

  it('never lets a balance go negative: 50 redeems with points for 3', async () => {
    const boss = await h.as('boss')
    const reward = await makeReward(boss, { pointsCost: 100, stock: 1000, perUserLimit: 1000 })
    const a = await h.as('alice')
    await earn(a, 300)
    const balance = (await a.ok('getWallet')).wallet.pointsBalance
    const results = await Promise.all(
      Array.from({ length: 50 }, () => Promise.resolve().then(() => a.call('redeem', { requestId: rid(), rewardId: reward.id }))),
    )
    expect(results.filter((x) => x.status === 200)).toHaveLength(Math.floor(balance / 100))
    expect(results.filter((x) => x.body.error?.code === 'INSUFFICIENT_POINTS')).toHaveLength(50 - Math.floor(balance / 100))
    expect((await a.ok('getWallet')).wallet.pointsBalance).toBe(balance % 100)
    expect({ ...walletFromEntries(await fullLedger(a)), pointsHeld: 0 }).toEqual((await a.ok('getWallet')).wallet)
  })
})

describe('cancel, expiry and verification', () => {
  async function setup() {
    const boss = await h.as('boss')
    const a = await h.as('alice')
    const reward = await makeReward(boss, { perUserLimit: 3 })
    await earn(a, 300)
    const { redemption } = await a.ok('redeem', { requestId: rid(), rewardId: reward.id })
    return { boss, a, reward, redemption }
  }

  it('cancel refunds points and stock once, only for the owner while pending', async () => {
    const { a, reward, redemption } = await setup()
    const b = await h.as('bob')
    const balance = (await a.ok('getWallet')).wallet.pointsBalance
    expect(await b.error('cancelRedemption', { redemptionId: redemption.id })).toMatchObject({ code: 'PERMISSION_DENIED', status: 403 })
    const out = await a.ok('cancelRedemption', { redemptionId: redemption.id })
    expect(out.redemption.status).toBe('cancelled')
    expect(out.wallet.pointsBalance).toBe(balance + 100)
    expect(out.wallet.pointsSpent).toBe(0)
    expect(await a.error('cancelRedemption', { redemptionId: redemption.id })).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect((await a.ok('getWallet')).wallet.pointsBalance).toBe(balance + 100)
    expect((await a.ok('listRewards')).rewards.find((r: any) => r.id === reward.id)).toMatchObject({ stock: 10, myCount: 0 })
    expect((await fullLedger(a)).filter((e) => e.type === 'refund')).toEqual([expect.objectContaining({ points: 100, ref: redemption.id })])
    expect((await a.error('cancelRedemption', { redemptionId: 'rd_missing' })).code).toBe('NOT_FOUND')
  })

  it('expires and refunds exactly once, whether seen on access, by the sweep, or both racing a cancel', async () => {
    const { a, reward, redemption } = await setup()
    const balance = (await a.ok('getWallet')).wallet.pointsBalance
    h.clock.ms += 7 * DAY + 1000
    expect(await h.cloud.sweepExpired()).toBe(1)
    expect(await h.cloud.sweepExpired()).toBe(0)
    expect(await a.error('cancelRedemption', { redemptionId: redemption.id })).toMatchObject({ code: 'CONFLICT' })
    expect((await a.ok('listMyRedemptions')).redemptions[0]).toMatchObject({ id: redemption.id, status: 'expired' })
    expect((await a.ok('getWallet')).wallet.pointsBalance).toBe(balance + 100)
    expect((await fullLedger(a)).filter((e) => e.type === 'refund')).toHaveLength(1)
    expect((await a.ok('listRewards')).rewards.find((r: any) => r.id === reward.id).stock).toBe(10)
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it('expires lazily on access before any sweep', async () => {
    const { a, redemption } = await setup()
    h.clock.ms += 8 * DAY
    const out = await a.ok('listMyRedemptions')
    expect(out.redemptions[0]).toMatchObject({ id: redemption.id, status: 'expired' })
    expect(await h.cloud.sweepExpired()).toBe(0)
    expect((await fullLedger(a)).filter((e) => e.type === 'refund')).toHaveLength(1)
  })

  it('fulfils a voucher once for an organizer, and explains every refusal', async () => {
    const { boss, a, reward, redemption } = await setup()
    expect(await a.error('verifyRedemption', { code: redemption.code })).toMatchObject({ code: 'PERMISSION_DENIED' })
    const typed = redemption.code.toLowerCase().replace(/(.{5})/, '$1 - ')
    const out = await boss.ok('verifyRedemption', { code: typed })
    expect(out.redemption).toMatchObject({ id: redemption.id, status: 'fulfilled' })
    expect(out.redemption.fulfilledAt).toMatch(/\+08:00$/)
    const again = await boss.error('verifyRedemption', { code: redemption.code })
    expect(again).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect(again.message).toMatch(/already used/)
    expect((await a.ok('listMyRedemptions')).redemptions[0].status).toBe('fulfilled')
    expect((await a.error('cancelRedemption', { redemptionId: redemption.id })).code).toBe('CONFLICT')

    const second = (await a.ok('redeem', { requestId: rid(), rewardId: reward.id })).redemption
    await a.ok('cancelRedemption', { redemptionId: second.id })
    expect((await boss.error('verifyRedemption', { code: second.code })).message).toMatch(/cancelled/)
    const third = (await a.ok('redeem', { requestId: rid(), rewardId: reward.id })).redemption
    h.clock.ms += 8 * DAY
    expect((await boss.error('verifyRedemption', { code: third.code })).message).toMatch(/expired/)
    expect((await boss.error('verifyRedemption', { code: 'ABCDEFGHJK' })).code).toBe('NOT_FOUND')
    for (const code of ['', 'short', 'O0O0O0O0O0', 'x'.repeat(65)]) {
      expect((await boss.error('verifyRedemption', { code })).code).toBe('INVALID_ARGUMENT')
    }
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it('shows a resident only their own vouchers', async () => {
    const { a } = await setup()
    expect((await (await h.as('bob')).ok('listMyRedemptions')).redemptions).toHaveLength(0)
    expect((await a.ok('listMyRedemptions')).redemptions).toHaveLength(1)
    expect(Object.keys((await a.ok('listMyRedemptions')).redemptions[0])).not.toContain('openid')
  })
})
