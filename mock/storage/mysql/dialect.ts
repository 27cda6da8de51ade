/**
 * The engine's SQL is written for SQLite; these rewrites give the same statements in the MySQL family's
 * syntax (MySQL 8, MariaDB 10.11, TiDB 7). Each rule is one syntax difference, nothing more.
 */
const RULES: [RegExp, string][] = [
  // reserved words in MySQL 8
  [/\b(FROM|INTO|JOIN|UPDATE)\s+groups\b/g, '$1 `groups`'],
  [/\bmeta \(key, value\)/g, 'meta (`key`, value)'],
  [/\bWHERE key = \?/g, 'WHERE `key` = ?'],
  // "insert unless it exists": the duplicate is ignored, changes is 0
  [/\bINSERT OR IGNORE INTO\b/g, 'INSERT IGNORE INTO'],
  [/\bINSERT INTO (\w+) (\([^)]*\)) VALUES (\([^)]*\)) ON CONFLICT\s*\(\w+\) DO NOTHING/g, 'INSERT IGNORE INTO $1 $2 VALUES $3'],
  // upserts
  [/\bON CONFLICT\s*\([^)]*\)\s*DO UPDATE SET\b/g, 'ON DUPLICATE KEY UPDATE'],
  [/\bexcluded\.(\w+)/g, 'VALUES($1)'],
  // null-safe equality
  [/ IS \?/g, ' <=> ?'],
  // factors keep the order they were seeded in: SQLite's rowid, an explicit column here
  [/\bORDER BY rowid\b/g, 'ORDER BY ordinal'],
  // named parameters: @name in SQLite, :name for mysql2
  [/@(\w+)/g, ':$1'],
]

const cache = new Map<string, string>()

export function toMysql(sql: string): string {
  let out = cache.get(sql)
  if (out === undefined) {
    out = RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), sql)
    cache.set(sql, out)
  }
  return out
}
