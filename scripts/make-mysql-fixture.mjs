/**
 * Builds test/fixtures/mysql-a69e639.sql: a MySQL database as commit a69e639 made it (its migrations v1..v11 in
 * MySQL's old numbering, frozen in test/fixtures/a69e639/, recorded in schema_migrations as its runner did) with
 * a few rows, dumped. test/cloud/upgrade.test.ts restores it and opens it with today's code. Run again only to
 * change the rows: `node --import tsx scripts/make-mysql-fixture.mjs [mysql://user:pass@host:port]`.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import mysql from 'mysql2/promise'
import { MYSQL_MIGRATIONS } from '../test/fixtures/a69e639/mysql-migrations.ts'
import { FIXTURE_ROWS } from '../test/fixtures/a69e639/rows.ts'

const server = new URL(process.argv[2] ?? 'mysql://glp:glp@127.0.0.1:3306')
const database = `glp_fixture_${randomBytes(4).toString('hex')}`
const out = new URL('../test/fixtures/mysql-a69e639.sql', import.meta.url)

const admin = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: server.username, password: server.password })
await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`)
try {
  await admin.query(`USE \`${database}\``)
  // The runner's own table, as a69e639's mock/storage/mysql/port.ts created it.
  await admin.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
  )
  for (const m of MYSQL_MIGRATIONS) {
    for (const statement of m.statements) await admin.query(statement)
    await admin.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, '2026-12-04T00:00:00.000Z'])
  }
  for (const sql of FIXTURE_ROWS) await admin.query(sql)
  const dump = execFileSync(
    'mariadb-dump',
    [
      '-h',
      server.hostname,
      '-P',
      server.port || '3306',
      '-u',
      server.username,
      `-p${server.password}`,
      '--compact',
      '--skip-extended-insert',
      '--no-tablespaces',
      '--order-by-primary',
      database,
    ],
    { encoding: 'utf8' },
  )
  writeFileSync(out, `-- A MySQL database made by a69e639 (v1..v11, MySQL's old numbering); see scripts/make-mysql-fixture.mjs.\n${dump}`)
  console.log(`wrote ${out.pathname}`)
} finally {
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``)
  await admin.end()
}
