import fc from 'fast-check'
import { walletFromEntries } from '../../src/core/ledger'
import { allEntries, bike, harness, NOW, rid, snapshot, type Harness, trip } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(() => h.close())

const HOUR = 3600 * 1000

describe('checkIn: travel', () => {
  it('credits a bike trip with the factor that computed it', async () => {
    const a = await h.as('alice')
    const out = await a.ok('checkIn', bike(5, { durationMin: 20 }))
    expect(out.capped).toBe(false)
    expect(out.entry).toMatchObject({
      seq: 1,
      type: 'checkin',
      gramsCo2e: 165,
      points: 16,
      factorId: 'travel.bike',
      sourceVersion: 'Hellobike standard, 2022',
      methodologyVersion: '2026.3',
      day: '2026-11-29',
      distanceM: 5000,
      durationS: 1200,
      prevHash: '0'.repeat(64),
    })
    expect(out.entry.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(out.wallet).toEqual({ gramsCo2eTotal: 165, pointsBalance: 16, pointsEarned: 16, pointsSpent: 0, pointsHeld: 0 })
  })

  it('refuses an implausible speed and writes nothing', async () => {
    const a = await h.as('alice')
    const err = await a.error('checkIn', bike(30, { durationMin: 20 })) // 90 km/h on a bike
    expect(err).toMatchObject({ status: 422, code: 'IMPLAUSIBLE' })
    expect(err.message).toMatch(/90 km\/h/)
    expect((await snapshot(a)).entries).toHaveLength(0)
  })

  it('clips at the daily cap, then answers DAILY_CAP_REACHED, per factor and per Shanghai day', async () => {
    const a = await h.as('alice')
    const walk = (km: number, extra = {}) => trip('walk', km, extra)
    expect((await a.ok('checkIn', walk(10))).entry.gramsCo2e).toBe(230)
    const clipped = await a.ok('checkIn', walk(5))
    expect(clipped).toMatchObject({ capped: true, entry: { gramsCo2e: 66, points: 6 } })
    expect(await a.error('checkIn', walk(1))).toMatchObject({ code: 'DAILY_CAP_REACHED', status: 422 })
    // another factor has its own cap
    expect((await a.ok('checkIn', bike(1))).entry.gramsCo2e).toBe(33)
    // yesterday (Shanghai) has its own cap too: 23:30 on the 28th in Shanghai
    const yesterday = await a.ok('checkIn', walk(1, { occurredAt: '2026-11-28T23:30:00+08:00' }))
    expect(yesterday.entry.day).toBe('2026-11-28')
    // …and 00:10 on the 29th is today, already capped
    expect((await a.error('checkIn', walk(1, { occurredAt: '2026-11-28T16:10:00Z' }))).code).toBe('DAILY_CAP_REACHED')
    const w = await a.ok('getWallet')
    expect(w.today).toEqual({ day: '2026-11-29', gramsCo2e: 296 + 33, points: 23 + 6 + 3 })
  })

  it('keeps the occurredAt window: not over 5 minutes ahead, not older than 48 hours (MAX_BACKDATE_HOURS)', async () => {
    const a = await h.as('alice')
    const iso = (ms: number) => new Date(ms).toISOString()
    expect((await a.ok('checkIn', bike(1, { occurredAt: iso(NOW + 4 * 60 * 1000) }))).entry.day).toBe('2026-11-29')
    expect(await a.error('checkIn', bike(1, { occurredAt: iso(NOW + 6 * 60 * 1000) }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/future/),
    })
    expect((await a.ok('checkIn', bike(1, { occurredAt: iso(NOW - 48 * HOUR + 60000) }))).entry.day).toBe('2026-11-27')
    expect(await a.error('checkIn', bike(1, { occurredAt: iso(NOW - 48 * HOUR - 60000) }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/48 hours/),
    })
    // The window is the cloud's setting, and getMethodology publishes it.
    expect((await a.ok('getMethodology')).rules).toMatchObject({ maxBackdateHours: 48, travelNeedsDuration: true, dailyTotalGrams: 36380 })
    const week = await harness({ maxBackdateHours: 168 })
    const b = await week.as('bob')
    expect((await b.ok('checkIn', bike(1, { occurredAt: iso(NOW - 7 * 24 * HOUR + 60000) }))).entry.day).toBe('2026-11-22')
    expect((await b.ok('getMethodology')).rules.maxBackdateHours).toBe(168)
    await week.close()
  })

  it('needs a duration for travel, and refuses a trip that overlaps an earlier one, naming it', async () => {
    const a = await h.as('alice')
    const iso = (ms: number) => new Date(ms).toISOString()
    const noDuration = await a.error('checkIn', { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm: 3 })
    expect(noDuration).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400, message: expect.stringMatching(/durationMin is required for travel/) })
    // 08:00–08:30 by bus, then a bike trip claimed for 08:20–08:40: one person, one trip at a time
    const bus = (await a.ok('checkIn', trip('bus', 8, { durationMin: 30, occurredAt: '2026-11-29T08:30:00+08:00' }))).entry
    const clash = await a.error('checkIn', trip('bike', 4, { durationMin: 20, occurredAt: '2026-11-29T08:40:00+08:00' }))
    expect(clash).toMatchObject({ code: 'TRIP_OVERLAP', status: 409 })
    expect(clash.message).toContain(bus.id)
    expect(clash.message).toContain('11-29 08:00–11-29 08:30')
    // back to back is fine; so is an earlier trip that ends when the bus left
    await a.ok('checkIn', trip('bike', 4, { durationMin: 20, occurredAt: '2026-11-29T08:50:00+08:00' }))
    await a.ok('checkIn', trip('walk', 1, { durationMin: 15, occurredAt: '2026-11-29T08:00:00+08:00' }))
    expect((await a.error('checkIn', trip('metro', 5, { durationMin: 10, occurredAt: iso(Date.parse('2026-11-29T08:45:00+08:00')) }))).code).toBe(
      'TRIP_OVERLAP',
    )
    expect((await snapshot(a)).entries).toHaveLength(3)
  })
})

describe('checkIn: recycling', () => {
  const drop = (extra: Record<string, unknown>) => ({
    requestId: rid(),
    kind: 'recycling',
    material: 'cardboard',
    weightKg: 2.5,
    stationCode: 'ST-HQ01',
    ...extra,
  })

  it('credits by material and weight at a known station', async () => {
    const a = await h.as('alice')
    const out = await a.ok('checkIn', drop({}))
    expect(out.entry).toMatchObject({ gramsCo2e: 8650, points: 865, factorId: 'recycling.cardboard', weightG: 2500, stationCode: 'ST-HQ01' })
  })

  it('answers NOT_FOUND for an unknown station and INVALID_ARGUMENT for a material it does not take', async () => {
    const a = await h.as('alice')
    expect(await a.error('checkIn', drop({ stationCode: 'ST-NOPE' }))).toMatchObject({ code: 'NOT_FOUND', status: 404 })
    expect(await a.error('checkIn', drop({ stationCode: 'ST-SC04' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/does not take cardboard/),
    })
    expect((await snapshot(a)).entries).toHaveLength(0)
  })
})

describe('exactly once', () => {
  it('returns the same entry for the same requestId and payload, credited once', async () => {
    const a = await h.as('alice')
    const req = bike(5)
    const first = await a.ok('checkIn', req)
    const second = await a.ok('checkIn', { ...req })
    expect(second.entry).toEqual(first.entry)
    expect(second.wallet.pointsBalance).toBe(16)
    expect((await snapshot(a)).entries).toHaveLength(1)
  })

  it('answers CONFLICT for a reused requestId with a different payload', async () => {
    const a = await h.as('alice')
    const req = bike(5)
    await a.ok('checkIn', req)
    expect(await a.error('checkIn', { ...req, distanceKm: 6 })).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect((await snapshot(a)).wallet.pointsBalance).toBe(16)
  })

  it('lets different callers use the same requestId without colliding', async () => {
    const a = await h.as('alice')
    const b = await h.as('bob')
    const req = bike(5)
    await a.ok('checkIn', req)
    expect((await b.ok('checkIn', req)).entry.seq).toBe(1)
    expect((await snapshot(b)).wallet.pointsBalance).toBe(16)
  })

  it('writes one entry when 200 identical check-ins arrive at once', async () => {
    const a = await h.as('alice')
    const req = bike(3)
    const results = await Promise.all(Array.from({ length: 200 }, () => Promise.resolve().then(() => a.call('checkIn', req))))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(new Set(results.map((r) => r.body.result.entry.id)).size).toBe(1)
    expect((await snapshot(a)).entries).toHaveLength(1)
    expect((await a.ok('getWallet')).wallet.pointsBalance).toBe(9)
  })

  it('ignores nothing and trusts nothing from the payload: a forged openid is refused and no wallet moves', async () => {
    const a = await h.as('alice')
    const b = await h.as('bob')
    const err = await a.error('checkIn', { ...bike(5), openid: b.openid })
    expect(err.code).toBe('INVALID_ARGUMENT')
    expect(err.message).toMatch(/openid/)
    expect((await a.error('checkIn', { ...bike(5), userId: b.openid })).code).toBe('INVALID_ARGUMENT')
    expect((await a.error('checkIn', { ...bike(5), roles: ['organizer'] })).code).toBe('INVALID_ARGUMENT')
    expect((await snapshot(a)).entries).toHaveLength(0)
    expect((await snapshot(b)).entries).toHaveLength(0)
  })
})

describe('bad input', () => {
  const CONTRACT_CODES = new Set(['INVALID_ARGUMENT', 'NOT_FOUND', 'IMPLAUSIBLE', 'DAILY_CAP_REACHED', 'CONFLICT', 'TRIP_OVERLAP'])

  it.each([
    ['missing requestId', { kind: 'travel', mode: 'bike', distanceKm: 1 }],
    ['short requestId', { requestId: 'abc', kind: 'travel', mode: 'bike', distanceKm: 1 }],
    ['unknown kind', { requestId: 'abcdefgh', kind: 'flying', mode: 'bike', distanceKm: 1 }],
    ['unknown mode', { requestId: 'abcdefgh', kind: 'travel', mode: 'plane', distanceKm: 1 }],
    ['string distance', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: '5' }],
    ['negative distance', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: -1 }],
    ['zero distance', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: 0 }],
    ['huge distance', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: 501 }],
    ['NaN distance', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: NaN }],
    ['Infinity distance', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: Infinity }],
    ['long duration', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: 1, durationMin: 1441 }],
    ['weight on travel', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: 1, weightKg: 1 }],
    ['heavy drop', { requestId: 'abcdefgh', kind: 'recycling', material: 'paper', weightKg: 101, stationCode: 'ST-HQ01' }],
    ['no station', { requestId: 'abcdefgh', kind: 'recycling', material: 'paper', weightKg: 1 }],
    ['bad occurredAt', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: 1, occurredAt: 'yesterday' }],
    ['local occurredAt', { requestId: 'abcdefgh', kind: 'travel', mode: 'bike', distanceKm: 1, occurredAt: '2026-11-29T08:00:00' }],
    ['array', [1, 2]],
    ['null', null],
    ['string', 'checkIn'],
    ['too small to earn', { requestId: 'abcdefgh', kind: 'travel', mode: 'walk', distanceKm: 0.001 }],
  ])('%s → INVALID_ARGUMENT, nothing written', async (_name, data) => {
    const a = await h.as('alice')
    const err = await a.error('checkIn', data)
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
    expect(err.message.length).toBeGreaterThan(5)
    expect((await snapshot(a)).entries).toHaveLength(0)
  })

  it('answers random payloads only with contract errors and leaves the ledger as it was (property)', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', bike(2))
    const before = await snapshot(a)
    const value = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined))
    const payload = fc.oneof(
      fc.anything(),
      fc.record(
        {
          requestId: fc.oneof(fc.string(), fc.constant('abcdefgh-1')),
          kind: fc.oneof(fc.constantFrom('travel', 'recycling'), fc.string()),
          mode: fc.oneof(fc.constantFrom('walk', 'bike', 'metro'), value),
          material: fc.oneof(fc.constantFrom('paper', 'glass'), value),
          distanceKm: fc.oneof(fc.double(), value),
          weightKg: fc.oneof(fc.double({ min: -1, max: 200 }), value),
          stationCode: fc.oneof(fc.constantFrom('ST-HQ01', 'X'), value),
          durationMin: fc.oneof(fc.double({ max: 0 }), value),
          occurredAt: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            value,
          ),
          openid: value,
        },
        { requiredKeys: ['kind', 'openid'] },
      ),
    )
    await fc.assert(
      fc.asyncProperty(payload, async (data) => {
        const out = await a.call('checkIn', data)
        expect(out.status).not.toBe(500)
        expect(out.status).not.toBe(200)
        expect(CONTRACT_CODES.has(out.body.error.code)).toBe(true)
        expect(typeof out.body.error.message).toBe('string')
      }),
      { numRuns: 500 },
    )
    expect(await snapshot(a)).toEqual(before)
  })
})

describe('ledger invariants', () => {
  it('keeps wallet = Σ entries, seq without gaps, and a valid chain after random sequences (property)', async () => {
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('travel'),
        mode: fc.constantFrom('walk', 'bike', 'bus', 'metro', 'ev', 'carpool'),
        distanceKm: fc.double({ min: 0.05, max: 60, noNaN: true }),
        durationMin: fc.integer({ min: 1, max: 600 }),
      }),
      fc.record({
        kind: fc.constant('recycling'),
        material: fc.constantFrom('paper', 'plastic', 'metal', 'glass', 'textile', 'cardboard'),
        weightKg: fc.double({ min: 0.05, max: 20, noNaN: true }),
        stationCode: fc.constant('ST-HQ01'),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(action, fc.integer({ min: 0, max: 47 })), { minLength: 1, maxLength: 30 }), async (actions) => {
        const local = await harness()
        const a = await local.as('alice')
        for (const [act, hoursAgo] of actions) {
          await a.call('checkIn', { ...act, requestId: rid('p'), occurredAt: new Date(NOW - hoursAgo * HOUR).toISOString() })
        }
        const entries = await allEntries(a, 7)
        const { pointsHeld, ...wallet } = (await a.ok('getWallet')).wallet
        expect(wallet).toEqual(walletFromEntries([...entries].reverse()))
        expect(pointsHeld).toBeGreaterThanOrEqual(0)
        expect(pointsHeld).toBeLessThanOrEqual(wallet.pointsBalance)
        expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: entries.length }, (_, i) => entries.length - i))
        const perFactorDay = new Map<string, number>()
        for (const e of entries) perFactorDay.set(`${e.factorId}/${e.day}`, (perFactorDay.get(`${e.factorId}/${e.day}`) ?? 0) + e.gramsCo2e)
        const m = await a.ok('getMethodology')
        for (const [key, grams] of perFactorDay) {
          const cap = m.factors.find((f: any) => f.id === key.split('/')[0]).dailyCapGrams
          expect(grams).toBeLessThanOrEqual(cap)
        }
        expect(await a.ok('verifyLedger')).toMatchObject({ ok: true, entries: entries.length })
        await local.close()
      }),
      { numRuns: 25 },
    )
  })
})
