/**
 * The race matrix: every pair of calls that touch the same money-like row, fired together many times, on SQLite
 * (one writer) and on MariaDB with two workers (two clouds, each with its own pool, over one database: what
 * CLOUD_WORKERS=2 runs), where row locks let two transactions read the same row before either writes. Every
 * round ends with the books holding: the economy audit, every chain verifying and every wallet equal to the sum of
 * its entries (read behind the functions' back, so deleted accounts are checked too).
 */
import { verifyChain, walletFromEntries } from '../../src/core/ledger'
import type { LedgerEntry } from '../../src/contract/types'
import { auditEconomy } from '../../src/core/economy'
import { ENGINE } from '../support/database'
import { harness, NOW, rid, stockTreasury, type Caller, type Harness } from './harness'
import { economyTotals } from '../../mock/treasury/queries'
import { entriesAfter, getWallet } from '../../mock/wallet/queries'
import { listRedemptions } from '../../mock/rewards/queries'
import { getSignup } from '../../mock/events/queries'

const ROUNDS = Number(process.env.RACE_ROUNDS ?? (ENGINE === 'mysql' ? 12 : 6))
const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (ms: number) => new Date(ms).toISOString()

let h: Harness
let people: Set<string>
beforeEach(async () => {
  h = await harness({ organizers: ['boss', 'desk'], workers: 2, tokenTtlSeconds: 365 * 24 * 3600 })
  people = new Set()
  await stockTreasury(await person('boss'), 150_000)
})
afterEach(() => h.close())

async function person(handle: string): Promise<Caller> {
  const c = await h.as(handle)
  people.add(c.openid)
  return c
}

/** Fires the calls together, each through its own worker in turn. */
function together<T>(...calls: ((worker: number) => Promise<T>)[]): Promise<T[]> {
  return Promise.all(calls.map((call, i) => call(i % h.clouds.length)))
}

/** A person's whole ledger, oldest first, read from the store a page at a time as verifyLedger reads it. */
async function ledgerOf(openid: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = []
  for (
    let page = await entriesAfter(h.cloud.store, openid, 0, 500);
    page.length > 0;
    page = await entriesAfter(h.cloud.store, openid, page[page.length - 1].seq, 500)
  ) {
    entries.push(...page)
  }
  return entries
}

/** The books after a round: the audit, and each person's chain and wallet, read from the store itself. */
async function booksHold(): Promise<void> {
  const audit = auditEconomy(await economyTotals(h.cloud.store))
  expect(audit.checks.filter((c) => !c.ok)).toEqual([])
  for (const openid of people) {
    const entries = await ledgerOf(openid)
    expect(verifyChain(entries).ok).toBe(true)
    const { gramsCo2eTotal, pointsBalance, pointsEarned, pointsSpent, pointsHeld } = await getWallet(h.cloud.store, openid)
    expect({ gramsCo2eTotal, pointsBalance, pointsEarned, pointsSpent }).toEqual(walletFromEntries(entries))
    expect(pointsHeld).toBeGreaterThanOrEqual(0)
    expect(pointsHeld).toBeLessThanOrEqual(pointsBalance)
  }
}

/** A resident with enough points for two bus vouchers (two cardboard drops), and one voucher. */
async function voucherHolder(handle: string) {
  const r = await person(handle)
  await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 2, stationCode: 'ST-HQ01' })
  const { redemption } = await r.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
  return { r, redemption }
}

const succeeded = (outs: { status: number }[]) => outs.filter((o) => o.status === 200).length

describe('the race matrix', () => {
  it('verify × cancel: the voucher is handed out or refunded, never both', async () => {
    const desk = await person('desk')
    for (let i = 0; i < ROUNDS; i++) {
      const { r, redemption } = await voucherHolder(`vc${i}`)
      const [verified, cancelled] = await together(
        (w) => desk.via(w).call('verifyRedemption', { code: redemption.code }),
        (w) => r.via(w).call('cancelRedemption', { redemptionId: redemption.id }),
      )
      expect(succeeded([verified, cancelled])).toBe(1)
      for (const lost of [verified, cancelled].filter((o) => o.status !== 200)) expect(lost.body.error.code).toBe('CONFLICT')
      const [mine] = (await r.ok('listMyRedemptions')).redemptions
      expect(mine.status).toBe(verified.status === 200 ? 'fulfilled' : 'cancelled')
      const refunds = (await r.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'refund')
      expect(refunds).toHaveLength(cancelled.status === 200 ? 1 : 0)
      await booksHold()
    }
  })

  it('verify × verify: two desks scanning one voucher, one ✓', async () => {
    const desk = await person('desk')
    const boss = await person('boss')
    for (let i = 0; i < ROUNDS; i++) {
      const { redemption } = await voucherHolder(`vv${i}`)
      const outs = await together(
        (w) => desk.via(w).call('verifyRedemption', { code: redemption.code }),
        (w) => boss.via(w).call('verifyRedemption', { code: redemption.code }),
      )
      expect(succeeded(outs)).toBe(1)
      expect(outs.find((o) => o.status !== 200)!.body.error.code).toBe('CONFLICT')
      await booksHold()
    }
  })

  it('verify × expiry sweep: handed out or expired and refunded once, never both', async () => {
    const desk = await person('desk')
    for (let i = 0; i < ROUNDS; i++) {
      const { r, redemption } = await voucherHolder(`ve${i}`)
      const expiresMs = Date.parse(redemption.expiresAt)
      // The desk's worker still sees the voucher valid; the sweeping worker's clock has just passed its expiry.
      h.clock.ms = expiresMs
      h.clock.skewMs[0] = -1000
      h.clock.skewMs[1] = +1000
      const [verified, swept] = await Promise.all([desk.via(0).call('verifyRedemption', { code: redemption.code }), h.clouds[1].sweepExpired()])
      h.clock.skewMs = []
      const [mine] = (await r.ok('listMyRedemptions')).redemptions
      if (verified.status === 200) {
        expect(swept).toBe(0)
        expect(mine.status).toBe('fulfilled')
      } else {
        expect(verified.body.error.code).toBe('CONFLICT')
        expect(mine.status).toBe('expired')
      }
      const refunds = (await r.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'refund')
      expect(refunds).toHaveLength(mine.status === 'expired' ? 1 : 0)
      await booksHold()
      h.clock.ms = NOW + (i + 1) * 60_000
    }
  })

  it('redeem × cancel: the last unit of stock goes to one voucher at a time', async () => {
    const boss = await person('boss')
    const { reward } = await boss.ok('upsertReward', { title: 'Last one', pointsCost: 10, stock: 1, perUserLimit: 1 })
    for (let i = 0; i < ROUNDS; i++) {
      const a = await person(`rc-a${i}`)
      const b = await person(`rc-b${i}`)
      for (const c of [a, b]) await c.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
      const held = (await a.ok('redeem', { requestId: rid(), rewardId: reward.id })).redemption
      const [cancelled, redeemed] = await together(
        (w) => a.via(w).call('cancelRedemption', { redemptionId: held.id }),
        (w) => b.via(w).call('redeem', { requestId: rid(), rewardId: reward.id }),
      )
      expect(cancelled.status).toBe(200)
      const stock = (await boss.ok('listRewards')).rewards.find((x: any) => x.id === reward.id).stock
      // stock + vouchers still held = the one unit
      expect(stock + (redeemed.status === 200 ? 1 : 0)).toBe(1)
      if (redeemed.status !== 200) expect(redeemed.body.error.code).toBe('OUT_OF_STOCK')
      else await b.ok('cancelRedemption', { redemptionId: redeemed.body.result.redemption.id })
      await booksHold()
    }
  })

  for (const [first, second] of [
    ['reverse', 'reverse'],
    ['reverse', 'confirm'],
    ['confirm', 'reverse'],
    ['confirm', 'confirm'],
  ] as const) {
    it(`decide × decide (${first} × ${second}): one decision, one release of the hold, at most one adjust entry`, async () => {
      const boss = await person('boss')
      const desk = await person('desk')
      for (let i = 0; i < ROUNDS; i++) {
        const handle = `dd-${first}-${second}-${i}`
        const r = await person(handle)
        // Two flagged drops (≥ 80 % of the day's weight cap), so a wrong release would show on the other one.
        await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 8.5, stationCode: 'ST-HQ01' })
        await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'metal', weightKg: 4.5, stationCode: 'ST-HQ01' })
        const { items } = await boss.ok('listReviewQueue', { limit: 50 })
        const target = items.find((it: any) => it.nickname === handle && it.entry.factorId === 'recycling.glass')
        expect(target).toBeDefined()
        const before = (await r.ok('getWallet')).wallet
        const outs = await together(
          (w) => boss.via(w).call('decideReview', { reviewId: target.id, decision: first }),
          (w) => desk.via(w).call('decideReview', { reviewId: target.id, decision: second }),
        )
        expect(succeeded(outs)).toBe(1)
        expect(outs.find((o) => o.status !== 200)!.body.error.code).toBe('CONFLICT')
        const won = outs.find((o) => o.status === 200)!.body.result.item
        const after = (await r.ok('getWallet')).wallet
        const glassPoints = target.entry.points
        // The other flagged drop's points stay held: only this entry's hold was released, once.
        expect(after.pointsHeld).toBe(before.pointsHeld - glassPoints)
        const adjusts = (await r.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'adjust' && e.ref === target.entry.id)
        expect(adjusts).toHaveLength(won.status === 'reversed' ? 1 : 0)
        expect(after.gramsCo2eTotal).toBeGreaterThanOrEqual(0)
        await booksHold()
      }
    })
  }

  it('attend × attend: one place, one attendance, paid once', async () => {
    const boss = await person('boss')
    const { event } = await boss.ok('createEvent', {
      requestId: rid(),
      title: '植树',
      place: '公园',
      startsAt: at(h.clock.ms - HOUR),
      endsAt: at(h.clock.ms + 12 * HOUR),
      slots: ROUNDS,
      rewardPoints: 20,
      communityId: '',
    })
    for (let i = 0; i < ROUNDS; i++) {
      const r = await person(`aa${i}`)
      await r.ok('signUpEvent', { eventId: event.id })
      const { code } = await boss.ok('eventDisplayCode', { eventId: event.id })
      const outs = await together(
        (w) => r.via(w).call('attendEvent', { requestId: rid(), code }),
        (w) => r.via(w).call('attendEvent', { requestId: rid(), code }),
      )
      expect(succeeded(outs)).toBe(1)
      const bonuses = (await r.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'bonus' && e.ref === event.id)
      expect(bonuses).toHaveLength(1)
      await booksHold()
    }
  })

  it('sign-up × give-back × cancel-event: places taken always equal the places held', async () => {
    const boss = await person('boss')
    for (let i = 0; i < ROUNDS; i++) {
      const { event } = await boss.ok('createEvent', {
        requestId: rid(),
        title: `旧物市集 ${i}`,
        place: '广场',
        startsAt: at(h.clock.ms + 6 * HOUR),
        endsAt: at(h.clock.ms + 8 * HOUR),
        slots: 1,
        rewardPoints: 10,
        communityId: '',
      })
      const holder = await person(`sg-a${i}`)
      const taker = await person(`sg-b${i}`)
      await holder.ok('signUpEvent', { eventId: event.id })
      const [gaveBack, signed, called] = await together(
        (w) => holder.via(w).call('cancelEventSignup', { eventId: event.id }),
        (w) => taker.via(w).call('signUpEvent', { eventId: event.id }),
        (w) => boss.via(w).call('cancelEvent', { eventId: event.id }),
      )
      expect(gaveBack.status).toBe(200)
      expect(called.status).toBe(200)
      const after = (await boss.ok('listEvents', { manage: true })).events.find((e: any) => e.id === event.id)
      expect(after.taken).toBe(signed.status === 200 ? 1 : 0)
      expect(after.taken).toBeLessThanOrEqual(1)
      await booksHold()
    }
  })

  it('fund × completion: a bonus is paid only from funded points, never past the budget', async () => {
    const boss = await person('boss')
    const days = { startDay: '2026-11-29', endDay: '2026-12-31' }
    for (let i = 0; i < ROUNDS; i++) {
      const { challenge } = await boss.ok('createChallenge', { title: `Walk ${i}`, metric: 'checkins', targetPerMember: 1, bonusPoints: 15, ...days })
      const r = await person(`fc${i}`)
      await r.ok('joinChallenge', { challengeId: challenge.id })
      const [funded, completed] = await together(
        (w) => boss.via(w).call('fundChallenge', { requestId: rid(), challengeId: challenge.id, points: 15 }),
        (w) => r.via(w).call('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' }),
      )
      expect(funded.status).toBe(200)
      expect(completed.status).toBe(200)
      const after = (await r.ok('getChallenge', { challengeId: challenge.id })).challenge
      expect(after.myCompleted).toBe(true)
      // Paid when the funding landed first; a badge when the completion did.
      expect(after.budgetLeftPoints).toBe(after.myBonusPaid ? 0 : 15)
      await booksHold()
    }
  })

  it('donate × close-project: every donation counted once, whichever lands first', async () => {
    const boss = await person('boss')
    for (let i = 0; i < ROUNDS; i++) {
      const { project } = await boss.ok('upsertProject', { title: `Trees ${i}`, goalPoints: 1000 })
      const r = await person(`dp${i}`)
      await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
      const [donated, closed] = await together(
        (w) => r.via(w).call('donate', { requestId: rid(), projectId: project.id, points: 30 }),
        (w) => boss.via(w).call('upsertProject', { id: project.id, title: `Trees ${i}`, goalPoints: 1000, active: false }),
      )
      expect(closed.status).toBe(200)
      const listed = (await boss.ok('listProjects')).projects.find((p: any) => p.id === project.id)
      expect(listed.raisedPoints).toBe(donated.status === 200 ? 30 : 0)
      await booksHold()
    }
  })
})

void DAY

describe('the race matrix: deleting an account', () => {
  /** A resident with points, a place at an event on now and its code; each round they delete while acting. */
  async function resident(i: number, tag: string) {
    const boss = await person('boss')
    const r = await person(`${tag}${i}`)
    await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 2, stationCode: 'ST-HQ01' })
    const { event } = await boss.ok('createEvent', {
      requestId: rid(),
      title: `活动 ${tag}${i}`,
      place: '广场',
      startsAt: at(h.clock.ms - HOUR),
      endsAt: at(h.clock.ms + HOUR),
      slots: 2,
      rewardPoints: 20,
      communityId: '',
    })
    await r.ok('signUpEvent', { eventId: event.id })
    const { code } = await boss.ok('eventDisplayCode', { eventId: event.id })
    return { boss, r, event, code }
  }

  const acts: [string, (r: Caller, w: number, code: string) => Promise<{ status: number; body: any }>][] = [
    ['check-in', (r, w) => r.via(w).call('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' })],
    ['redeem', (r, w) => r.via(w).call('redeem', { requestId: rid(), rewardId: 'rw-bus' })],
    ['attend', (r, w, code) => r.via(w).call('attendEvent', { requestId: rid(), code })],
  ]
  for (const [what, act] of acts) {
    it(`delete-account × ${what}: done before the deletion and settled by it, or refused after it`, async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { boss, r, event, code } = await resident(i, `del-${what}-`)
        const [deleted, acted] = await together(
          (w) => r.via(w).call('deleteAccount', { confirm: 'DELETE' }),
          (w) => act(r, w, code),
        )
        expect(deleted.status).toBe(200)
        if (acted.status !== 200) expect(acted.body.error.code).toBe('UNAUTHENTICATED')
        // Nothing of the deleted account is left held: no pending voucher, no place at a coming event.
        const vouchers = (await listRedemptions(h.cloud.store, r.openid)).filter((v) => v.status === 'pending')
        expect(vouchers).toEqual([])
        const mine = await getSignup(h.cloud.store, event.id, r.openid)
        expect(mine?.status).not.toBe('signed')
        expect((await boss.ok('listEvents', { manage: true })).events.find((e: any) => e.id === event.id).taken).toBe(mine?.status === 'attended' ? 1 : 0)
        await booksHold()
      }
    })
  }
})
