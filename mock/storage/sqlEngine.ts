/**
 * What both engines share below the port: a statement interface each implements over its own connection, and
 * the executor (./port) built on it. The statements themselves live in the wings (mock/<wing>/queries.ts).
 */
import type { Db, Params, Sql, SqlDialect } from './port'

/** A prepared statement: positional parameters, or one object of named ones (@name). */
export interface SqlStatement<P extends unknown[] | object = unknown[], R = unknown> {
  get(...params: P extends unknown[] ? P : [P]): Promise<R | undefined>
  all(...params: P extends unknown[] ? P : [P]): Promise<R[]>
  run(...params: P extends unknown[] ? P : [P]): Promise<{ changes: number }>
  /**
   * A write whose outcome the caller does not read: a networked engine may hold it and send it with the
   * transaction's next statement or its COMMIT (one round trip for several). An error it meets fails that
   * later statement, and with it the transaction.
   */
  defer(...params: P extends unknown[] ? P : [P]): Promise<void>
  /**
   * A read the transaction will make: a networked engine sends it right after its next statement and keeps the
   * answer for the get/all that asks; an embedded one does nothing.
   */
  prefetch(...params: P extends unknown[] ? P : [P]): void
}

export interface SqlExecutor {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): SqlStatement<P, R>
}

/** How one executor's calls run: outside a transaction through the engine's own turn-taking or error mapping. */
export type Guard = <T>(work: () => Promise<T>) => Promise<T>

/**
 * The executor over one statement source: each call through `guard`, with the members only the port as a whole
 * has (transaction, eraseFreedSpace, close) given by the engine.
 */
export function executorOver<X extends object = object>(
  exec: SqlExecutor,
  dialect: SqlDialect,
  inTransaction: boolean,
  guard: Guard,
  own: Pick<Db, 'transaction' | 'snapshot' | 'eraseFreedSpace' | 'close'> & X,
): Db & X {
  const statement = (text: string) => exec.prepare<unknown[], unknown>(text)
  const db: Db = {
    dialect,
    inTransaction,
    get: <P extends unknown[] | object, R>(s: Sql<P, R>, ...params: Params<P>) =>
      guard(() => statement(s).get(...(params as unknown[])) as Promise<R | undefined>),
    query: <P extends unknown[] | object, R>(s: Sql<P, R>, ...params: Params<P>) => guard(() => statement(s).all(...(params as unknown[])) as Promise<R[]>),
    execute: <P extends unknown[] | object>(s: Sql<P, unknown>, ...params: Params<P>) =>
      guard(async () => (await statement(s).run(...(params as unknown[]))).changes),
    defer: <P extends unknown[] | object>(s: Sql<P, unknown>, ...params: Params<P>) => guard(() => statement(s).defer(...(params as unknown[]))),
    prefetch: <P extends unknown[] | object>(s: Sql<P, unknown>, ...params: Params<P>) => statement(s).prefetch(...(params as unknown[])),
    transaction: own.transaction,
    snapshot: own.snapshot,
    eraseFreedSpace: own.eraseFreedSpace,
    close: own.close,
  }
  return Object.assign(db, own)
}

/** What an executor handed to a transaction answers to the port's own members. */
export const notInsideTransaction = {
  transaction: () => Promise.reject(new Error('a transaction inside a transaction: use the executor it gave')),
  snapshot: () => Promise.reject(new Error('a snapshot inside a transaction or snapshot: use the executor it gave')),
  eraseFreedSpace: () => Promise.reject(new Error('eraseFreedSpace inside a transaction: call it after the erasure committed')),
  close: () => Promise.reject(new Error('close inside a transaction')),
}

/** A statement source whose writes are refused: what a snapshot reads through. */
export function readOnly(exec: SqlExecutor): SqlExecutor {
  const refuse = () => Promise.reject(new Error('a write inside a snapshot: snapshots only read (use a write transaction)'))
  return {
    prepare<P extends unknown[] | object, R>(text: string): SqlStatement<P, R> {
      const s = exec.prepare<P, R>(text)
      return { get: s.get, all: s.all, prefetch: s.prefetch, run: refuse, defer: refuse }
    },
  }
}
