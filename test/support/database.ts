/**
 * Which engine the cloud suites run on. Without TEST_DATABASE_URL: SQLite (:memory: in-process, a file for
 * the real server). With it (mysql://user:pass@host:port/anything, a user that may create databases named
 * glp_t_*): a fresh MySQL database per cloud, dropped when the cloud closes.
 */
import { createHash, randomBytes } from 'node:crypto'
import mysql from 'mysql2/promise'
import { openMysql } from '../../mock/storage/mysql/port'
import type { Db } from '../../mock/storage/port'
import { openSqlite } from '../../mock/storage/sqlitePort'

export const MYSQL_URL = process.env.TEST_DATABASE_URL || undefined
export const ENGINE = MYSQL_URL ? 'mysql' : 'sqlite'
/** it() for what only SQLite has (the file, WAL checkpoints, triggers on raw SQL); looked up when called, so
 * scripts outside jest (the benches) can import this module. */
export const sqliteOnly = ((...args: Parameters<typeof it>) => (MYSQL_URL ? it.skip : it)(...args)) as typeof it

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function admin<T>(serverUrl: string, work: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const c = await mysql.createConnection({ uri: withDatabase(serverUrl, '') })
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}

/**
 * A database of its own for one cloud (on serverUrl, by default the suites' server); `name` ties it to a
 * DB_PATH so a restarted server finds its data.
 */
export async function freshMysqlDatabase(name?: string, serverUrl = MYSQL_URL as string): Promise<{ url: string; drop(): Promise<void> }> {
  // glp_t_<run>_…: the run's teardown drops its own databases only (jest.config.js sets the run; a script
  // outside jest gets one of its own).
  process.env.GLP_TEST_RUN ??= randomBytes(4).toString('hex')
  const db = `glp_t_${process.env.GLP_TEST_RUN}_${name ? createHash('sha256').update(name).digest('hex').slice(0, 16) : randomBytes(8).toString('hex')}`
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`))
  return { url: withDatabase(serverUrl, db), drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS \`${db}\``)).then(() => undefined) }
}

/** The storage for an in-process cloud test; closing it also drops a MySQL database. */
export async function testStorage(): Promise<Db> {
  return (await testStorages(1))[0]
}

/**
 * Storage for `workers` clouds over one database, as N worker processes have: on MySQL each its own pool on one
 * throw-away database (closing the first drops it, after the others); SQLite runs one writer, so its workers
 * share the one port (as the server refuses more than one worker over SQLite).
 */
export async function testStorages(workers: number): Promise<Db[]> {
  if (!MYSQL_URL) {
    const port = openSqlite({ path: ':memory:' })
    return Array.from({ length: workers }, () => port)
  }
  const fresh = await freshMysqlDatabase()
  const ports = [await openMysql({ url: fresh.url })]
  for (let i = 1; i < workers; i++) ports.push(await openMysql({ url: fresh.url }))
  const closeAll = async () => {
    for (const p of ports) await p.close()
    await fresh.drop()
  }
  const first = new Proxy(ports[0], {
    get(target, prop, receiver) {
      if (prop === 'close') return closeAll
      return Reflect.get(target, prop, receiver)
    },
  })
  // the others close with the first
  return [first, ...ports.slice(1).map((p) => new Proxy(p, { get: (t, prop, r) => (prop === 'close' ? async () => undefined : Reflect.get(t, prop, r)) }))]
}

/**
 * A statement run behind the functions' back, on whichever engine the store is (tests that tamper with rows on
 * purpose to show the audit or the chain catching it). SQL in the common subset; `?` parameters.
 */
export async function rawSql(store: Db, sql: string, params: unknown[] = []): Promise<void> {
  const engine = store as unknown as {
    sqlite?: { db: { prepare(sql: string): { run(...p: unknown[]): unknown } } }
    pool?: { query(sql: string, p: unknown[]): Promise<unknown> }
  }
  if (engine.sqlite) engine.sqlite.db.prepare(sql).run(...params)
  else if (engine.pool) await engine.pool.query(sql, params)
  else throw new Error('rawSql: neither a SQLite nor a MySQL store')
}
