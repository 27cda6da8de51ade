/**
 * listLedger with 1,000 vs 1,000,000 entries for one person: first page and a deep page (cursor paging
 * by seq should make both flat), and the database size per million entries.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inTransaction } from '../mock/function'
import { openSqlite, type SqlitePort } from '../mock/storage/sqlitePort'
import { createCloud } from '../mock/cloud'
import { appendEntry } from '../mock/wallet/ledger'
import { encodeCursor } from '../mock/wallet/listLedger'
import { addDays, shanghaiDay } from '../src/core/time'
import { percentile } from './stats'

export interface ScaleFigures {
  entries: number
  firstPageMs: number
  deepPageMs: number
  dbBytes: number
}

export async function ledgerScale(entries: number): Promise<ScaleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'glp-scale-'))
  const dbPath = join(dir, 's.sqlite')
  const cloud = await createCloud({ storage: openSqlite({ path: dbPath }), rateLimit: { burst: 0, perSecond: 1 }, devLogin: true })
  const login = ((await cloud.call('login', { code: 'dev:scale' })).body as any).result
  const today = shanghaiDay(Date.now())
  const BATCH = 50_000
  for (let start = 0; start < entries; start += BATCH) {
    await inTransaction(cloud.services, async (services) => {
      for (let i = start; i < Math.min(entries, start + BATCH); i++) {
        await appendEntry(services, login.openid, {
          type: 'checkin',
          gramsCo2e: 20 + (i % 50),
          points: 2,
          factorId: 'travel.bike',
          day: addDays(today, -Math.floor((entries - i) / 200)),
        })
      }
    })
  }
  const db = (cloud.store as SqlitePort).sqlite.db
  db.pragma('wal_checkpoint(TRUNCATE)')
  const dbBytes = statSync(dbPath).size
  const time = async (data: object) => {
    const times: number[] = []
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now()
      const out = await cloud.call('listLedger', data, `Bearer ${login.token}`)
      const ms = performance.now() - t0
      if (out.status !== 200 || (out.body as any).result.entries.length !== 20) throw new Error('listLedger failed')
      if (i >= 10) times.push(ms)
    }
    times.sort((a, b) => a - b)
    return percentile(times, 50)
  }
  const figures = {
    entries,
    firstPageMs: await time({ limit: 20 }),
    deepPageMs: await time({ limit: 20, cursor: encodeCursor(Math.floor(entries / 2)) }),
    dbBytes,
  }
  await cloud.close()
  rmSync(dir, { recursive: true, force: true })
  return figures
}
