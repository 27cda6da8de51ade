/** Bins' and scales' weights over the partner API (issue 24): credited at evidence 'scale' at their own stations only. */
import { WEIGHING_MATCH_WINDOW_MS } from '../../src/core/feeds'
import { allEntries, harness, rid, stockTreasury, type Caller, type Harness } from './harness'
import { linkedResident, registered, rowsOf, type Signed } from './partnerSend'

describe('partner weights', () => {
  let h: Harness
  let boss: Caller
  let bin: Signed
  let ann: Caller
  const at = (offsetMs = 0) => new Date(h.clock.ms + offsetMs).toISOString()
  const weighing = (rowId: string, weightG: number, extra: Record<string, unknown> = {}) => ({
    rowId,
    partnerUserId: 'bin-ann',
    stationCode: 'ST-HQ01',
    material: 'paper',
    weightG,
    weighedAt: at(),
    ...extra,
  })
  const scanned = async (weightKg: number, extra: Record<string, unknown> = {}) => {
    const { code } = await boss.ok('stationDisplayCode', { stationCode: 'ST-HQ01' })
    return { requestId: rid(), kind: 'recycling', material: 'paper', weightKg, stationCode: 'ST-HQ01', displayCode: code, ...extra }
  }
  const later = () => (h.clock.ms += WEIGHING_MATCH_WINDOW_MS + 60_000)
  /** Spends `points` of ann's at once on a reward made to cost exactly that. */
  const spend = async (points: number) => {
    const { reward } = await boss.ok('upsertReward', { title: `Spend ${points}`, pointsCost: points, stock: 10, perUserLimit: 10 })
    await ann.ok('redeem', { requestId: rid(), rewardId: reward.id })
  }
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'] })
    boss = await h.as('boss')
    bin = await registered(boss, 'Smart Bin', 'bin', ['weights'], { stations: ['ST-HQ01'] })
    ann = await linkedResident(h, 'ann', [{ partner: bin, partnerUserId: 'bin-ann' }])
  })
  afterEach(async () => {
    expect((await ann.ok('verifyLedger')).ok).toBe(true)
    const audit = await boss.ok('auditEconomy')
    expect(audit.checks.filter((c: any) => !c.ok)).toEqual([])
    await h.close()
  })

  it('credit a weighed drop at evidence scale, once however often it is sent', async () => {
    const batch = [weighing('w-1', 1500)]
    const [row] = await rowsOf(h, bin, 'weights', batch)
    expect(row.status).toBe('accepted')
    const [entry] = await allEntries(ann)
    expect(entry).toMatchObject({
      id: row.ref,
      type: 'checkin',
      factorId: 'recycling.paper',
      weightG: 1500,
      gramsCo2e: 5190,
      evidence: 'scale',
      stationCode: 'ST-HQ01',
    })
    expect(await rowsOf(h, bin, 'weights', batch)).toEqual([{ rowId: 'w-1', status: 'duplicate', ref: row.ref }])
    expect(await allEntries(ann)).toHaveLength(1)
  })

  it('refuse a station the partner is not registered for, and registration without stations or at an unknown one', async () => {
    expect(await rowsOf(h, bin, 'weights', [weighing('w-x', 1000, { stationCode: 'ST-MK03' })])).toEqual([
      expect.objectContaining({ status: 'refused', code: 'PERMISSION_DENIED' }),
    ])
    expect((await boss.error('registerPartner', { name: 'Bin 2', kind: 'bin', feeds: ['weights'] })).code).toBe('INVALID_ARGUMENT')
    expect((await boss.error('registerPartner', { name: 'Bin 3', kind: 'scale', feeds: ['weights'], stations: ['NOPE-1'] })).code).toBe('NOT_FOUND')
    expect((await boss.error('registerPartner', { name: 'Bike', kind: 'bikeshare', feeds: ['weights'], stations: ['ST-HQ01'] })).code).toBe('INVALID_ARGUMENT')
    expect(await allEntries(ann)).toHaveLength(0)
  })

  it('correct a display-code drop up by the scale’s weight with an adjust entry, never counting it twice', async () => {
    const drop = (await ann.ok('checkIn', await scanned(1))).entry
    expect(drop).toMatchObject({ gramsCo2e: 3460, evidence: 'station-display' })
    h.clock.ms += 5 * 60_000
    const [row] = await rowsOf(h, bin, 'weights', [weighing('w-up', 1200)])
    expect(row.status).toBe('accepted')
    const [adjust, original] = await allEntries(ann)
    expect(original).toEqual(drop)
    expect(adjust).toMatchObject({ id: row.ref, type: 'adjust', ref: drop.id, gramsCo2e: 692, evidence: 'scale' })
    const w = await ann.ok('getWallet')
    expect(w.wallet).toMatchObject({ gramsCo2eTotal: 4152, pointsBalance: drop.points + adjust.points })
    expect(w.today.gramsCo2e).toBe(4152)
    // A second weighing of another bag is its own drop; the resident's later report of the weighed one is refused.
    expect((await ann.error('checkIn', await scanned(1))).reason).toBe('checkIn.dropAlreadyWeighed')
    expect((await ann.error('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' })).code).toBe('CONFLICT')
    expect(await allEntries(ann)).toHaveLength(2)
  })

  it('correct down, and leave a drop the scale agrees with as it is', async () => {
    const drop = (await ann.ok('checkIn', await scanned(2))).entry
    const [down] = await rowsOf(h, bin, 'weights', [weighing('w-down', 1500)])
    const [adjust] = await allEntries(ann)
    expect(adjust).toMatchObject({ id: down.ref, type: 'adjust', ref: drop.id, gramsCo2e: -1730 })
    expect((await ann.ok('getWallet')).wallet.gramsCo2eTotal).toBe(5190)
    // Past the window a drop of the same material is a new one, and a scale that agrees writes nothing new.
    h.clock.ms += WEIGHING_MATCH_WINDOW_MS + 60_000
    const second = (await ann.ok('checkIn', await scanned(1))).entry
    const [same] = await rowsOf(h, bin, 'weights', [weighing('w-same', 1000)])
    expect(same).toMatchObject({ status: 'accepted', ref: second.id })
    expect(await allEntries(ann)).toHaveLength(3)
  })

  it("apply the material's cap to a scale's weight and to its correction", async () => {
    const [big] = await rowsOf(h, bin, 'weights', [weighing('w-big', 12_000)])
    expect(big.status).toBe('accepted')
    expect((await allEntries(ann))[0].gramsCo2e).toBe(34_600)
    expect(await rowsOf(h, bin, 'weights', [weighing('w-more', 1000, { weighedAt: at(-40 * 60_000) })])).toEqual([
      expect.objectContaining({ status: 'refused', code: 'DAILY_CAP_REACHED' }),
    ])
  })

  it('correct up no further than the cap leaves room for', async () => {
    const drop = (await ann.ok('checkIn', await scanned(9))).entry
    expect(drop.gramsCo2e).toBe(31_140)
    await rowsOf(h, bin, 'weights', [weighing('w-heavy', 12_000)])
    const [adjust] = await allEntries(ann)
    expect(adjust).toMatchObject({ type: 'adjust', ref: drop.id, gramsCo2e: 34_600 - 31_140 })
    expect((await ann.ok('getWallet')).today.gramsCo2e).toBe(34_600)
  })
  describe('a correction counts as the weighed drop would have', () => {
    const days = { startDay: '2026-11-29', endDay: '2026-12-05' }
    const later = () => (h.clock.ms += WEIGHING_MATCH_WINDOW_MS + 60_000)
    const paper = async () => (await ann.ok('getWallet')).todayByFactor.find((f: any) => f.factorId === 'recycling.paper')?.gramsCo2e
    const challenge = async (metric: string, targetPerMember: number) => {
      await stockTreasury(boss, 10_000)
      const { challenge: c } = await boss.ok('createChallenge', { title: metric, metric, targetPerMember, bonusPoints: 40, budgetPoints: 40, ...days })
      await ann.ok('joinChallenge', { challengeId: c.id })
      return async () => (await ann.ok('getChallenge', { challengeId: c.id })).challenge
    }
    const decide = async (decision: 'confirm' | 'reverse') => {
      const [item] = (await boss.ok('listReviewQueue', {})).items
      await boss.ok('decideReview', { reviewId: item.id, decision })
    }

    it('a drop weighed up fills the cap it reached: no check-in passes it the same day', async () => {
      await ann.ok('checkIn', await scanned(7))
      await rowsOf(h, bin, 'weights', [weighing('w-up', 10_000)])
      expect(await paper()).toBe(34_600)
      later()
      expect((await ann.error('checkIn', await scanned(1))).code).toBe('DAILY_CAP_REACHED')
      expect(await rowsOf(h, bin, 'weights', [weighing('w-next', 1000)])).toEqual([expect.objectContaining({ status: 'refused', code: 'DAILY_CAP_REACHED' })])
      expect((await ann.ok('getWallet')).today.gramsCo2e).toBe(34_600)
    })

    it('a drop weighed down gives its room back, no more', async () => {
      await ann.ok('checkIn', await scanned(9))
      await rowsOf(h, bin, 'weights', [weighing('w-down', 5000)])
      expect(await paper()).toBe(17_300)
      later()
      expect((await ann.ok('checkIn', await scanned(5))).entry.gramsCo2e).toBe(17_300)
      expect(await paper()).toBe(34_600)
      later()
      expect((await ann.error('checkIn', await scanned(1))).code).toBe('DAILY_CAP_REACHED')
    })

    it('carries the weighed difference, which moves kg and grams challenges by exactly that', async () => {
      const kg = await challenge('recyclingKg', 5)
      const grams = await challenge('gramsCo2e', 100_000)
      await ann.ok('checkIn', await scanned(1))
      await rowsOf(h, bin, 'weights', [weighing('w-up', 1200)])
      const [adjust] = await allEntries(ann)
      expect(adjust).toMatchObject({ type: 'adjust', weightG: 200, gramsCo2e: 692 })
      expect((await kg()).myValue).toBe(1.2)
      expect((await grams()).myValue).toBe(4152)
      later()
      await ann.ok('checkIn', await scanned(2))
      await rowsOf(h, bin, 'weights', [weighing('w-down', 1500)])
      expect((await allEntries(ann))[0]).toMatchObject({ type: 'adjust', weightG: -500, gramsCo2e: -1730 })
      expect((await kg()).myValue).toBe(2.7)
      expect((await grams()).myValue).toBe(4152 + 5190)
      // A check-in count is not moved: the weighing is the same drop.
      const count = await challenge('checkins', 5)
      expect((await count()).myValue).toBe(0)
    })

    it('keeps a weighed drop a streak day: its correction is no reversal', async () => {
      await ann.ok('checkIn', await scanned(1))
      expect((await ann.ok('getWallet')).streakDays).toBe(1)
      await rowsOf(h, bin, 'weights', [weighing('w-up', 1200)])
      expect((await ann.ok('getWallet')).streakDays).toBe(1)
    })

    it('completes a challenge the weighed-up drop reaches', async () => {
      const kg = await challenge('recyclingKg', 2)
      await ann.ok('checkIn', await scanned(1.5))
      expect((await kg()).myCompleted).toBe(false)
      await rowsOf(h, bin, 'weights', [weighing('w-up', 2500)])
      expect(await kg()).toMatchObject({ myValue: 2.5, myCompleted: true, myBonusPaid: true })
    })

    it('holds a correction of a drop under review with it, and confirming releases both and completes on both', async () => {
      const kg = await challenge('recyclingKg', 10)
      const drop = (await ann.ok('checkIn', await scanned(9))).entry
      expect((await ann.ok('getWallet')).wallet.pointsHeld).toBe(drop.points)
      await rowsOf(h, bin, 'weights', [weighing('w-up', 12_000)])
      const [adjust] = await allEntries(ann)
      expect(adjust).toMatchObject({ type: 'adjust', weightG: 3000, gramsCo2e: 3460 })
      expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: drop.points + adjust.points, pointsBalance: drop.points + adjust.points })
      expect(await kg()).toMatchObject({ myValue: 12, myCompleted: false })
      await decide('confirm')
      expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: 0, pointsBalance: drop.points + adjust.points + 40 })
      expect(await kg()).toMatchObject({ myValue: 12, myCompleted: true, myBonusPaid: true })
    })

    it('reversing a drop weighed up takes back the drop and its correction, and frees all their room', async () => {
      const kg = await challenge('recyclingKg', 20)
      await ann.ok('checkIn', await scanned(9))
      await rowsOf(h, bin, 'weights', [weighing('w-up', 12_000)])
      await decide('reverse')
      expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: 0, pointsBalance: 0, gramsCo2eTotal: 0 })
      expect(await paper()).toBe(0)
      expect((await kg()).myValue).toBe(0)
      later()
      expect((await ann.ok('checkIn', await scanned(10))).entry.gramsCo2e).toBe(34_600)
    })

    it('credits the weighing of a drop an organizer reversed as a drop of its own', async () => {
      await ann.ok('checkIn', await scanned(9))
      await decide('reverse')
      const [row] = await rowsOf(h, bin, 'weights', [weighing('w-after', 12_000)])
      const [entry] = await allEntries(ann)
      expect(entry).toMatchObject({ id: row.ref, type: 'checkin', gramsCo2e: 34_600, weightG: 12_000, evidence: 'scale' })
      expect(await paper()).toBe(34_600)
    })

    it('reversing a drop weighed down takes back only what is left of it', async () => {
      const kg = await challenge('recyclingKg', 20)
      const drop = (await ann.ok('checkIn', await scanned(9))).entry
      await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 1, stationCode: 'ST-HQ01' })
      const glass = (await allEntries(ann))[0]
      await rowsOf(h, bin, 'weights', [weighing('w-down', 8500)])
      const [adjust] = await allEntries(ann)
      expect(adjust).toMatchObject({ type: 'adjust', weightG: -500, gramsCo2e: -1730 })
      expect((await ann.ok('getWallet')).wallet.pointsHeld).toBe(drop.points + adjust.points)
      await decide('reverse')
      expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: 0, pointsBalance: glass.points, gramsCo2eTotal: glass.gramsCo2e })
      expect(await paper()).toBe(0)
      expect((await kg()).myValue).toBe(1)
    })
  })

  // An adversarial pass over corrections: each test below was a hole a cheating resident could use (it failed
  // before its fix), named by what now holds.
  it('over-reporting a scanned drop does not keep a challenge bonus once the scale weighs it down below the target', async () => {
    await stockTreasury(boss, 10_000)
    const days = { startDay: '2026-11-29', endDay: '2026-12-05' }
    const { challenge: c } = await boss.ok('createChallenge', {
      title: 'kg',
      metric: 'recyclingKg',
      targetPerMember: 2,
      bonusPoints: 40,
      budgetPoints: 40,
      ...days,
    })
    await ann.ok('joinChallenge', { challengeId: c.id })
    // Claims 2.5 kg (a display code proves presence, not weight): completes at once, the bonus is paid.
    const drop = (await ann.ok('checkIn', await scanned(2.5))).entry
    expect((await ann.ok('getChallenge', { challengeId: c.id })).challenge).toMatchObject({ myCompleted: true, myBonusPaid: true })
    h.clock.ms += 5 * 60_000
    // The bin weighs the bag: 0.5 kg. Progress drops to 0.5 of 2 kg; the drop goes to review, holding the bonus.
    await rowsOf(h, bin, 'weights', [weighing('w-down', 500)])
    const adjust = (await allEntries(ann)).find((e) => e.type === 'adjust' && e.ref === drop.id)
    expect(adjust).toMatchObject({ weightG: -2000 })
    const [item] = (await boss.ok('listReviewQueue', {})).items
    expect(item).toMatchObject({ entry: { id: drop.id }, reasons: ['weighed_below_completion'] })
    const standing = drop.points + adjust!.points
    expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsBalance: standing + 40, pointsHeld: standing + 40 })
    // Reversed, the drop and the bonus it paid are both taken back.
    await boss.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
    expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsBalance: 0, pointsHeld: 0 })
  })

  it('spending a scanned drop’s points before the scale weighs it down: the room they took is not given back to earn them again', async () => {
    // 7 kg claimed (below the near-cap review), spent at once; the bag weighs 1 kg.
    const first = (await ann.ok('checkIn', await scanned(7))).entry
    expect(first.gramsCo2e).toBe(24_220)
    await spend(first.points)
    h.clock.ms += 5 * 60_000
    await rowsOf(h, bin, 'weights', [weighing('w-1', 1000)])
    // Again after the window: the cap room the weigh-down gave back is there to fill.
    later()
    const second = (await ann.ok('checkIn', await scanned(7))).entry
    // The spent points could not be taken back, so their grams keep their room: the second drop fills only what is
    // left of the 34,600 g paper cap, and the day's paper points stay within the cap's (what any over-report at a
    // station without a scale can reach, no more).
    expect(second.gramsCo2e).toBe(34_600 - 24_220)
    const paper = (await allEntries(ann)).filter((e) => e.factorId === 'recycling.paper' && e.day === first.day)
    const points = paper.reduce((s, e) => s + e.points, 0)
    expect(points).toBeLessThanOrEqual(34_600 / 10)
    // The ledger still says what the scale weighed of the first drop.
    expect(paper.filter((e) => e.ref === first.id).map((e) => e.gramsCo2e)).toEqual([3_460 - 24_220])
  })

  it('a weigh-down of a spent drop never takes points another review holds (spendable stays ≥ 0, the audit holds)', async () => {
    // Paper 9 kg: near the cap, reviewed, its points held.
    const held = (await ann.ok('checkIn', await scanned(9))).entry
    h.clock.ms += 60_000
    const { code } = await boss.ok('stationDisplayCode', { stationCode: 'ST-HQ01' })
    const glass = (await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'glass', weightKg: 4, stationCode: 'ST-HQ01', displayCode: code }))
      .entry
    expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: held.points, pointsBalance: held.points + glass.points })
    await spend(glass.points)
    h.clock.ms += 60_000
    await rowsOf(h, bin, 'weights', [weighing('w-glass', 500, { material: 'glass' })])
    const w = (await ann.ok('getWallet')).wallet
    expect(w.pointsBalance).toBeGreaterThanOrEqual(w.pointsHeld)
  })

  it('typing a drop just before the bin weighs the same bag does not credit it twice: the weighing replaces the typed drop', async () => {
    const typed = (await ann.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' })).entry
    expect(typed.evidence).toBe('self-reported')
    h.clock.ms += 60_000
    await rowsOf(h, bin, 'weights', [weighing('w-same-bag', 1000)])
    // One bag of 1 kg: 3,460 g, however it was reported; the typed drop is reversed and the weighing stands.
    expect((await ann.ok('getWallet')).today.gramsCo2e).toBe(3460)
    const entries = await allEntries(ann)
    expect(entries.filter((e) => e.ref === typed.id).map((e) => ({ type: e.type, gramsCo2e: e.gramsCo2e }))).toEqual([
      { type: 'adjust', gramsCo2e: -typed.gramsCo2e },
    ])
    expect(entries.filter((e) => e.type === 'checkin' && e.evidence === 'scale').map((e) => e.gramsCo2e)).toEqual([3460])
    // A second weighing of another bag in the window replaces nothing more: it is a drop of its own.
    h.clock.ms += 60_000
    await rowsOf(h, bin, 'weights', [weighing('w-next-bag', 1000)])
    expect((await ann.ok('getWallet')).today.gramsCo2e).toBe(2 * 3460)
  })
})
