/**
 * The credit-shaped SQLite floor for checkIn over HTTP: the same bare Node HTTP server as ./bareServer, but
 * each request runs the transaction a credit needs on the engine and settings the cloud opens
 * (mock/storage/sqlite.ts: WAL, synchronous NORMAL, foreign keys, busy timeout, secure_delete, checkpoints on a
 * worker thread): take the write lock, read the person's wallet row, insert a ledger entry, update the wallet,
 * record the request id under a unique key, commit. No validation, hashing, sessions or business rules, and one
 * COMMIT per request (the cloud's group commit is its own gain over this floor). ./bareMysqlServer is its
 * MySQL twin.
 */
import Database from 'better-sqlite3'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Worker } from 'node:worker_threads'

/** The cloud's writer backstop and worker interval (mock/storage/checkpointer.ts), copied so the floor never
 * imports mock/ internals: checkpoints are part of what a write costs, so the floor pays them the same way. */
const WRITER_BACKSTOP_PAGES = 10_000
const CHECKPOINT_INTERVAL_MS = 100

const path = process.env.DB_PATH ?? ':memory:'
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')
db.pragma('secure_delete = ON')
if (path !== ':memory:') {
  db.pragma(`wal_autocheckpoint = ${WRITER_BACKSTOP_PAGES}`)
  // PASSIVE checkpoints from a second connection never block the writer, as in the cloud.
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads')
     const db = new (require(workerData.driver))(workerData.path)
     db.pragma('busy_timeout = 5000')
     setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} }, workerData.intervalMs)`,
    { eval: true, workerData: { path, intervalMs: CHECKPOINT_INTERVAL_MS, driver: require.resolve('better-sqlite3') } },
  )
  worker.unref()
}
// WITHOUT ROWID and the same keys as the cloud's wallets, entries and requests tables, so a lookup or insert
// walks the same shape of B-tree.
db.exec(`
CREATE TABLE IF NOT EXISTS w (openid TEXT PRIMARY KEY, grams INTEGER NOT NULL, head_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS e (openid TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (openid, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS r (openid TEXT NOT NULL, request_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (openid, request_id)) WITHOUT ROWID;
`)
const ensureWallet = db.prepare('INSERT OR IGNORE INTO w (openid, grams, head_seq) VALUES (?, 0, 0)')
const readWallet = db.prepare<[string], { head_seq: number }>('SELECT head_seq FROM w WHERE openid = ?')
const insertEntry = db.prepare('INSERT INTO e (openid, seq, body) VALUES (?, ?, ?)')
const updateWallet = db.prepare('UPDATE w SET grams = grams + 12, head_seq = ? WHERE openid = ?')
const recordRequest = db.prepare('INSERT INTO r (openid, request_id, seq) VALUES (?, ?, ?)')
const credit = db.transaction((openid: string, requestId: string, body: string) => {
  ensureWallet.run(openid)
  const seq = readWallet.get(openid)!.head_seq + 1
  insertEntry.run(openid, seq, body)
  updateWallet.run(seq, openid)
  recordRequest.run(openid, requestId, seq)
  return seq
})

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    const data = JSON.parse(body).data ?? {}
    try {
      // IMMEDIATE: the write lock before the read, as the cloud's transactions take it.
      const seq = credit.immediate(`u${(data.user ?? 0) as number}`, String(data.requestId ?? `warm-${Math.random()}`), body)
      const text = JSON.stringify({ result: { seq } })
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
      res.end(text)
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(error) }))
    }
  })
})
server.listen(0, '127.0.0.1', () => console.log(`bare credit server ready at http://127.0.0.1:${(server.address() as AddressInfo).port}`))
