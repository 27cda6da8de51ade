/**
 * The live schema of either engine, read from its catalog into one shape, and the comparison of two such
 * readings (test/cloud/schema.test.ts). Only what both engines can express is kept: tables, each column's type
 * family and nullability, the primary key, and each other index by its column list and uniqueness. Index names,
 * CHECK constraints, defaults, lengths and partial-index conditions are not compared.
 */
import type Database from 'better-sqlite3'
import type mysql from 'mysql2/promise'

export type Family = 'integer' | 'text' | 'real' | 'blob'

export interface TableShape {
  columns: Record<string, { family: Family; nullable: boolean }>
  primaryKey: string[]
  /** 'unique (a, b)' or 'index (a, b)', sorted */
  indexes: string[]
}

export type Catalog = Record<string, TableShape>

/** The runners' own bookkeeping, which differs by design (the lock row exists only under Galera). */
const BOOKKEEPING = new Set(['schema_migrations', 'schema_migration_lock', 'sqlite_sequence'])

/** SQLite's affinity rules (https://sqlite.org/datatype3.html), for the declared types this schema uses. */
function sqliteFamily(declared: string): Family {
  const t = declared.toUpperCase()
  if (t.includes('INT')) return 'integer'
  if (t.includes('CHAR') || t.includes('TEXT') || t.includes('CLOB')) return 'text'
  if (t === '' || t.includes('BLOB')) return 'blob'
  return 'real'
}

function mysqlFamily(dataType: string): Family {
  const t = dataType.toLowerCase()
  if (/int$/.test(t) || t === 'bit' || t === 'boolean') return 'integer'
  if (/char|text|enum|set|json/.test(t)) return 'text'
  if (/blob|binary/.test(t)) return 'blob'
  if (/double|float|decimal|real|numeric/.test(t)) return 'real'
  throw new Error(`schema catalog: no family for MySQL type ${dataType}`)
}

const shown = (unique: boolean, columns: string[]) => `${unique ? 'unique' : 'index'} (${columns.join(', ')})`

export function sqliteCatalog(db: Database.Database): Catalog {
  const catalog: Catalog = {}
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all()
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name)) continue
    const info = db.pragma(`table_info("${name}")`) as { name: string; type: string; notnull: number; pk: number }[]
    const shape: TableShape = { columns: {}, primaryKey: [], indexes: [] }
    // A primary-key column is NOT NULL on MySQL always, and on SQLite in WITHOUT ROWID tables and rowid aliases,
    // which is every table here; table_info reports only the written NOT NULL.
    for (const c of info) shape.columns[c.name] = { family: sqliteFamily(c.type), nullable: c.notnull === 0 && c.pk === 0 }
    shape.primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
    const list = db.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[]
    for (const index of list) {
      if (index.origin === 'pk') continue
      const columns = (db.pragma(`index_info("${index.name}")`) as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name)
      shape.indexes.push(shown(index.unique === 1, columns))
    }
    shape.indexes.sort()
    catalog[name] = shape
  }
  return catalog
}

export async function mysqlCatalog(c: mysql.Connection | mysql.Pool, database: string): Promise<Catalog> {
  const catalog: Catalog = {}
  const [columns] = (await c.query(
    'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, DATA_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION',
    [database],
  )) as unknown as [{ t: string; c: string; type: string; nullable: string }[]]
  for (const col of columns) {
    if (BOOKKEEPING.has(col.t)) continue
    catalog[col.t] ??= { columns: {}, primaryKey: [], indexes: [] }
    catalog[col.t].columns[col.c] = { family: mysqlFamily(col.type), nullable: col.nullable === 'YES' }
  }
  const [stats] = (await c.query(
    'SELECT TABLE_NAME AS t, INDEX_NAME AS i, NON_UNIQUE AS nonUnique, COLUMN_NAME AS c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
    [database],
  )) as unknown as [{ t: string; i: string; nonUnique: number | string; c: string }[]]
  const indexes = new Map<string, { t: string; unique: boolean; columns: string[] }>()
  for (const s of stats) {
    if (BOOKKEEPING.has(s.t)) continue
    const key = `${s.t}\u0000${s.i}`
    const index = indexes.get(key) ?? { t: s.t, unique: Number(s.nonUnique) === 0, columns: [] }
    index.columns.push(s.c)
    indexes.set(key, index)
    if (s.i === 'PRIMARY') catalog[s.t].primaryKey.push(s.c)
  }
  for (const [key, index] of indexes) if (!key.endsWith('\u0000PRIMARY')) catalog[index.t].indexes.push(shown(index.unique, index.columns))
  for (const shape of Object.values(catalog)) shape.indexes.sort()
  return catalog
}

/** Every difference between the two readings, one line each, in a stable order. */
export function compareCatalogs(sqlite: Catalog, mysql: Catalog): string[] {
  const out: string[] = []
  for (const t of [...new Set([...Object.keys(sqlite), ...Object.keys(mysql)])].sort()) {
    const a = sqlite[t]
    const b = mysql[t]
    if (!a || !b) {
      out.push(`${t}: table only on ${a ? 'sqlite' : 'mysql'}`)
      continue
    }
    for (const c of [...new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])].sort()) {
      const x = a.columns[c]
      const y = b.columns[c]
      if (!x || !y) out.push(`${t}.${c}: column only on ${x ? 'sqlite' : 'mysql'}`)
      else {
        if (x.family !== y.family) out.push(`${t}.${c}: ${x.family} on sqlite, ${y.family} on mysql`)
        if (x.nullable !== y.nullable)
          out.push(`${t}.${c}: ${x.nullable ? 'nullable' : 'not null'} on sqlite, ${y.nullable ? 'nullable' : 'not null'} on mysql`)
      }
    }
    if (a.primaryKey.join() !== b.primaryKey.join()) out.push(`${t}: primary key (${a.primaryKey.join(', ')}) on sqlite, (${b.primaryKey.join(', ')}) on mysql`)
    for (const i of a.indexes.filter((x) => !b.indexes.includes(x))) out.push(`${t}: ${i} only on sqlite`)
    for (const i of b.indexes.filter((x) => !a.indexes.includes(x))) out.push(`${t}: ${i} only on mysql`)
  }
  return out
}
