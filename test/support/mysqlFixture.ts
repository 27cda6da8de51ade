/**
 * For the tests that need SQLite and MySQL side by side in one process (schema.test.ts) or a MySQL database of
 * an older release (upgrade.test.ts): the server the `mysql` projects use, found from the `node` project too.
 */
import { readFileSync } from 'node:fs'
import mysql from 'mysql2/promise'
import { MYSQL_URL } from './database'

const { findMysql } = require('./mysqlServer') as { findMysql(): Promise<{ url?: string; shown: string; why?: string }> }

/**
 * The server's URL, or undefined when none answers. CI always has one (.ci/run starts MariaDB), so there a
 * missing server fails the run instead of skipping the comparison quietly.
 */
export async function testMysqlServer(): Promise<string | undefined> {
  if (MYSQL_URL) return MYSQL_URL
  const found = await findMysql()
  if (!found.url && process.env.CI) throw new Error(`CI needs MySQL for the schema tests: ${found.shown}: ${found.why}`)
  return found.url
}

/** Runs a mariadb-dump file (test/fixtures/*.sql) into the database at url. */
export async function restoreDump(url: string, file: string): Promise<void> {
  // mariadb-dump's first line is a client-only directive (sandbox mode) that the server would reject.
  const sql = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('/*M!999999'))
    .join('\n')
  const c = await mysql.createConnection({ uri: url, multipleStatements: true })
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

/** The database name in a mysql:// URL. */
export const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1))
