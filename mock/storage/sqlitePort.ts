/**
 * SQLite behind the asynchronous port. One connection serves every request, so whole transactions and
 * single operations outside them take turns through one async lock: a transaction's statements never
 * interleave with another request's, and nobody reads what a transaction has not committed.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { setImmediate } from 'node:timers'
import type { Db } from './port'
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry'
import { SqliteDatabase, type SqliteOptions } from './sqlite'
import { executorOver, notInsideTransaction, readOnly } from './sqlEngine'

export interface SqlitePort extends Db {
  /** the connection itself, for tests that look at the file */
  readonly sqlite: SqliteDatabase
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown })?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

/** At most this many transactions share one COMMIT; a full group commits even while others wait. */
export const GROUP_COMMIT_LIMIT = 64

/** A busy checkpoint is retried this far apart until this much time has passed (a reader can hold one for
 * up to busy_timeout on its own). */
const ERASE_PATIENCE_MS = 3_000
const ERASE_RETRY_MS = 10

/**
 * Group commit. Transactions take turns on the one connection; each runs inside a SAVEPOINT of a batch that
 * stays open while more work is waiting for its turn, and the batch commits when nobody is waiting (or it
 * holds GROUP_COMMIT_LIMIT transactions). A caller is answered only after the COMMIT that includes its
 * transaction, so nothing acknowledged can be lost; a COMMIT that fails fails every transaction in it, and
 * each is retried as a whole. A transaction that throws is rolled back to its savepoint alone. Reads outside
 * transactions that take their turn while a batch is open see its writes a moment before they are committed
 * (the money itself only ever moves inside transactions, which commit together or not at all).
 */
export function openSqlite(options: SqliteOptions, retry: RetryPolicy = DEFAULT_RETRY): SqlitePort {
  const sqlite = new SqliteDatabase(options)
  const { db } = sqlite
  // Prepared once: exec() would parse these words again for every transaction.
  const control = Object.fromEntries(
    ['BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK', 'SAVEPOINT tx', 'RELEASE tx', 'ROLLBACK TO tx'].map((sql) => [sql, db.prepare(sql)]),
  )
  const run = (sql: keyof typeof control) => void control[sql].run()
  const insideTransaction = new AsyncLocalStorage<true>()
  let tail: Promise<unknown> = Promise.resolve()
  /** jobs waiting for their turn */
  let waiting = 0
  /** transactions in the open batch, each waiting for its COMMIT */
  let batch: { resolve(): void; reject(error: unknown): void }[] = []
  let batchOpen = false

  function commitBatch() {
    if (!batchOpen) return
    const members = batch
    batch = []
    batchOpen = false
    try {
      run('COMMIT')
    } catch (error) {
      if (db.inTransaction) run('ROLLBACK')
      for (const m of members) m.reject(error)
      return
    }
    for (const m of members) m.resolve()
  }

  function inTurn<T>(work: () => T | Promise<T>): Promise<T> {
    if (insideTransaction.getStore()) {
      // Waiting for our own turn would never end: the transaction holds it.
      return Promise.reject(new Error('storage used outside its transaction from inside one: use the tx the transaction gave'))
    }
    waiting++
    const job = tail.then(async () => {
      waiting--
      try {
        return await work()
      } finally {
        if (batchOpen && batch.length >= GROUP_COMMIT_LIMIT) commitBatch()
        else if (batchOpen && waiting === 0) scheduleCommit()
      }
    })
    tail = job.catch(() => undefined)
    return job
  }

  let commitScheduled = false
  /**
   * Nobody is waiting now, but requests already read from their sockets get one turn of the event loop to
   * join the batch; the COMMIT itself then takes its turn like any other job, never in the middle of one.
   */
  function scheduleCommit() {
    if (commitScheduled) return
    commitScheduled = true
    setImmediate(() => {
      void inTurn(() => {
        commitScheduled = false
        commitBatch()
      })
    })
  }

  /** A new executor per transaction: what the transaction remembers (mock/wallet held) ends with it. */
  function executorForTransaction(statements = sqlite.executor): { tx: Db; end(): void } {
    let open = true
    const guard = <T>(work: () => Promise<T>) =>
      open && insideTransaction.getStore() ? work() : Promise.reject(new Error("a transaction's executor used after its transaction ended"))
    return { tx: executorOver(statements, 'sqlite', true, guard, notInsideTransaction), end: () => void (open = false) }
  }

  function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return withRetries(
      async () => {
        const { result, committed } = await inTurn(() =>
          insideTransaction.run(true, async () => {
            // IMMEDIATE takes the write lock up front, so another process can never interleave read-then-write.
            // The batch's first transaction needs no savepoint: if it fails, the whole batch is only itself.
            const first = !batchOpen
            if (first) {
              run('BEGIN IMMEDIATE')
              batchOpen = true
            } else {
              run('SAVEPOINT tx')
            }
            const { tx, end } = executorForTransaction()
            try {
              const result = await fn(tx)
              if (!first) run('RELEASE tx')
              const committed = new Promise<void>((resolve, reject) => batch.push({ resolve, reject }))
              return { result, committed }
            } catch (error) {
              if (first) {
                run('ROLLBACK')
                batchOpen = false
              } else {
                run('ROLLBACK TO tx')
                run('RELEASE tx')
              }
              throw error
            } finally {
              end()
            }
          }),
        )
        await committed
        return result
      },
      isBusy,
      retry,
    )
  }

  const reader = sqlite.reader
  const readerExecutor = sqlite.readerExecutor && readOnly(sqlite.readerExecutor)
  let readerTail: Promise<unknown> = Promise.resolve()
  const readerBegin = reader?.prepare('BEGIN')
  const readerCommit = reader?.prepare('COMMIT')

  /**
   * Snapshots take turns among themselves on the reader connection, never behind the write lane: each is one
   * read transaction there, so every statement sees the same committed state (the batch not yet committed is
   * invisible to it). In memory there is no second connection: the snapshot takes the write lane's turn whole.
   */
  function snapshot<T>(fn: (view: Db) => Promise<T>): Promise<T> {
    if (!reader || !readerExecutor || !readerBegin || !readerCommit) {
      return inTurn(() =>
        insideTransaction.run(true, async () => {
          const { tx, end } = executorForTransaction(readOnly(sqlite.executor))
          try {
            return await fn(tx)
          } finally {
            end()
          }
        }),
      )
    }
    const job = readerTail.then(async () => {
      let open = true
      const view = executorOver(
        readerExecutor,
        'sqlite',
        true,
        (work) => (open ? work() : Promise.reject(new Error("a snapshot's executor used after it ended"))),
        notInsideTransaction,
      )
      readerBegin.run()
      try {
        return await fn(view)
      } finally {
        open = false
        if (reader.inTransaction) readerCommit.run()
      }
    })
    readerTail = job.catch(() => undefined)
    return job
  }

  return executorOver(sqlite.executor, 'sqlite', false, (work) => inTurn(work), {
    sqlite,
    transaction,
    snapshot,
    // The erased rows' old versions sit in WAL frames until a checkpoint copies the pages back and the log is
    // cut; secure_delete (set at open) zeroes the freed cells in the pages themselves.
    // The background checkpointer's own PASSIVE checkpoint makes a TRUNCATE one answer busy (and cut
    // nothing) instead of waiting, so this tries again until SQLite reports the log copied and cut.
    eraseFreedSpace: async () => {
      const deadline = Date.now() + ERASE_PATIENCE_MS
      for (let attempt = 1; ; attempt++) {
        const done = await inTurn(() => {
          commitBatch()
          const [outcome] = sqlite.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[]
          return outcome.busy === 0 && outcome.log <= 0
        })
        if (done) return
        if (Date.now() >= deadline) {
          throw new Error(`the write-ahead log stayed busy through ${attempt} checkpoints; erased rows may linger in it`)
        }
        await new Promise((resolve) => setTimeout(resolve, ERASE_RETRY_MS))
      }
    },
    close: () =>
      inTurn(() => {
        commitBatch()
        sqlite.close()
      }),
  })
}
