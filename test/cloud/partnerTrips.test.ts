/** Operators' trips over the partner API (issue 24): credited at evidence 'operator' under a resident's own rules. */
import { allEntries, harness, rid, type Caller, type Harness } from './harness'
import { linkedResident, registered, rowsOf, send, type Signed } from './partnerSend'

/** A ride between two Shanghai clock times of the harness's day (2026-11-29, now 10:00). */
const ride = (rowId: string, partnerUserId: string, mode: string, distanceKm: number, from: string, to: string) => ({
  rowId,
  partnerUserId,
  mode,
  distanceKm,
  startedAt: `2026-11-29T${from}:00+08:00`,
  endedAt: `2026-11-29T${to}:00+08:00`,
})

/** A resident's own trip between the same clock times. */
const ownTrip = (mode: string, distanceKm: number, from: string, to: string) => {
  const ms = (t: string) => Date.parse(`2026-11-29T${t}:00+08:00`)
  return { requestId: rid(), kind: 'travel', mode, distanceKm, durationMin: (ms(to) - ms(from)) / 60_000, occurredAt: `2026-11-29T${to}:00+08:00` }
}

describe('partner trips', () => {
  let h: Harness
  let boss: Caller
  let bike: Signed
  let nav: Signed
  let ann: Caller
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'] })
    boss = await h.as('boss')
    bike = await registered(boss, 'Hello Bike', 'bikeshare', ['trips'])
    nav = await registered(boss, 'Amap', 'navigation', ['trips'])
    ann = await linkedResident(h, 'ann', [
      { partner: bike, partnerUserId: 'hb-42' },
      { partner: nav, partnerUserId: 'amap-7' },
    ])
  })
  afterEach(async () => {
    // Every chain still verifies and the economy's books balance, whatever the test did.
    expect((await ann.ok('verifyLedger')).ok).toBe(true)
    expect((await boss.ok('auditEconomy')).ok).toBe(true)
    await h.close()
  })

  it('credit a ride at evidence operator with the factor’s grams; a re-sent batch changes nothing', async () => {
    const batch = [ride('hb-trip-1', 'hb-42', 'bike', 5, '08:00', '08:30')]
    const [first] = await rowsOf(h, bike, 'trips', batch)
    expect(first).toMatchObject({ rowId: 'hb-trip-1', status: 'accepted', ref: expect.stringMatching(/^e_/) })
    const [entry] = await allEntries(ann)
    expect(entry).toMatchObject({
      id: first.ref,
      type: 'checkin',
      factorId: 'travel.bike',
      gramsCo2e: 5 * 33,
      distanceM: 5000,
      durationS: 1800,
      evidence: 'operator',
    })
    const wallet = (await ann.ok('getWallet')).wallet
    expect(wallet).toMatchObject({ gramsCo2eTotal: 165, pointsBalance: entry.points })
    expect(await rowsOf(h, bike, 'trips', batch)).toEqual([{ rowId: 'hb-trip-1', status: 'duplicate', ref: first.ref }])
    expect((await ann.ok('getWallet')).wallet).toEqual(wallet)
    expect(await allEntries(ann)).toHaveLength(1)
  })

  it('refuse a user nobody linked, one who unlinked, a partner not given the feed, and an implausible speed', async () => {
    expect(await rowsOf(h, bike, 'trips', [ride('t1', 'stranger', 'bike', 3, '08:00', '08:20')])).toEqual([
      expect.objectContaining({ status: 'refused', code: 'NOT_FOUND' }),
    ])
    await ann.ok('unlinkPartner', { partnerId: bike.partnerId })
    expect(await rowsOf(h, bike, 'trips', [ride('t2', 'hb-42', 'bike', 3, '08:00', '08:20')])).toEqual([
      expect.objectContaining({ status: 'refused', code: 'NOT_FOUND' }),
    ])
    const linkOnly = await registered(boss, 'Metro Card', 'transit', [])
    expect((await send(h, linkOnly, 'trips', { rows: [ride('t3', 'x', 'bus', 3, '08:00', '08:20')] })).body).toMatchObject({
      error: { code: 'PERMISSION_DENIED' },
    })
    expect(await rowsOf(h, nav, 'trips', [ride('t4', 'amap-7', 'bike', 30, '08:00', '08:20')])).toEqual([
      expect.objectContaining({ status: 'refused', code: 'IMPLAUSIBLE' }),
    ])
    // Too old to credit, as a resident's own trip would be.
    const old = { ...ride('t5', 'amap-7', 'bike', 3, '08:00', '08:20'), startedAt: '2026-11-26T08:00:00+08:00', endedAt: '2026-11-26T08:20:00+08:00' }
    expect(await rowsOf(h, nav, 'trips', [old])).toEqual([expect.objectContaining({ status: 'refused', code: 'INVALID_ARGUMENT' })])
    expect(await allEntries(ann)).toHaveLength(0)
  })

  it('let a registration give trips only to operators that see rides', async () => {
    expect((await boss.error('registerPartner', { name: 'Bin', kind: 'bin', feeds: ['trips'] })).code).toBe('INVALID_ARGUMENT')
    expect((await boss.error('registerPartner', { name: 'Shop', kind: 'merchant', feeds: ['trips'] })).code).toBe('INVALID_ARGUMENT')
  })

  it('supersede an overlapping self-report by an adjust entry, freeing its cap room; a later overlapping self-report is refused', async () => {
    // A self-reported 30 km ride fills the day's bike cap (990 g)…
    const own = (await ann.ok('checkIn', ownTrip('bike', 30, '07:00', '08:40'))).entry
    expect(own.gramsCo2e).toBe(990)
    // …and the operator's 10 km over the same time wins: the self-report is reversed and the cap room it used is free.
    const [row] = await rowsOf(h, bike, 'trips', [ride('hb-9', 'hb-42', 'bike', 10, '07:10', '08:00')])
    expect(row.status).toBe('accepted')
    const [credit, adjust, original] = await allEntries(ann)
    expect(original).toEqual(own)
    expect(adjust).toMatchObject({ type: 'adjust', ref: own.id, gramsCo2e: -990, points: -own.points, factorId: 'travel.bike' })
    expect(credit).toMatchObject({ id: row.ref, type: 'checkin', gramsCo2e: 330, evidence: 'operator' })
    const w = await ann.ok('getWallet')
    expect(w.wallet).toMatchObject({ gramsCo2eTotal: 330, pointsBalance: credit.points })
    expect(w.today).toMatchObject({ gramsCo2e: 330, points: credit.points })
    const later = await ann.error('checkIn', ownTrip('bike', 2, '07:50', '08:05'))
    expect(later).toMatchObject({ code: 'TRIP_OVERLAP', reason: 'checkIn.tripOverlap' })
    // Outside the operator's trip the resident's own trips count as before, in the room the reversal freed.
    expect((await ann.ok('checkIn', ownTrip('bike', 5, '09:00', '09:30'))).entry.gramsCo2e).toBe(165)
  })

  it('close the review of a superseded self-report as reversed, releasing the points it held', async () => {
    // 9 km in 20 min is near a bike's top speed: credited, its points held for review.
    const own = (await ann.ok('checkIn', ownTrip('bike', 9, '08:00', '08:20'))).entry
    expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: own.points, pointsBalance: own.points })
    const [row] = await rowsOf(h, bike, 'trips', [ride('hb-5', 'hb-42', 'bike', 6, '08:00', '08:25')])
    expect(row.status).toBe('accepted')
    const [credit, adjust] = await allEntries(ann)
    expect(adjust).toMatchObject({ type: 'adjust', ref: own.id, gramsCo2e: -own.gramsCo2e, points: -own.points })
    expect((await ann.ok('getWallet')).wallet).toMatchObject({ pointsHeld: 0, pointsBalance: credit.points, gramsCo2eTotal: 198 })
    const queue = await boss.ok('listReviewQueue', { status: 'reversed' })
    expect(queue.items).toEqual([expect.objectContaining({ status: 'reversed', adjustEntryId: adjust.id, entry: expect.objectContaining({ id: own.id }) })])
  })

  it('count one ride two partners report once, and refuse a second overlapping ride from the same partner', async () => {
    const [fromBike] = await rowsOf(h, bike, 'trips', [ride('hb-1', 'hb-42', 'bike', 4, '08:00', '08:20')])
    const [fromNav] = await rowsOf(h, nav, 'trips', [ride('amap-1', 'amap-7', 'bike', 4.2, '08:01', '08:21')])
    expect(fromNav).toEqual({ rowId: 'amap-1', status: 'duplicate', ref: fromBike.ref })
    // Sent again it stays the same answer.
    expect(await rowsOf(h, nav, 'trips', [ride('amap-1', 'amap-7', 'bike', 4.2, '08:01', '08:21')])).toEqual([fromNav])
    const [twice] = await rowsOf(h, bike, 'trips', [ride('hb-2', 'hb-42', 'bike', 4, '08:10', '08:30')])
    expect(twice).toMatchObject({ status: 'refused', code: 'TRIP_OVERLAP' })
    expect(await allEntries(ann)).toHaveLength(1)
    expect((await ann.ok('getWallet')).wallet.gramsCo2eTotal).toBe(132)
  })

  it("apply the day's caps to operators' trips", async () => {
    const [big] = await rowsOf(h, bike, 'trips', [ride('hb-big', 'hb-42', 'bike', 40, '06:00', '07:30')])
    expect(big.status).toBe('accepted')
    const [entry] = await allEntries(ann)
    expect(entry.gramsCo2e).toBe(990)
    expect(await rowsOf(h, nav, 'trips', [ride('amap-more', 'amap-7', 'bike', 3, '08:00', '08:15')])).toEqual([
      expect.objectContaining({ status: 'refused', code: 'DAILY_CAP_REACHED' }),
    ])
  })
})
