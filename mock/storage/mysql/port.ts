/**
 * The MySQL family behind the storage port (MySQL 8, MariaDB 10.11, TiDB 7; WeChat Cloud Run's MySQL): a
 * mysql2 pool; each transaction on its own connection at READ COMMITTED, with the person's wallet row locked
 * first (lockPerson), and run again as a whole on a deadlock, a lock-wait timeout or a duplicate key (a
 * requestId that another call committed meanwhile: the retry finds it and answers as that call did). An
 * unreachable or lost database answers UNAVAILABLE; the pool reconnects by itself when it is back.
 */
import mysql, { type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise'
import { CloudError } from '../../errors'
import type { AsyncOps, StoragePort } from '../port'
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from '../retry'
import { SqlEngine, wrapOperations, type SqlExecutor, type SqlStatement } from '../sqlEngine'
import { toMysql } from './dialect'
import { MYSQL_MIGRATIONS, type Migration } from './migrations'

export interface MysqlPort extends StoragePort {
  readonly pool: Pool
  /** migrations applied by this open, in order */
  readonly applied: number[]
}

export interface MysqlOptions {
  /** mysql://user:password@host:port/database */
  url: string
  connectionLimit?: number
  retry?: RetryPolicy
}

/** Deadlock, lock wait timeout, duplicate key: the transaction lost a race and is run again. */
const CONFLICT_ERRNOS = new Set([1213, 1205, 1062])
/** The database is not there (refused, reset, lost, timed out, too many connections, shutting down). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'PROTOCOL_SEQUENCE_TIMEOUT'])
const UNREACHABLE_ERRNOS = new Set([1040, 1053, 2002, 2003, 2006, 2013, 1927])

const isConflict = (error: unknown) => CONFLICT_ERRNOS.has((error as { errno?: number })?.errno ?? 0)

export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; fatal?: boolean }
  return UNREACHABLE_CODES.has(e?.code ?? '') || UNREACHABLE_ERRNOS.has(e?.errno ?? 0) || (e?.fatal === true && !isConflict(error))
}

const unavailable = () => new CloudError('UNAVAILABLE', 'The database cannot be reached right now; nothing was written. Please try again in a moment.')

/** The URL without its password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`
  } catch {
    return '(a DATABASE_URL that is not a URL)'
  }
}

type Queryable = Pick<PoolConnection, 'query'>

function executor(on: Queryable): SqlExecutor {
  return {
    prepare<P extends unknown[] | object, R>(sql: string): SqlStatement<P, R> {
      const text = toMysql(sql)
      const send = async (params: unknown[]) => {
        const named = params.length === 1 && params[0] !== null && typeof params[0] === 'object' && !Array.isArray(params[0])
        const values = (named ? params[0] : params) as Parameters<Queryable['query']>[1]
        const [result] = await on.query({ sql: text, namedPlaceholders: named }, values)
        return result
      }
      return {
        get: async (...params: unknown[]) => ((await send(params)) as R[])[0],
        all: async (...params: unknown[]) => (await send(params)) as R[],
        run: async (...params: unknown[]) => ({ changes: ((await send(params)) as ResultSetHeader).affectedRows }),
      } as SqlStatement<P, R>
    },
  }
}

/** Applies the migrations not yet recorded, under a named lock: workers and instances starting together take turns. */
async function migrate(pool: Pool, migrations: Migration[]): Promise<number[]> {
  const c = await pool.getConnection()
  try {
    const [[lock]] = (await c.query("SELECT GET_LOCK('green_life_migrations', 60) AS got")) as unknown as [{ got: number }[]]
    if (lock?.got !== 1) throw new Error('another process held the migration lock for 60 s')
    try {
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
      )
      const [rows] = await c.query('SELECT version FROM schema_migrations')
      const done = new Set((rows as { version: number }[]).map((r) => r.version))
      const applied: number[] = []
      for (const m of migrations) {
        if (done.has(m.version)) continue
        // DDL commits by itself in MySQL; a migration interrupted half-way is finished by hand, so each is small.
        for (const statement of m.statements) await c.query(statement)
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()])
        applied.push(m.version)
      }
      return applied
    } finally {
      await c.query("SELECT RELEASE_LOCK('green_life_migrations')")
    }
  } finally {
    c.release()
  }
}

export async function openMysql(options: MysqlOptions): Promise<MysqlPort> {
  const pool = mysql.createPool({
    uri: options.url,
    connectionLimit: options.connectionLimit ?? 20,
    charset: 'utf8mb4',
    // SUM() answers DECIMAL; grams and points are integers well inside 2^53
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: 5_000,
    enableKeepAlive: true,
  })
  pool.pool.on('connection', (connection) => {
    connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED')
  })
  let applied: number[]
  try {
    applied = await migrate(pool, MYSQL_MIGRATIONS)
  } catch (error) {
    await pool.end().catch(() => undefined)
    const why = (error as { code?: string; message?: string })?.code ?? (error as Error)?.message
    throw new Error(`Cannot open the MySQL database at ${describeUrl(options.url)}: ${why}`)
  }
  const outer = new SqlEngine(executor(pool), 'mysql')
  const retry = options.retry ?? DEFAULT_RETRY

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (isUnreachable(error)) throw unavailable()
      throw error
    }
  }

  async function transaction<T>(fn: (tx: AsyncOps) => Promise<T>): Promise<T> {
    return withRetries(
      () =>
        guarded(async () => {
          const connection = await pool.getConnection()
          try {
            await connection.beginTransaction()
            const result = await fn(new SqlEngine(executor(connection), 'mysql'))
            await connection.commit()
            return result
          } catch (error) {
            await connection.rollback().catch(() => undefined)
            throw error
          } finally {
            connection.release()
          }
        }),
      isConflict,
      retry,
    )
  }

  return wrapOperations<MysqlPort>(outer, (_, call) => (...args) => guarded(() => call(...args)), { pool, applied, transaction, close: () => pool.end() })
}
