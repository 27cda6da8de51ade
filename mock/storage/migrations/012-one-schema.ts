/**
 * One schema (issue 22): what test/cloud/schema.test.ts found the engines disagreeing on when the two lists
 * became one. Both are indexes MySQL has had since its v1.1 and SQLite never got: a group's challenges listed
 * newest first, and the city's statistics, which range over every resident's entries by day and type. MySQL is
 * already right, so its side is empty (the version is still recorded there, keeping the numbers in step).
 */
import type { Migration } from './types'

const migration: Migration = {
  version: 12,
  name: 'one schema: the indexes SQLite lacked (challenges by group, entries by day and type)',
  sqlite: `
CREATE INDEX IF NOT EXISTS challenges_by_group ON challenges (group_id, created_at);
CREATE INDEX IF NOT EXISTS entries_by_day_all ON entries (day, type);
`,
  mysql: [],
}

export default migration
