/**
 * Merchants attacked from inside: staff who would set what the city pays them, or hand their own vouchers out to
 * themselves; the settlement's month edges in Asia/Shanghai whatever the server's zone; and a CSV whose every
 * typed cell may be a formula. Every scenario ends with the economy audit.
 */
import { ENGINE } from '../support/database'
import { harness, rid, type Caller, type Harness } from './harness'

let h: Harness
afterEach(() => h.close())

const COUNTER = { address: '东湖路 8 号', openingHours: '08:00–20:00', latitude: 30.5728, longitude: 104.0668 }

async function city() {
  const boss = await h.as('boss')
  const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
  const eastLead = await h.as('east-lead')
  await boss.ok('grantOrganizer', { openid: eastLead.openid, communityId: east.id, granted: true })
  const cafe = (await boss.ok('registerPartner', { name: '+Cafe', kind: 'merchant', feeds: [] })).partner
  await boss.ok('upsertMerchant', { merchantId: cafe.id, ...COUNTER, communityId: east.id })
  const barista = await h.as('cafe')
  const barista2 = await h.as('cafe2')
  for (const s of [barista, barista2]) await eastLead.ok('appointMerchantStaff', { merchantId: cafe.id, openid: s.openid })
  const ann = await h.as('ann')
  await ann.ok('setMyCommunity', { communityId: east.id })
  return { boss, east, eastLead, cafe, barista, barista2, ann }
}

async function earn(resident: Caller) {
  await resident.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 2, stationCode: 'ST-HQ01' })
}

const redeem = async (resident: Caller, rewardId: string) => (await resident.ok('redeem', { requestId: rid(), rewardId })).redemption

describe('merchants under attack', () => {
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'] })
  })

  it('staff cannot set or raise the subsidy the city pays them; an organizer who manages the merchant does', async () => {
    const { boss, cafe, barista, ann } = await city()
    const offer = { title: 'Latte', pointsCost: 1, stock: 100, perUserLimit: 50 }
    // A new offer at ¥500 a voucher for 1 point, set by the shop itself: refused.
    expect((await barista.error('upsertOffer', { merchantId: cafe.id, ...offer, subsidyFen: 50_000 })).reason).toBe('merchant.subsidyManagersOnly')
    const latte = (await barista.ok('upsertOffer', { merchantId: cafe.id, ...offer, subsidyFen: 0 })).reward
    expect(latte.subsidyFen).toBe(0)
    // The city sets it; the staff may still edit the offer's other fields, keeping it.
    expect((await boss.ok('upsertOffer', { merchantId: cafe.id, ...offer, id: latte.id, subsidyFen: 150 })).reward.subsidyFen).toBe(150)
    expect((await barista.ok('upsertOffer', { merchantId: cafe.id, ...offer, id: latte.id, title: 'Flat white', subsidyFen: 150 })).reward).toMatchObject({
      title: 'Flat white',
      subsidyFen: 150,
    })
    // Raising it on vouchers already redeemed, just before handing them out: refused to the staff.
    await earn(ann)
    const v = await redeem(ann, latte.id)
    expect((await barista.error('upsertOffer', { merchantId: cafe.id, ...offer, id: latte.id, subsidyFen: 50_000 })).reason).toBe(
      'merchant.subsidyManagersOnly',
    )
    expect((await barista.ok('verifyOffer', { merchantId: cafe.id, code: v.code })).subsidyFen).toBe(150)
    expect((await boss.ok('auditEconomy')).checks.filter((c: any) => !c.ok)).toEqual([])
  })

  it('staff cannot hand their own vouchers out to themselves: another of its staff can', async () => {
    const { boss, east, cafe, barista, barista2 } = await city()
    const latte = (await boss.ok('upsertOffer', { merchantId: cafe.id, title: 'Latte', pointsCost: 1, stock: 100, perUserLimit: 50, subsidyFen: 500 })).reward
    await barista.ok('setMyCommunity', { communityId: east.id })
    await earn(barista)
    const mine = await redeem(barista, latte.id)
    const refused = await barista.error('verifyOffer', { merchantId: cafe.id, code: mine.code })
    expect({ code: refused.code, reason: refused.reason }).toEqual({ code: 'PERMISSION_DENIED', reason: 'merchantDesk.ownVoucher' })
    expect((await barista.ok('getMerchantSettlement', { merchantId: cafe.id, month: '2026-11' })).vouchers).toBe(0)
    expect((await barista2.ok('verifyOffer', { merchantId: cafe.id, code: mine.code })).subsidyFen).toBe(500)
    expect((await boss.ok('auditEconomy')).checks.filter((c: any) => !c.ok)).toEqual([])
  })

  it('deleting an account and coming back neither keeps nor regains a staff place, nor the old session', async () => {
    const { boss, cafe, barista, ann } = await city()
    const latte = (await boss.ok('upsertOffer', { merchantId: cafe.id, title: 'Latte', pointsCost: 1, stock: 100, perUserLimit: 50, subsidyFen: 100 })).reward
    await earn(ann)
    const v = await redeem(ann, latte.id)
    await barista.ok('deleteAccount', { confirm: 'DELETE' })
    // The session held from before the deletion acts for no one.
    expect((await barista.error('verifyOffer', { merchantId: cafe.id, code: v.code })).status).toBe(401)
    const back = await h.as('cafe')
    expect(back.openid).not.toBe(barista.openid)
    expect((await back.ok('listMyMerchants')).merchants).toEqual([])
    expect((await back.error('verifyOffer', { merchantId: cafe.id, code: v.code })).reason).toBe('merchant.notStaff')
    expect((await back.error('upsertOffer', { merchantId: cafe.id, title: 'x', pointsCost: 1, stock: 1, subsidyFen: 0 })).reason).toBe('merchant.notStocker')
    expect((await boss.ok('listMerchantStaff', { merchantId: cafe.id })).staff.map((s: any) => s.openid)).not.toContain(back.openid)
  })

  it('a revoked merchant is offered no more, stocks nothing, and hands out nothing the city would pay for; its voucher is given back', async () => {
    const { boss, cafe, barista, ann } = await city()
    const latte = (await boss.ok('upsertOffer', { merchantId: cafe.id, title: 'Latte', pointsCost: 1, stock: 100, perUserLimit: 50, subsidyFen: 500 })).reward
    await earn(ann)
    const held = await redeem(ann, latte.id)
    await boss.ok('revokePartner', { partnerId: cafe.id })
    expect((await ann.ok('listRewards')).rewards.map((r: any) => r.id)).not.toContain(latte.id)
    expect((await ann.error('redeem', { requestId: rid(), rewardId: latte.id })).reason).toBe('redeem.notOffered')
    expect((await barista.error('upsertOffer', { merchantId: cafe.id, title: 'Latte', pointsCost: 1, stock: 100, subsidyFen: 500, id: latte.id })).reason).toBe(
      'merchant.revoked',
    )
    const refused = await barista.error('verifyOffer', { merchantId: cafe.id, code: held.code })
    expect({ code: refused.code, reason: refused.reason }).toEqual({ code: 'CONFLICT', reason: 'merchantDesk.revoked' })
    expect((await boss.ok('getMerchantSettlement', { merchantId: cafe.id, month: '2026-11' })).vouchers).toBe(0)
    // The resident is not left holding it: cancelling gives the points back.
    const before = (await ann.ok('getWallet')).wallet.pointsBalance
    expect((await ann.ok('cancelRedemption', { redemptionId: held.id })).wallet.pointsBalance).toBe(before + 1)
    expect((await boss.ok('auditEconomy')).checks.filter((c: any) => !c.ok)).toEqual([])
  })

  it('settles by the Asia/Shanghai month to the millisecond, whatever zone the server runs in', async () => {
    const { boss, cafe, barista, ann } = await city()
    const latte = (await boss.ok('upsertOffer', { merchantId: cafe.id, title: 'Latte', pointsCost: 1, stock: 100, perUserLimit: 50, subsidyFen: 100 })).reward
    await earn(ann)
    const [a, b] = [await redeem(ann, latte.id), await redeem(ann, latte.id)]
    h.clock.ms = Date.parse('2026-11-30T23:59:59.999+08:00')
    await barista.ok('verifyOffer', { merchantId: cafe.id, code: a.code })
    h.clock.ms = Date.parse('2026-12-01T00:00:00.000+08:00')
    await barista.ok('verifyOffer', { merchantId: cafe.id, code: b.code })
    const nov = await barista.ok('getMerchantSettlement', { merchantId: cafe.id, month: '2026-11' })
    const dec = await barista.ok('getMerchantSettlement', { merchantId: cafe.id, month: '2026-12' })
    expect(nov.lines.map((l: any) => l.verifiedAt)).toEqual(['2026-11-30T23:59:59.999+08:00'])
    expect(dec.lines.map((l: any) => l.verifiedAt)).toEqual(['2026-12-01T00:00:00.000+08:00'])
  })

  it('escapes a formula in every typed cell of the settlement CSV, not only the first', async () => {
    const { boss, cafe, barista, barista2, ann } = await city()
    const titles = ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '＝1+1', '＋1', '－1', '＠x']
    await earn(ann)
    h.clock.ms += 1000
    for (const title of titles) {
      const r = (await boss.ok('upsertOffer', { merchantId: cafe.id, title, pointsCost: 1, stock: 5, perUserLimit: 5, subsidyFen: 1 })).reward
      const v = await redeem(ann, r.id)
      h.clock.ms += 1000
      await (title.length % 2 ? barista : barista2).ok('verifyOffer', { merchantId: cafe.id, code: v.code })
    }
    const { csv } = await barista.ok('exportMerchantSettlementCsv', { merchantId: cafe.id, month: '2026-11' })
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1)
    expect(rows).toHaveLength(titles.length + 1)
    for (const row of rows) {
      // No cell of any row starts (inside its quotes or not) with a formula character.
      const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c: string) => c.replace(/,$/, '').replace(/^"/, ''))
      for (const cell of cells.slice(0, 3)) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/)
    }
  })
})

describe(`merchants racing: appointments and redeems at once (${ENGINE})`, () => {
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'], workers: 2 })
  })

  it('two redeems racing for an offer’s last unit, or past one person’s limit: one each', async () => {
    const { boss, east, cafe, ann } = await city()
    const bob = await h.as('bob')
    await bob.ok('setMyCommunity', { communityId: east.id })
    for (const r of [ann, bob]) await earn(r)
    const rounds = ENGINE === 'mysql' ? 6 : 2
    for (let i = 0; i < rounds; i++) {
      const last = (await boss.ok('upsertOffer', { merchantId: cafe.id, title: `Last ${i}`, pointsCost: 1, stock: 1, perUserLimit: 5, subsidyFen: 100 })).reward
      const stock = await Promise.all([ann, bob].map((r, k) => r.via(k).call('redeem', { requestId: rid(), rewardId: last.id })))
      expect(stock.filter((o) => o.status === 200)).toHaveLength(1)
      expect(stock.find((o) => o.status !== 200)!.body.error.code).toBe('OUT_OF_STOCK')
      const one = (await boss.ok('upsertOffer', { merchantId: cafe.id, title: `One ${i}`, pointsCost: 1, stock: 10, perUserLimit: 1, subsidyFen: 100 })).reward
      const limit = await Promise.all([0, 1].map((k) => ann.via(k).call('redeem', { requestId: rid(), rewardId: one.id })))
      expect(limit.filter((o) => o.status === 200)).toHaveLength(1)
      expect(limit.find((o) => o.status !== 200)!.body.error.code).toBe('REDEEM_LIMIT_REACHED')
    }
    expect((await boss.ok('auditEconomy')).checks.filter((c: any) => !c.ok)).toEqual([])
  })

  it('two appointments racing for the last place: one is refused, so no staff member sits unlisted past the cap', async () => {
    const { boss, eastLead, cafe } = await city()
    // city() appointed two; fill to one short of the cap.
    for (let i = 2; i < 49; i++) await boss.ok('appointMerchantStaff', { merchantId: cafe.id, openid: (await h.as(`clerk-${i}`)).openid })
    const rounds = ENGINE === 'mysql' ? 8 : 2
    for (let i = 0; i < rounds; i++) {
      const [a, b] = [await h.as(`late-a-${i}`), await h.as(`late-b-${i}`)]
      const outs = await Promise.all([
        boss.via(0).call('appointMerchantStaff', { merchantId: cafe.id, openid: a.openid }),
        eastLead.via(1).call('appointMerchantStaff', { merchantId: cafe.id, openid: b.openid }),
      ])
      expect(outs.map((o) => o.status).sort()).toEqual([200, 409])
      const winner = outs[0].status === 200 ? a : b
      await boss.ok('removeMerchantStaff', { merchantId: cafe.id, openid: winner.openid })
    }
    expect((await boss.ok('listMerchantStaff', { merchantId: cafe.id })).staff).toHaveLength(49)
  })
})
