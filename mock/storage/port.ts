/**
 * The storage port: an SQL executor, which both engines implement (SQLite embedded, the MySQL family over a
 * pool). It knows statements, rows and transactions, never what they mean: each feature's statements are free
 * functions over it in that feature's wing (mock/<wing>/queries.ts), written once in the common SQL subset; what
 * differs in syntax is rewritten for MySQL by the engine (./dialect). Every call answers asynchronously, so a
 * networked engine implements it as naturally as an embedded one.
 */

export type SqlDialect = 'sqlite' | 'mysql'

declare const shape: unique symbol

/**
 * A statement's text, carrying the types of its parameters (positional, or one object of @named ones) and of
 * its rows. Engines prepare and cache by the text; it is never made from input.
 */
export type Sql<P extends unknown[] | object = unknown[], R = unknown> = string & { readonly [shape]?: [P, R] }

/** Names a statement's parameter and row types (the text itself is kept as it is). */
export function sql<P extends unknown[] | object = unknown[], R = unknown>(text: string): Sql<P, R> {
  return text as Sql<P, R>
}

/** A statement's parameters: the positional list, or the one object of named ones. */
export type Params<P> = P extends unknown[] ? P : [P]

export interface Db {
  readonly dialect: SqlDialect
  /** true for the executor a transaction hands its work (a new one per transaction) */
  readonly inTransaction: boolean
  /** the first row, if any */
  get<P extends unknown[] | object, R>(statement: Sql<P, R>, ...params: Params<P>): Promise<R | undefined>
  /** every row */
  query<P extends unknown[] | object, R>(statement: Sql<P, R>, ...params: Params<P>): Promise<R[]>
  /** a write: answers how many rows it changed */
  execute<P extends unknown[] | object>(statement: Sql<P, unknown>, ...params: Params<P>): Promise<number>
  /**
   * A write whose outcome the caller does not read: a networked engine may hold it and send it with the
   * transaction's next statement or its COMMIT (one round trip for several). An error it meets fails that
   * later statement, and with it the transaction.
   */
  defer<P extends unknown[] | object>(statement: Sql<P, unknown>, ...params: Params<P>): Promise<void>
  /**
   * A read the transaction will make: a networked engine sends it right after its next statement and keeps the
   * answer for the get/query that asks; an embedded one does nothing.
   */
  prefetch<P extends unknown[] | object>(statement: Sql<P, unknown>, ...params: Params<P>): void
  /**
   * Runs work as one transaction (all of it or nothing) on an executor of its own, retried as a whole on
   * conflicts; work uses only that executor (every write is keyed by its requestId, so a retry cannot double
   * anything). Row-locking engines lock what `SELECT … FOR UPDATE` reads until it ends.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>
  /**
   * Runs read-only work against one consistent view of committed data, beside the write lane: it neither waits
   * for writes nor makes them wait. SQLite reads on a connection of its own (WAL lets it read beside the
   * writer; an in-memory database has one connection, so there it takes its turn); MySQL in a READ ONLY
   * transaction with a consistent snapshot, which takes no locks. Its executor refuses writes.
   */
  snapshot<T>(work: (view: Db) => Promise<T>): Promise<T>
  /**
   * After an erasure has committed: pushes what it overwrote out of the engine's own log where the engine allows
   * (SQLite: a TRUNCATE checkpoint of the WAL; MySQL keeps its redo log and binary log to its own retention).
   */
  eraseFreedSpace(): Promise<void>
  close(): Promise<void>
}
