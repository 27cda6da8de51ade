/**
 * Low-carbon scenes at venues (issue 24): a venue is a station that enables some scenes (own cup, no disposable
 * tableware, clean plate), kept as a JSON list beside its materials; it shows the station display's rotating code.
 * NULL: a recycling station as before, enabling no scene.
 */
import type { Migration } from './types'

const migration: Migration = {
  version: 19,
  name: 'the scenes a venue (a station) enables',
  sqlite: `ALTER TABLE stations ADD COLUMN behaviours TEXT;`,
  mysql: [`ALTER TABLE stations ADD COLUMN behaviours TEXT`],
}

export default migration
