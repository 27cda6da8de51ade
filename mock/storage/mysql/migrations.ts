/**
 * The migrations as the MySQL family runs them (mysql/port.ts applies them in order at start, under the
 * migration lock, and records them in schema_migrations, so a database made by an earlier release upgrades in
 * place). The list, with each migration's SQLite text beside it, is ../migrations. Instants are ISO-8601
 * strings and grams and points integers, as on SQLite.
 */
import { MIGRATIONS, type RowSplit } from '../migrations'

export interface Migration {
  version: number
  name: string
  statements: string[]
  splits?: RowSplit[]
}

export const MYSQL_MIGRATIONS: Migration[] = MIGRATIONS.map((m) => ({ version: m.version, name: m.name, statements: m.mysql, splits: m.splits }))
