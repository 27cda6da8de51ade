/**
 * One schema (issue 22): the migrations, applied to a fresh SQLite database and a fresh MySQL one, leave the same
 * tables, columns (type family, nullability), primary keys, indexes and unique keys. The catalogs are read from
 * the live databases, not from the migration text, so a difference the text hides (an engine's implicit index,
 * a NOT NULL a primary key implies) counts too.
 */
import { MIGRATIONS } from '../../mock/storage/migrations'
import { openMysql } from '../../mock/storage/mysql/port'
import { SqliteDatabase } from '../../mock/storage/sqlite'
import { freshMysqlDatabase } from '../support/database'
import { databaseOf, testMysqlServer } from '../support/mysqlFixture'
import { compareCatalogs, mysqlCatalog, sqliteCatalog, type Catalog } from '../support/schemaCatalog'

/**
 * Differences on purpose. Each must still be found (a fixed one left here fails the test, so the list cannot
 * go stale).
 */
const ALLOWED = [
  // SQLite lists a methodology's factors in seeding order by rowid; InnoDB has no rowid, so MySQL keeps the order
  // in an AUTO_INCREMENT column, which must be a key (mysql/dialect.ts turns ORDER BY rowid into ORDER BY ordinal).
  'factors.ordinal: column only on mysql',
  'factors: unique (ordinal) only on mysql',
]

function freshSqliteCatalog(): Catalog {
  const sqlite = new SqliteDatabase({ path: ':memory:' })
  try {
    return sqliteCatalog(sqlite.db)
  } finally {
    sqlite.close()
  }
}

it('the migrations number 1, 2, 3… and give both engines text', () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  // An empty side is a decision (012: MySQL already had those indexes), never an oversight of a new migration.
  const emptySides = MIGRATIONS.flatMap((m) => [...(m.sqlite.trim() ? [] : [`${m.version} sqlite`]), ...(m.mysql.length > 0 ? [] : [`${m.version} mysql`])])
  expect(emptySides).toEqual(['12 mysql'])
})

it('a fresh SQLite and a fresh MySQL database have the same schema', async () => {
  const server = await testMysqlServer()
  if (!server) return console.warn('schema.test.ts: no MySQL server answered; the two schemas were not compared')
  const fresh = await freshMysqlDatabase(undefined, server)
  try {
    const store = await openMysql({ url: fresh.url })
    let mysql: Catalog
    try {
      mysql = await mysqlCatalog(store.pool, databaseOf(fresh.url))
    } finally {
      await store.close()
    }
    const sqlite = freshSqliteCatalog()
    // Read the catalogs for real: an empty reading on either side would compare equal to nothing.
    expect(Object.keys(sqlite)).toContain('entries')
    expect(Object.keys(sqlite).sort()).toEqual(Object.keys(mysql).sort())
    expect(mysql.entries.primaryKey).toEqual(['openid', 'seq'])
    expect(compareCatalogs(sqlite, mysql)).toEqual(ALLOWED)
  } finally {
    await fresh.drop()
  }
})

describe('the comparison catches', () => {
  const sqlite = freshSqliteCatalog()
  /** the SQLite reading with one thing changed: a stand-in for a MySQL schema that drifted */
  const doctored = (change: (c: Catalog) => void): Catalog => {
    const copy = structuredClone(sqlite)
    change(copy)
    return copy
  }

  it('nothing on identical schemas', () => {
    expect(
      compareCatalogs(
        sqlite,
        doctored(() => undefined),
      ),
    ).toEqual([])
  })

  it('a column of another type family or nullability', () => {
    const other = doctored((c) => {
      c.wallets.columns.points_balance.family = 'text'
      c.users.columns.deleted_at.nullable = false
    })
    expect(compareCatalogs(sqlite, other)).toEqual([
      'users.deleted_at: nullable on sqlite, not null on mysql',
      'wallets.points_balance: integer on sqlite, text on mysql',
    ])
  })

  it('a missing column, a missing table and a different primary key', () => {
    const other = doctored((c) => {
      delete c.entries.columns.evidence
      delete c.unpaid_by
      c.requests.primaryKey = ['request_id', 'openid']
    })
    expect(compareCatalogs(sqlite, other)).toEqual([
      'entries.evidence: column only on sqlite',
      'requests: primary key (openid, request_id) on sqlite, (request_id, openid) on mysql',
      'unpaid_by: table only on sqlite',
    ])
  })

  it('a missing unique key, and a unique key that became a plain index', () => {
    expect(sqlite.redemptions.indexes).toContain('unique (code)')
    const other = doctored((c) => {
      c.redemptions.indexes = c.redemptions.indexes.filter((i) => i !== 'unique (code)')
      c.users.indexes = c.users.indexes.map((i) => (i === 'unique (handle)' ? 'index (handle)' : i))
    })
    expect(compareCatalogs(sqlite, other)).toEqual([
      'redemptions: unique (code) only on sqlite',
      'users: unique (handle) only on sqlite',
      'users: index (handle) only on mysql',
    ])
  })

  it('an index over other columns, or the same columns in another order', () => {
    const other = doctored((c) => {
      c.entries.indexes = c.entries.indexes.map((i) => (i === 'index (openid, day, factor_id)' ? 'index (day, openid, factor_id)' : i))
    })
    expect(compareCatalogs(sqlite, other)).toEqual([
      'entries: index (openid, day, factor_id) only on sqlite',
      'entries: index (day, openid, factor_id) only on mysql',
    ])
  })
})
