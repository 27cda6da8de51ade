/**
 * The daily cap's counter, filled from the ledger once (with the rule as it stands in src/core/credit.ts:
 * check-ins and their reversals); from then on appendEntry keeps it in the same transaction as the entry.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS day_factor_grams (
  openid TEXT NOT NULL,
  day TEXT NOT NULL,
  factor_id TEXT NOT NULL,
  grams INTEGER NOT NULL,
  PRIMARY KEY (openid, day, factor_id)
) WITHOUT ROWID;
INSERT INTO day_factor_grams (openid, day, factor_id, grams)
  SELECT openid, day, factor_id, SUM(grams) FROM entries
  WHERE factor_id IS NOT NULL AND type IN ('checkin', 'adjust') GROUP BY openid, day, factor_id;
`

const migration: Migration = {
  version: 2,
  name: 'daily-cap counters: grams per person, day and factor, kept with each entry',
  sqlite,
  mysql: [
    `CREATE TABLE day_factor_grams (
      openid VARCHAR(64) NOT NULL, day CHAR(10) NOT NULL, factor_id VARCHAR(64) NOT NULL, grams BIGINT NOT NULL,
      PRIMARY KEY (openid, day, factor_id)) ${TABLE}`,
    // Filled from the ledger once, with the rule as it stands in src/core/credit.ts (check-ins and reversals).
    `INSERT INTO day_factor_grams (openid, day, factor_id, grams)
      SELECT openid, day, factor_id, SUM(grams) FROM entries
      WHERE factor_id IS NOT NULL AND type IN ('checkin', 'adjust') GROUP BY openid, day, factor_id`,
  ],
}

export default migration
