/**
 * Memory of verifyLedger and of a whole paged exportMyData for one person at a small and a large ledger (1,000 vs
 * 1,000,000 entries by default). Each runs in a fresh process (./memoryProbe) so its peak RSS is its own. Both
 * page through the ledger, so the goal is flat: the ratio says how far from it they are. Peak RSS also counts the
 * garbage a thousand answers leave for V8 to collect when it sees fit; the heap retained after a full collection
 * says what the work keeps.
 *
 * Seeding a million entries through checkIn would take most of an hour, so the entries are written in bulk
 * into a throw-away SQLite file the cloud itself opened and migrated. They are real entries, hashed and chained
 * by src/core/ledger (./mysqlScale chainRows), and the wallet is their fold: both calls verify the chain.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createCloud } from '../mock/cloud'
import { openSqlite } from '../mock/storage/sqlitePort'
import { GENESIS_HASH } from '../src/core/ledger'
import { tempDb } from './cloud'
import { CHAIN_COLUMNS, chainRows } from './mysqlScale'

/** Rows per write transaction while seeding: large enough that COMMITs cost nothing, small enough to keep the WAL short. */
const SEED_ROWS_PER_TRANSACTION = 50_000
/** The large run's 1M entries would not fit the default ~4 GiB heap if the calls' arrays grow past it; room to measure, not to pass. */
const PROBE_HEAP_MIB = 8192

export interface ProbeFigures {
  fn: string
  elapsedMs: number
  /** calls made: 1 for verifyLedger, one per page for exportMyData */
  calls: number
  /** the largest answer as JSON */
  wireMiB: number
  heapAtReturnGrowthMiB: number
  /** heap still held after a full collection at return: what the work keeps, not the garbage it made on the way */
  heapRetainedGrowthMiB: number
  peakRssGrowthMiB: number
  baselineRssMiB: number
  peakReset: boolean
}

export interface MemoryFigures {
  entries: number
  seedMs: number
  verifyLedger: ProbeFigures
  exportMyData: ProbeFigures
}

/** A throw-away ledger of `entries` check-ins for the resident who logs in as dev:memory. */
async function seed(path: string, entries: number): Promise<void> {
  const port = openSqlite({ path })
  const cloud = await createCloud({ storage: port, rateLimit: { burst: 0, perSecond: 1 }, devLogin: true })
  const { openid } = ((await cloud.call('login', { code: 'dev:memory' })).body as any).result as { openid: string }
  const db = port.sqlite.db
  const insert = db.prepare(`INSERT INTO entries (${CHAIN_COLUMNS.join(', ')}) VALUES (${CHAIN_COLUMNS.map(() => '?').join(', ')})`)
  const batch = db.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(...row)
  })
  const rows = chainRows(openid, entries)
  let pending: unknown[][] = []
  let step = rows.next()
  for (; !step.done; step = rows.next()) {
    pending.push(step.value)
    if (pending.length === SEED_ROWS_PER_TRANSACTION) {
      batch(pending)
      pending = []
    }
  }
  batch(pending)
  const { wallet, head } = step.value
  db.prepare(
    `INSERT OR IGNORE INTO wallets (openid, grams_total, points_balance, points_earned, points_spent, head_seq, head_hash) VALUES (?, 0, 0, 0, 0, 0, ?)`,
  ).run(openid, GENESIS_HASH)
  db.prepare('UPDATE wallets SET grams_total = ?, points_balance = ?, points_earned = ?, points_spent = ?, head_seq = ?, head_hash = ? WHERE openid = ?').run(
    wallet.gramsCo2eTotal,
    wallet.pointsBalance,
    wallet.pointsEarned,
    wallet.pointsSpent,
    head.seq,
    head.hash,
    openid,
  )
  db.pragma('wal_checkpoint(TRUNCATE)')
  await cloud.close()
}

async function probe(path: string, fn: 'verifyLedger' | 'exportMyData'): Promise<ProbeFigures> {
  const args = [`--max-old-space-size=${PROBE_HEAP_MIB}`, '--expose-gc', '--import', 'tsx', join(__dirname, 'memoryProbe.ts'), path, fn]
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1024 * 1024 })
  const line = stdout.trim().split('\n').pop() as string
  return JSON.parse(line) as ProbeFigures
}

export async function ledgerMemory(entries: number): Promise<MemoryFigures> {
  const db = tempDb()
  try {
    const t0 = performance.now()
    await seed(db.path, entries)
    const seedMs = performance.now() - t0
    return { entries, seedMs, verifyLedger: await probe(db.path, 'verifyLedger'), exportMyData: await probe(db.path, 'exportMyData') }
  } finally {
    db.dispose()
  }
}
