/**
 * The schema, once: numbered migrations, each with its SQLite and its MySQL text side by side (NNN-name.ts), the
 * same number on both engines. SQLite applies them in mock/storage/sqlite.ts, MySQL in ./mysql/port.ts (under
 * the migration lock), and both record them in schema_migrations. A schema change is a new file here with the
 * next number, written for both engines, added to the list below; an applied migration's text never changes,
 * since databases that ran it would not run it again. test/cloud/schema.test.ts compares the two live schemas.
 */
import m001 from './001-release-1'
import m002 from './002-day-factor-grams'
import m003 from './003-holdings-and-slots'
import m004 from './004-challenge-counters'
import m005 from './005-held-points'
import m006 from './006-budgets'
import m007 from './007-station-codes'
import m008 from './008-reminders'
import m009 from './009-communities'
import m010 from './010-events'
import m011 from './011-round-3-trust'
import m012 from './012-one-schema'
import m013 from './013-measurements'
import m014 from './014-partners'
import m015 from './015-partner-feed-health'
import m016 from './016-evidence-grams'
import m017 from './017-merchants'
import m018 from './018-bilingual-names'
import m019 from './019-scenes'
import m020 from './020-partner-stations'
import type { Migration } from './types'

export type { Migration, RowSplit } from './types'
export { planSplit } from './types'

export const MIGRATIONS: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
  m018,
  m019,
  m020,
]

// A gap or a repeat would let one engine skip or re-run a change: refuse to start instead.
MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`schema migrations must be numbered 1, 2, 3…: #${i + 1} says ${m.version}`)
})
