/**
 * A database made by release 1 (test/fixtures/release-1.sqlite, written by that release's own code before
 * migrations were recorded) opens under today's code: the migrations are applied and recorded, every ledger
 * verifies and every balance is what release 1 left.
 */
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SQLITE_MIGRATIONS } from '../../mock/storage/sqlite'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { sqliteOnly } from '../support/database'
import { harness } from './harness'
import { dayCounters } from '../../mock/wallet/queries'

// What release 1 reported for these residents when it made the fixture.
const RELEASE_1_WALLETS = {
  ann: { gramsCo2eTotal: 7472, pointsBalance: 597, pointsEarned: 747, pointsSpent: 150 },
  bo: { gramsCo2eTotal: 198, pointsBalance: 19, pointsEarned: 19, pointsSpent: 0 },
}

sqliteOnly('upgrades a release-1 database in place: migrations recorded, ledgers verify, balances unchanged', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'glp-upgrade-')), 'cloud.sqlite')
  copyFileSync(join(__dirname, '..', 'fixtures', 'release-1.sqlite'), path)
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
