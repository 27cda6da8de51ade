/**
 * Migration 018 (issue 23): names stored as one mixed string ("帆布袋 Canvas bag") become a Chinese name where the
 * name was and an English one beside it, on SQLite and MariaDB alike; a name with no English part stays whole.
 * Each engine's database is made at migration 17 with such rows, then opened by today's code.
 */
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import { MIGRATIONS } from '../../mock/storage/migrations'
import { openMysql } from '../../mock/storage/mysql/port'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { freshMysqlDatabase, sqliteOnly } from '../support/database'
import { testMysqlServer } from '../support/mysqlFixture'

/** What a database made at 17 applies: 18 and whatever came after it. */
const FROM_18 = MIGRATIONS.filter((m) => m.version >= 18).map((m) => m.version)

const AT = '2026-12-01T09:00:00.000+08:00'
const BEFORE = MIGRATIONS.filter((m) => m.version < 18)

const ROWS = [
  `INSERT INTO rewards (id, title, description, points_cost, stock, per_user_limit, valid_days, active, created_at)
    VALUES ('rw_bag', '帆布袋 Canvas bag', '可重复使用 · Reusable', 200, 5, 1, 14, 1, '${AT}')`,
  `INSERT INTO rewards (id, title, description, points_cost, stock, per_user_limit, valid_days, active, created_at)
    VALUES ('rw_cafe', 'Café 咖啡', '一杯咖啡', 100, 5, 1, 14, 1, '${AT}')`,
  "INSERT INTO stations (code, name, materials) VALUES ('ST-3', '3号站 Station 3', '[\"paper\"]')",
  "INSERT INTO stations (code, name, materials) VALUES ('ST-EN', 'Harbour kiosk', '[\"paper\"]')",
  `INSERT INTO projects (id, title, description, goal_points, active, created_at)
    VALUES ('pj_trees', '社区植树 Community tree planting', '每 1,000 积分种下一棵树 · 1,000 points plant one tree', 50000, 1, '${AT}')`,
  `INSERT INTO communities (id, name, created_at) VALUES ('c_river', '滨河社区 Riverside', '${AT}')`,
  // Its Chinese half is another community's whole name: names are unique, so this one stays whole.
  `INSERT INTO communities (id, name, created_at) VALUES ('c_maple', '枫林社区', '${AT}')`,
  `INSERT INTO communities (id, name, created_at) VALUES ('c_maple2', '枫林社区 Maple Grove', '${AT}')`,
  `INSERT INTO events (id, community_id, title, place, starts_ms, ends_ms, slots, reward_points, budget_points, secret, creator, created_at)
    VALUES ('ev_1', 'c_river', '河道清洁 River clean-up', '东码头', 1764550800000, 1764558000000, 20, 5, 100, 's3cret', 'o_boss', '${AT}')`,
]

/** What each row says after 018, as [query, row] pairs both engines answer alike. */
const AFTER: [string, Record<string, unknown>][] = [
  [
    "SELECT title, title_en, description, description_en FROM rewards WHERE id = 'rw_bag'",
    { title: '帆布袋', title_en: 'Canvas bag', description: '可重复使用', description_en: 'Reusable' },
  ],
  [
    "SELECT title, title_en, description, description_en FROM rewards WHERE id = 'rw_cafe'",
    { title: 'Café 咖啡', title_en: '', description: '一杯咖啡', description_en: '' },
  ],
  ["SELECT name, name_en FROM stations WHERE code = 'ST-3'", { name: '3号站', name_en: 'Station 3' }],
  ["SELECT name, name_en FROM stations WHERE code = 'ST-EN'", { name: 'Harbour kiosk', name_en: '' }],
  [
    "SELECT title, title_en, description, description_en FROM projects WHERE id = 'pj_trees'",
    { title: '社区植树', title_en: 'Community tree planting', description: '每 1,000 积分种下一棵树', description_en: '1,000 points plant one tree' },
  ],
  ["SELECT name, name_en FROM communities WHERE id = 'c_river'", { name: '滨河社区', name_en: 'Riverside' }],
  ["SELECT name, name_en FROM communities WHERE id = 'c_maple2'", { name: '枫林社区 Maple Grove', name_en: '' }],
  ["SELECT title, title_en, place FROM events WHERE id = 'ev_1'", { title: '河道清洁', title_en: 'River clean-up', place: '东码头' }],
]

sqliteOnly('018 splits mixed names into a Chinese and an English name on SQLite', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'glp-018-')), 'cloud.sqlite')
  const old = new Database(path)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of BEFORE) {
    old.exec(m.sqlite)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, AT)
  }
  for (const row of ROWS) old.exec(row)
  old.close()
  const storage = openSqlite({ path })
  try {
    expect(storage.sqlite.applied).toEqual(FROM_18)
    for (const [sql, want] of AFTER) expect(storage.sqlite.db.prepare(sql).get()).toEqual(want)
  } finally {
    await storage.close()
  }
})

it('018 splits mixed names into a Chinese and an English name on MariaDB', async () => {
  const server = await testMysqlServer()
  if (!server) return console.warn('bilingualMigration.test.ts: no MySQL server answered; the MySQL side was not checked')
  const fresh = await freshMysqlDatabase(undefined, server)
  try {
    const c = await mysql.createConnection({ uri: fresh.url, charset: 'utf8mb4' })
    try {
      await c.query(
        'CREATE TABLE schema_migrations (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
      )
      for (const m of BEFORE) {
        for (const statement of m.mysql) await c.query(statement)
        await c.query('INSERT INTO schema_migrations VALUES (?, ?, ?)', [m.version, m.name, AT])
      }
      for (const row of ROWS) await c.query(row)
    } finally {
      await c.end()
    }
    const store = await openMysql({ url: fresh.url })
    try {
      expect(store.applied).toEqual(FROM_18)
      for (const [sql, want] of AFTER) {
        const [rows] = (await store.pool.query(sql)) as unknown as [Record<string, unknown>[]]
        expect({ ...rows[0] }).toEqual(want)
      }
    } finally {
      await store.close()
    }
  } finally {
    await fresh.drop()
  }
})
