/**
 * Databases made by earlier code open under today's and upgrade in place. Release 1's (test/fixtures/release-1.sqlite,
 * written before migrations were recorded): the migrations are applied and recorded, every ledger verifies and
 * every balance is what release 1 left. a69e639's, the last made under two numberings (SQLite v12, MySQL v11;
 * test/fixtures/*-a69e639.*): renumbered to the one list, only what is new applied, every row intact.
 */
import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS } from '../../mock/storage/migrations'
import { MYSQL_MIGRATIONS } from '../../mock/storage/mysql/migrations'
import { openMysql } from '../../mock/storage/mysql/port'
import { SQLITE_MIGRATIONS } from '../../mock/storage/sqlite'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { MYSQL_MIGRATIONS as A69E639_MYSQL } from '../fixtures/a69e639/mysql-migrations'
import { FIXTURE_CHECKS } from '../fixtures/a69e639/rows'
import { freshMysqlDatabase, sqliteOnly } from '../support/database'
import { restoreDump, testMysqlServer } from '../support/mysqlFixture'
import { harness } from './harness'
import { dayCounters } from '../../mock/wallet/queries'

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name)
const allVersions = MIGRATIONS.map((m) => m.version)
/** The migrations a69e639 did not have: what its databases must apply, and nothing else. */
const AFTER_A69E639 = allVersions.filter((v) => v > 11)

// What release 1 reported for these residents when it made the fixture.
const RELEASE_1_WALLETS = {
  ann: { gramsCo2eTotal: 7472, pointsBalance: 597, pointsEarned: 747, pointsSpent: 150 },
  bo: { gramsCo2eTotal: 198, pointsBalance: 19, pointsEarned: 19, pointsSpent: 0 },
}

sqliteOnly('upgrades a release-1 database in place: migrations recorded, ledgers verify, balances unchanged', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'glp-upgrade-')), 'cloud.sqlite')
  copyFileSync(fixture('release-1.sqlite'), path)
  const storage = openSqlite({ path })
  expect(storage.sqlite.applied).toEqual(SQLITE_MIGRATIONS.map((m) => m.version))
  const h = await harness({ storage, organizers: ['boss'] })
  for (const [handle, wallet] of Object.entries(RELEASE_1_WALLETS)) {
    const me = await h.as(handle)
    expect((await me.ok('getWallet')).wallet).toEqual({ ...wallet, pointsHeld: 0 })
    expect(await me.ok('verifyLedger')).toMatchObject({ ok: true })
  }
  const ann = await h.as('ann')
  // The daily-cap counters were filled from release 1's ledger: each equals its check-ins' grams.
  const { entries } = await ann.ok('listLedger', { limit: 50 })
  for (const e of entries.filter((x: any) => x.type === 'checkin')) {
    expect((await dayCounters(storage, ann.openid, e.day, e.factorId)).factorGrams).toBe(e.gramsCo2e)
  }
  // …and the day totals across factors, their sums.
  const byDay = new Map<string, number>()
  for (const e of entries.filter((x: any) => x.type === 'checkin')) byDay.set(e.day, (byDay.get(e.day) ?? 0) + e.gramsCo2e)
  for (const [day, grams] of byDay) expect((await dayCounters(storage, ann.openid, day, 'none')).dayGrams).toBe(grams)
  expect((await ann.ok('listMyRedemptions')).redemptions).toHaveLength(1)
  expect((await ann.ok('listProjects')).projects[0]).toMatchObject({ raisedPoints: 100, myPoints: 100 })
  // The city's grams by evidence were filled from the ledger: release 1 knew only self-reported check-ins.
  const evidence = (await ann.ok('getCityDashboard')).evidence
  expect(evidence.find((l: any) => l.level === 'self-reported').gramsCo2e).toBe(RELEASE_1_WALLETS.ann.gramsCo2eTotal + RELEASE_1_WALLETS.bo.gramsCo2eTotal)
  expect(evidence.filter((l: any) => l.level !== 'self-reported').every((l: any) => l.gramsCo2e === 0)).toBe(true)
  // What v1.1 added works on the upgraded file.
  expect((await ann.ok('agreePrivacy', { version: 1 })).privacyVersion).toBe(1)
  await h.close()

  // Opened again: nothing left to apply, nothing changed.
  const again = openSqlite({ path })
  expect(again.sqlite.applied).toEqual([])
  const rows = again.sqlite.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()
  expect(rows).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })))
  await again.close()
})

function copied(name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'glp-upgrade-')), 'cloud.sqlite')
  copyFileSync(fixture(name), path)
  return path
}

sqliteOnly("upgrades a69e639's SQLite database (old numbering, v12): renumbered once, only the new migrations run, rows intact", async () => {
  const path = copied('sqlite-a69e639.sqlite')
  const storage = openSqlite({ path })
  expect(storage.sqlite.applied).toEqual(AFTER_A69E639)
  const db = storage.sqlite.db
  const recorded = db
    .prepare<[], { version: number; name: string; applied_at: string }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
    .all()
  expect(recorded.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]))
  // Old 1 and 2 became 1, old 12 became 11, each keeping when it was applied; 12 ran now.
  expect(recorded.slice(0, 11).map((r) => r.applied_at)).toEqual(Array(11).fill('2026-12-04T00:00:00.000Z'))
  expect(recorded[11].applied_at).not.toBe('2026-12-04T00:00:00.000Z')
  for (const { sql, want } of FIXTURE_CHECKS) expect(db.prepare(sql).get()).toEqual(want)
  await storage.close()
  const again = openSqlite({ path })
  expect(again.sqlite.applied).toEqual([])
  await again.close()
})

sqliteOnly("a SQLite database that recorded only the old first migration gets v1.1's tables from the new first one", async () => {
  const path = copied('release-1.sqlite')
  const old = new Database(path)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  old
    .prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)')
    .run('release 1: ledger, rewards, reviews, projects, groups, challenges', '2025-01-01T00:00:00.000Z')
  old.close()
  const storage = openSqlite({ path })
  expect(storage.sqlite.applied).toEqual(allVersions)
  expect(storage.sqlite.db.prepare("SELECT name FROM sqlite_schema WHERE name = 'privacy_agreements'").get()).toEqual({ name: 'privacy_agreements' })
  await storage.close()
})

it("today's MySQL text of migrations 1-11 is a69e639's, so its databases need none of them again", () => {
  const words = (statements: string[]) => statements.map((s) => s.replace(/\s+/g, ' ').trim())
  expect(MYSQL_MIGRATIONS.slice(0, A69E639_MYSQL.length).map((m) => [m.version, m.name, words(m.statements)])).toEqual(
    A69E639_MYSQL.map((m) => [m.version, m.name, words(m.statements)]),
  )
})

// In both projects: `node` finds the server itself, so `--selectProjects node` still checks MySQL's upgrade.
it("upgrades a69e639's MySQL database (v11) in place: only the new migrations run, rows intact", async () => {
  const server = await testMysqlServer()
  if (!server) return console.warn('upgrade.test.ts: no MySQL server answered; the MySQL upgrade was not checked')
  const fresh = await freshMysqlDatabase(undefined, server)
  try {
    await restoreDump(fresh.url, fixture('mysql-a69e639.sql'))
    const store = await openMysql({ url: fresh.url })
    try {
      expect(store.applied).toEqual(AFTER_A69E639)
      const [recorded] = (await store.pool.query('SELECT version, name FROM schema_migrations ORDER BY version')) as unknown as [
        { version: number; name: string }[],
      ]
      expect(recorded.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]))
      for (const { sql, want } of FIXTURE_CHECKS) {
        const [rows] = (await store.pool.query(sql)) as unknown as [Record<string, unknown>[]]
        expect({ ...rows[0] }).toEqual(want)
      }
    } finally {
      await store.close()
    }
    const again = await openMysql({ url: fresh.url })
    expect(again.applied).toEqual([])
    await again.close()
  } finally {
    await fresh.drop()
  }
})
