import { sqliteOnly } from '../support/database'
import { inTransaction } from '../../mock/function'
import { appendEntry } from '../../mock/wallet/ledger'
import { VERIFY_PAGE_ENTRIES } from '../../mock/wallet/verifyLedger'
import { bike, harness, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(() => h.close())

describe('listLedger', () => {
  it('pages newest first with an opaque cursor until null', async () => {
    const a = await h.as('alice')
    for (let i = 0; i < 5; i++) await a.ok('checkIn', bike(1 + i / 10))
    const p1 = await a.ok('listLedger', { limit: 2 })
    expect(p1.entries.map((e: any) => e.seq)).toEqual([5, 4])
    const p2 = await a.ok('listLedger', { limit: 2, cursor: p1.nextCursor })
    expect(p2.entries.map((e: any) => e.seq)).toEqual([3, 2])
    const p3 = await a.ok('listLedger', { limit: 2, cursor: p2.nextCursor })
    expect(p3).toMatchObject({ entries: [{ seq: 1 }], nextCursor: null })
    expect((await a.ok('listLedger')).entries).toHaveLength(5)
  })

  it('rejects bad limits and cursors', async () => {
    const a = await h.as('alice')
    for (const data of [{ limit: 0 }, { limit: 51 }, { limit: 2.5 }, { cursor: 'garbage' }, { cursor: 5 }]) {
      expect(await a.error('listLedger', data)).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
    }
  })

  it('shows a caller only their own entries', async () => {
    const a = await h.as('alice')
    const b = await h.as('bob')
    await a.ok('checkIn', bike(2))
    expect((await b.ok('listLedger')).entries).toHaveLength(0)
  })
})

describe('getWallet', () => {
  it('reports totals, today, and the streak of Shanghai days', async () => {
    const a = await h.as('alice')
    // each ride checked in on its own day (the clock walks forward to today)
    const today = h.clock.ms
    for (const daysAgo of [4, 2, 1, 0]) {
      h.clock.ms = today - daysAgo * 86400000
      await a.ok('checkIn', bike(2, { occurredAt: new Date(h.clock.ms).toISOString() }))
    }
    const w = await a.ok('getWallet')
    expect(w).toEqual({
      wallet: { gramsCo2eTotal: 264, pointsBalance: 24, pointsEarned: 24, pointsSpent: 0, pointsHeld: 0 },
      today: { day: '2026-11-29', gramsCo2e: 66, points: 6 },
      streakDays: 3,
      todayByFactor: [{ factorId: 'travel.bike', gramsCo2e: 66 }],
    })
  })
})

describe('verifyLedger', () => {
  sqliteOnly('is ok for an honest chain and finds the first entry changed behind its back', async () => {
    const a = await h.as('alice')
    for (let i = 0; i < 4; i++) await a.ok('checkIn', bike(2 + i))
    const good = await a.ok('verifyLedger')
    expect(good).toMatchObject({ ok: true, entries: 4 })
    expect(good.headHash).toBe((await a.ok('listLedger', { limit: 1 })).entries[0].hash)

    const db = (h.cloud.store as any).sqlite.db
    expect(() => db.prepare('UPDATE entries SET points = 999 WHERE seq = 3').run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM entries').run()).toThrow(/append-only/)
    // An attacker with raw database access drops the guard: verification still catches it.
    db.exec('DROP TRIGGER entries_append_only_update')
    db.prepare('UPDATE entries SET points = 999 WHERE seq = 3 AND openid = ?').run(a.openid)
    expect(await a.ok('verifyLedger')).toMatchObject({ ok: false, firstBadSeq: 3 })
    // …and so does the economy audit: 999 points that no carbon backs
    h.tampered()
    const audit = await (await h.as('organizer')).ok('auditEconomy')
    expect(audit.ok).toBe(false)
    expect(audit.checks.filter((c: any) => !c.ok).map((c: any) => c.name)).toEqual(
      expect.arrayContaining(['check-in points backed by their grams (check-ins worth more)', 'balances = Σ of all entries']),
    )
  })

  sqliteOnly('reads a ledger longer than one page, carrying the chain and the sums across pages', async () => {
    const a = await h.as('alice')
    const length = 2 * VERIFY_PAGE_ENTRIES + 345
    await inTransaction(h.cloud.services, async (services) => {
      for (let i = 0; i < length; i++) {
        const grams = 20 + (i % 50)
        await appendEntry(services, a.openid, {
          type: 'checkin',
          gramsCo2e: grams,
          points: Math.floor(grams / services.methodology.gramsPerPoint),
          factorId: 'travel.walk',
          methodologyVersion: services.methodologyVersion,
          day: '2026-11-30',
        })
      }
    })
    const good = await a.ok('verifyLedger')
    expect(good).toMatchObject({ ok: true, entries: length })
    expect(good.headHash).toBe((await a.ok('listLedger', { limit: 1 })).entries[0].hash)
    // a break on the second page, right after a page boundary, is found there
    const db = (h.cloud.store as any).sqlite.db
    db.exec('DROP TRIGGER entries_append_only_update')
    const brokenSeq = VERIFY_PAGE_ENTRIES + 1
    db.prepare('UPDATE entries SET grams = grams + 1 WHERE seq = ? AND openid = ?').run(brokenSeq, a.openid)
    expect(await a.ok('verifyLedger')).toMatchObject({ ok: false, firstBadSeq: brokenSeq, entries: brokenSeq })
    h.tampered()
  })

  sqliteOnly('notices a wallet that no longer equals its entries', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', bike(2))
    ;(h.cloud.store as any).sqlite.db.prepare('UPDATE wallets SET points_balance = points_balance + 5, points_earned = points_earned + 5').run()
    expect((await a.ok('verifyLedger')).ok).toBe(false)
    h.tampered()
    const failed = (await (await h.as('organizer')).ok('auditEconomy')).checks.filter((c: any) => !c.ok)
    expect(failed.map((c: any) => [c.name, c.expected, c.actual])).toEqual([
      ['points issued = carbon points + budget spent', 6, 11],
      ['balances = Σ of all entries', 6, 11],
    ])
  })
})

describe('seeding', () => {
  it('never duplicates catalogue data when a database is opened again', async () => {
    const { mkdtempSync } = require('node:fs')
    const { join } = require('node:path')
    const { tmpdir } = require('node:os')
    const { createCloud } = require('../../mock/cloud')
    const { openSqlite } = require('../../mock/storage/sqlitePort')
    const dbPath = join(mkdtempSync(join(tmpdir(), 'glp-')), 'c.sqlite')
    for (let i = 0; i < 3; i++) await (await createCloud({ storage: openSqlite({ path: dbPath }) })).close()
    const c = await createCloud({ storage: openSqlite({ path: dbPath }) })
    const counts = c.store.sqlite.db
      .prepare('SELECT (SELECT COUNT(*) FROM stations) s, (SELECT COUNT(*) FROM rewards) r, (SELECT COUNT(*) FROM factors) f')
      .get()
    expect(counts).toEqual({ s: 4, r: 3, f: 12 + 13 + 16 }) // the three methodology versions' factors
    await c.close()
  })
})
