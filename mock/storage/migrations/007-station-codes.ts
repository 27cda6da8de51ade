/**
 * Rotating station codes: a secret per station (filled in by the cloud at start, from crypto), the codes each
 * person has used (once per station and 30-second window), and the evidence of each drop on its entry.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
ALTER TABLE stations ADD COLUMN secret TEXT;
CREATE TABLE IF NOT EXISTS display_code_uses (
  openid TEXT NOT NULL,
  station_code TEXT NOT NULL,
  window_no INTEGER NOT NULL,
  PRIMARY KEY (openid, station_code, window_no)
) WITHOUT ROWID;
ALTER TABLE entries ADD COLUMN evidence TEXT;
`

const migration: Migration = {
  version: 7,
  name: 'rotating station codes: station secrets, used codes, evidence on entries',
  sqlite,
  mysql: [
    `ALTER TABLE stations ADD COLUMN secret VARCHAR(64)`,
    `CREATE TABLE display_code_uses (
      openid VARCHAR(64) NOT NULL, station_code VARCHAR(64) NOT NULL, window_no BIGINT NOT NULL,
      PRIMARY KEY (openid, station_code, window_no)) ${TABLE}`,
    `ALTER TABLE entries ADD COLUMN evidence VARCHAR(24)`,
  ],
}

export default migration
