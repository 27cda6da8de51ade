/**
 * SQLite behind the asynchronous port. One connection serves every request, so whole transactions and
 * single operations outside them take turns through one async lock: a transaction's statements never
 * interleave with another request's, and nobody reads what a transaction has not committed.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { AsyncOps, StoragePort } from './port'
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry'
import { SqliteDatabase, type SqliteOptions } from './sqlite'
import { SqlEngine, wrapOperations } from './sqlEngine'

export interface SqlitePort extends StoragePort {
  /** the connection itself, for tests that look at the file */
  readonly sqlite: SqliteDatabase
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown })?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

export function openSqlite(options: SqliteOptions, retry: RetryPolicy = DEFAULT_RETRY): SqlitePort {
  const sqlite = new SqliteDatabase(options)
  const engine = new SqlEngine(sqlite.executor)
  const insideTransaction = new AsyncLocalStorage<true>()
  let tail: Promise<unknown> = Promise.resolve()

  function inTurn<T>(work: () => T | Promise<T>): Promise<T> {
    if (insideTransaction.getStore()) {
      // Waiting for our own turn would never end: the transaction holds it.
      return Promise.reject(new Error('storage used outside its transaction from inside one: use the tx the transaction gave'))
    }
    const run = tail.then(work)
    tail = run.catch(() => undefined)
    return run
  }

  const tx = wrapOperations<AsyncOps>(engine, (name, call) => (...args) => {
    if (!insideTransaction.getStore()) return Promise.reject(new Error(`tx.${name} used after its transaction ended`))
    return call(...args)
  })

  function transaction<T>(fn: (tx: AsyncOps) => Promise<T>): Promise<T> {
    return withRetries(
      () =>
        inTurn(() =>
          insideTransaction.run(true, async () => {
            // IMMEDIATE takes the write lock up front, so another process can never interleave read-then-write.
            sqlite.db.exec('BEGIN IMMEDIATE')
            try {
              const result = await fn(tx)
              sqlite.db.exec('COMMIT')
              return result
            } catch (error) {
              if (sqlite.db.inTransaction) sqlite.db.exec('ROLLBACK')
              throw error
            }
          }),
        ),
      isBusy,
      retry,
    )
  }

  return wrapOperations<SqlitePort>(engine, (_, call) => (...args) => inTurn(() => call(...args)), {
    sqlite,
    transaction,
    close: () => inTurn(() => sqlite.close()),
  })
}
