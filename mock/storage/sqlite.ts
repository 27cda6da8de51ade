/**
 * SQLite, the embedded default: one better-sqlite3 connection in WAL mode, the schema (./migrations), WAL
 * checkpoints off the request path, and an executor that prepares each statement once. The SQL itself is in the
 * wings' queries (mock/<wing>/queries.ts), written once for both engines.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS, planSplit, type RowSplit } from './migrations'
import { SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, startCheckpointer, WRITER_BACKSTOP_PAGES, type Checkpointer } from './checkpointer'
import type { SqlExecutor, SqlStatement } from './sqlEngine'

/**
 * The migrations as SQLite runs them: applied at open in order, each in its own transaction, and recorded in
 * schema_migrations. The list, with each migration's MySQL text beside it, is ./migrations.
 */
export const SQLITE_MIGRATIONS: { version: number; name: string; sql: string; splits?: RowSplit[] }[] = MIGRATIONS.map((m) => ({
  version: m.version,
  name: m.name,
  sql: m.sqlite,
  splits: m.splits,
}))

/** What SQLite's first migration was called before the numbering was made one: its mark of the old numbering. */
const OLD_FIRST_NAME = 'release 1: ledger, rewards, reviews, projects, groups, challenges'

/**
 * SQLite numbered release 1 and v1.1's identity tables as two migrations (1, 2) where MySQL, and now the one list,
 * has one; every later SQLite number was one more than today's. A database recorded under the old numbering is
 * renumbered once, in one transaction with nothing else: old 1 and 2 become 1, old N becomes N - 1. A database
 * that had old 1 without old 2 keeps nothing: the new 1 runs again, and its IF NOT EXISTS adds only v1.1's tables.
 */
function renumberOldSqlite(db: Database.Database) {
  // The mark is read inside the write transaction: a second process opening the file at once renumbers nothing.
  db.transaction(() => {
    const first = db.prepare<[], { name: string }>('SELECT name FROM schema_migrations WHERE version = 1').get()
    if (first?.name !== OLD_FIRST_NAME) return
    const rows = db.prepare<[], { version: number; applied_at: string }>('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()
    db.prepare('DELETE FROM schema_migrations').run()
    const hadIdentity = rows.find((r) => r.version === 2)
    const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
    if (hadIdentity) insert.run(1, MIGRATIONS[0].name, hadIdentity.applied_at)
    for (const r of rows.filter((x) => x.version >= 3)) insert.run(r.version - 1, MIGRATIONS[r.version - 2].name, r.applied_at)
  }).immediate()
}

function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  renumberOldSqlite(db)
  const done = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  )
  const applied: number[] = []
  for (const m of SQLITE_MIGRATIONS) {
    if (done.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      for (const split of m.splits ?? []) {
        const texts = db.prepare<[], { text: string }>(`SELECT DISTINCT ${split.from} AS text FROM ${split.table}`).all()
        const update = db.prepare(`UPDATE ${split.table} SET ${split.from} = ?, ${split.into} = ? WHERE ${split.from} = ?`)
        for (const u of planSplit(
          texts.map((r) => r.text),
          split,
        ))
          update.run(u.zh, u.en, u.text)
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    }).immediate()
    applied.push(m.version)
  }
  return applied
}

export interface SqliteOptions {
  /** a file path, or ':memory:' */
  path: string
  /** run WAL checkpoints on a worker thread instead of inside commits (the server does; see checkpointer.ts) */
  backgroundCheckpoints?: boolean
}

export class SqliteDatabase {
  readonly db: Database.Database
  readonly executor: SqlExecutor
  /** migrations this open applied, in order */
  readonly applied: number[]
  private readonly checkpointer: Checkpointer | undefined
  /** a read-only connection for snapshots; absent for ':memory:', which no second connection can see */
  readonly reader?: Database.Database
  readonly readerExecutor?: SqlExecutor

  constructor(options: SqliteOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true })
    this.db = new Database(options.path)
    this.db.pragma('journal_mode = WAL')
    // NORMAL under WAL is durable against process crashes (what SIGKILL tests); only an OS crash can lose
    // the last transactions.
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    // A deleted account's name must leave the file, not linger in a freed cell: freed space is zeroed.
    this.db.pragma('secure_delete = ON')
    if (options.backgroundCheckpoints && options.path !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${WRITER_BACKSTOP_PAGES}`)
      this.checkpointer = startCheckpointer(options.path, (error) => {
        console.error('[storage] background checkpoints stopped; the writer checkpoints itself again:', error.message)
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`)
      })
    }
    this.applied = migrate(this.db)
    this.executor = cachedExecutor(this.db)
    // A reader beside the writer (WAL keeps its view while the writer goes on); ':memory:' is one connection's own.
    if (options.path !== ':memory:') {
      this.reader = new Database(options.path, { readonly: true })
      this.reader.pragma('busy_timeout = 5000')
      this.readerExecutor = cachedExecutor(this.reader)
    }
  }

  close() {
    // The worker closes its own connection; SQLite needs no ordering between the two.
    void this.checkpointer?.stop()
    if (this.reader?.open) this.reader.close()
    if (this.db.open) this.db.close()
  }
}

/** Prepares each statement once per connection: parsing is most of a small query's cost. */
function cachedExecutor(db: Database.Database): SqlExecutor {
  const cache = new Map<string, Database.Statement>()
  const statement = (sql: string) => {
    let s = cache.get(sql)
    if (!s) {
      s = db.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
  return {
    prepare<P extends unknown[] | object, R>(sql: string): SqlStatement<P, R> {
      const s = statement(sql)
      return {
        get: async (...params: unknown[]) => s.get(...params) as R | undefined,
        all: async (...params: unknown[]) => s.all(...params) as R[],
        run: async (...params: unknown[]) => ({ changes: s.run(...params).changes }),
        // nothing to gain from holding a write on an embedded engine
        defer: async (...params: unknown[]) => void s.run(...params),
        prefetch: () => undefined,
      } as SqlStatement<P, R>
    },
  }
}
