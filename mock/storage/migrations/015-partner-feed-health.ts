/**
 * A partner's feed health for the organizer (issue 24): rows accepted, duplicate and refused per Shanghai day, and
 * when the partner last made a signed request. Kept per batch beside the rows' own transactions, so the page reads
 * a handful of counter rows instead of counting partner_rows.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
ALTER TABLE partners ADD COLUMN last_seen_at TEXT;
CREATE TABLE IF NOT EXISTS partner_feed_days (
  partner_id TEXT NOT NULL,
  day TEXT NOT NULL,
  accepted INTEGER NOT NULL,
  duplicate INTEGER NOT NULL,
  refused INTEGER NOT NULL,
  PRIMARY KEY (partner_id, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS partner_feed_days_by_day ON partner_feed_days (day);
`

const migration: Migration = {
  version: 15,
  name: "partners' feed health: rows per day, last seen",
  sqlite,
  mysql: [
    `ALTER TABLE partners ADD COLUMN last_seen_at VARCHAR(40)`,
    `CREATE TABLE partner_feed_days (
      partner_id VARCHAR(64) NOT NULL, day VARCHAR(10) NOT NULL, accepted BIGINT NOT NULL, duplicate BIGINT NOT NULL,
      refused BIGINT NOT NULL, PRIMARY KEY (partner_id, day), KEY partner_feed_days_by_day (day)) ${TABLE}`,
  ],
}

export default migration
