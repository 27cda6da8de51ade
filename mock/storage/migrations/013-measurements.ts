/**
 * Measurements of any kind (issue 22): a check-in of a kind added since keeps what it measured as an integer
 * quantity and its unit (`cup`, `mL`…), so a new kind needs no column of its own. The first kinds keep theirs
 * (distance_m, duration_s, weight_g, steps): their entries, and the hashes over them, stay as written.
 */
import type { Migration } from './types'

const sqlite = `
ALTER TABLE entries ADD COLUMN quantity INTEGER;
ALTER TABLE entries ADD COLUMN unit TEXT;
`

const migration: Migration = {
  version: 13,
  name: 'measurements of any kind on entries: quantity and unit',
  sqlite,
  mysql: [`ALTER TABLE entries ADD COLUMN quantity BIGINT, ADD COLUMN unit VARCHAR(16)`],
}

export default migration
