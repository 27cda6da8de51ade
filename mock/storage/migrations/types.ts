/** One schema change, written for both engines; the version is the same on both. */
export interface Migration {
  version: number
  name: string
  /** one script, run by better-sqlite3's exec inside the migration's transaction */
  sqlite: string
  /** one statement each: MySQL commits each DDL statement by itself, so they cannot share a transaction */
  mysql: string[]
  /** data steps after the DDL (both engines): see RowSplit */
  splits?: RowSplit[]
}

/**
 * Every MySQL table: InnoDB, utf8mb4 with a binary collation (codes and handles compare exactly, as in SQLite).
 * No triggers and no foreign keys on MySQL: TiDB has neither, and correctness never rests on them.
 */
export const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'

/**
 * A data step some migrations take after their DDL, the same on both engines: each distinct `from` text is split
 * by a pure rule (src/core) into itself and `into` (migration 018: "帆布袋 Canvas bag" → title "帆布袋", title_en
 * "Canvas bag"), one UPDATE per distinct text, so a large table (redemptions) costs as many statements as it has
 * different names, not rows.
 */
export interface RowSplit {
  table: string
  from: string
  into: string
  split: (text: string) => { zh: string; en?: string }
  /** `from` is UNIQUE: a text whose Chinese half another row already has stays whole */
  unique?: boolean
}

/** What a split writes: per distinct text that splits, its Chinese and English halves. */
export function planSplit(texts: string[], split: RowSplit): { text: string; zh: string; en: string }[] {
  const taken = new Set(texts)
  const out: { text: string; zh: string; en: string }[] = []
  for (const text of [...new Set(texts)].sort()) {
    const { zh, en } = split.split(text)
    if (en === undefined || zh === text) continue
    if (split.unique) {
      if (taken.has(zh)) continue
      taken.add(zh)
    }
    out.push({ text, zh, en })
  }
  return out
}
