/**
 * The meta table: a handful of keys the server keeps for itself (secrets made once, since-when markers).
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import { sql, type Db } from './port'

const q = {
  getMeta: sql<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
  setMetaIfAbsent: sql('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
  setMeta: sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
}

export async function getMeta(db: Db, key: string) {
  return (await db.get(q.getMeta, key))?.value
}

export async function setMetaIfAbsent(db: Db, key: string, value: string) {
  await db.execute(q.setMetaIfAbsent, key, value)
}

export async function setMeta(db: Db, key: string, value: string) {
  await db.execute(q.setMeta, key, value)
}
