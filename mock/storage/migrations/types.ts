/** One schema change, written for both engines; the version is the same on both. */
export interface Migration {
  version: number
  name: string
  /** one script, run by better-sqlite3's exec inside the migration's transaction */
  sqlite: string
  /** one statement each: MySQL commits each DDL statement by itself, so they cannot share a transaction */
  mysql: string[]
}

/**
 * Every MySQL table: InnoDB, utf8mb4 with a binary collation (codes and handles compare exactly, as in SQLite).
 * No triggers and no foreign keys on MySQL: TiDB has neither, and correctness never rests on them.
 */
export const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'
