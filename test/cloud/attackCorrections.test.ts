/**
 * An adversarial pass over a scale's corrections (the `weights` feed): each test was a hole a cheating resident could
 * use (it failed before its fix), now named by what holds. Setup as partnerWeights.test.ts.
 */
import { WEIGHING_MATCH_WINDOW_MS } from '../../src/core/feeds'
import { allEntries, harness, rid, stockTreasury, type Caller, type Harness } from './harness'
import { linkedResident, registered, rowsOf, type Signed } from './partnerSend'

const GRAMS_PER_POINT = 10

describe('attacks on a scale’s corrections', () => {
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
    expect(points).toBeLessThanOrEqual(34_600 / GRAMS_PER_POINT)
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
