/** The storage port's guarantees, on whichever engine the suite runs (SQLite, or MySQL in the mysql project). */
import { createCloud } from '../../mock/cloud'
import { CloudError } from '../../mock/errors'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MYSQL_URL, sqliteOnly, testStorage } from '../support/database'
import { harness, rid } from './harness'
import { setMeta, getMeta } from '../../mock/storage/meta'

const DAY = 24 * 3600 * 1000
/** What both engines treat as a lost race: SQLite's busy database, MySQL's deadlock. */
const conflict = () => Object.assign(new Error('lost a race'), { code: 'SQLITE_BUSY', errno: 1213 })

it('runs a transaction that keeps losing races again as a whole, then answers UNAVAILABLE and keeps nothing', async () => {
  const h = await harness()
  let attempts = 0
  const attempt = h.cloud.store.transaction(async (tx) => {
    attempts++
    await setMeta(tx, 'half-written', String(attempts))
    throw conflict()
  })
  await expect(attempt).rejects.toBeInstanceOf(CloudError)
  await expect(attempt).rejects.toMatchObject({ code: 'UNAVAILABLE' })
  expect(attempts).toBeGreaterThan(2)
  expect(await getMeta(h.cloud.store, 'half-written')).toBeUndefined()
  // One lost race and then a clean run: the caller sees only the success.
  let tries = 0
  await h.cloud.store.transaction(async (tx) => {
    if (++tries === 1) throw conflict()
    await setMeta(tx, 'second-time', 'ok')
  })
  expect(await getMeta(h.cloud.store, 'second-time')).toBe('ok')
  await h.close()
}, 30_000)

it('refunds an expired voucher once when two workers sweep at the same moment', async () => {
  const h = await harness({ organizers: ['boss'], tokenTtlSeconds: 90 * 24 * 3600 })
  const other = await createCloud({ storage: h.cloud.store, now: () => h.clock.ms, devLogin: true, rateLimit: { burst: 0, perSecond: 1 } })
  const a = await h.as('alice')
  await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
  const { redemption } = await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
  h.clock.ms += 40 * DAY
  const [one, two] = await Promise.all([h.cloud.sweepExpired(), other.sweepExpired()])
  expect(one + two).toBe(1)
  const refunds = (await a.ok('listLedger', { limit: 50 })).entries.filter((e: any) => e.type === 'refund' && e.ref === redemption.id)
  expect(refunds).toHaveLength(1)
  expect((await a.ok('verifyLedger')).ok).toBe(true)
  await h.close()
})

sqliteOnly('refuses the outer port inside a transaction instead of waiting for itself forever', async () => {
  const storage = openSqlite({ path: ':memory:' })
  await expect(storage.transaction(() => getMeta(storage, 'x'))).rejects.toThrow(/use the tx the transaction gave/)
  await expect(getMeta(storage, 'x')).resolves.toBeUndefined()
  await storage.close()
})

sqliteOnly('groups concurrent transactions into one commit, answers each only once committed, and rolls back a failing one alone', async () => {
  const storage = openSqlite({ path: ':memory:' })
  const { db } = storage.sqlite
  const committedWhenAnswered: boolean[] = []
  const runs = Array.from({ length: 20 }, (_, i) =>
    storage
      .transaction(async (tx) => {
        await setMeta(tx, `k${i}`, String(i))
        if (i === 7) throw new Error('this one fails')
        return i
      })
      .then((value) => {
        committedWhenAnswered.push(!db.inTransaction)
        return value
      }),
  )
  const outcomes = await Promise.allSettled(runs)
  expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1)
  expect(committedWhenAnswered).toHaveLength(19)
  expect(committedWhenAnswered.every(Boolean)).toBe(true)
  for (let i = 0; i < 20; i++) expect(await getMeta(storage, `k${i}`)).toBe(i === 7 ? undefined : String(i))
  await storage.close()
})

/** A file on SQLite (':memory:' has no second connection to read beside the writer), the suite's engine otherwise. */
async function storageWithReader() {
  if (MYSQL_URL) return testStorage()
  const dir = mkdtempSync(join(tmpdir(), 'glp-snapshot-'))
  return openSqlite({ path: join(dir, 'glp.sqlite') })
}

it('reads a snapshot beside an open write transaction: it neither waits for the write nor sees it before it commits, and refuses writes', async () => {
  const storage = await storageWithReader()
  await storage.transaction((tx) => setMeta(tx, 'snapshot-probe', 'before'))
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let wrote!: () => void
  const written = new Promise<void>((resolve) => (wrote = resolve))
  const writing = storage.transaction(async (tx) => {
    await setMeta(tx, 'snapshot-probe', 'after')
    // Read back, so a networked engine has sent the write (and holds its row lock) before the snapshot starts.
    expect(await getMeta(tx, 'snapshot-probe')).toBe('after')
    wrote()
    await held
  })
  await written
  // Were the snapshot in the write lane, or blocked by the row lock, this would wait for `held` forever.
  expect(await storage.snapshot((view) => getMeta(view, 'snapshot-probe'))).toBe('before')
  release()
  await writing
  expect(await storage.snapshot((view) => getMeta(view, 'snapshot-probe'))).toBe('after')
  await expect(storage.snapshot((view) => setMeta(view, 'snapshot-probe', 'sneaked'))).rejects.toThrow(/write inside a snapshot/)
  expect(await getMeta(storage, 'snapshot-probe')).toBe('after')
  await storage.close()
}, 20_000)
