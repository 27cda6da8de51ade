/**
 * Communities (issue 13). A person's community sits on their wallet row, which every credit already locks, so
 * each entry is stamped with it and the city's counters move in the credit's own transaction. The counters are
 * kept in per-person slots (src/core/counters) so no row is written by the whole city. Rows made before
 * communities belong to none (''); the backfill puts existing totals in slot 0, which readers add up like any.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS communities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE wallets ADD COLUMN community_id TEXT NOT NULL DEFAULT '';
ALTER TABLE wallets ADD COLUMN community_set_ms INTEGER;
ALTER TABLE organizer_grants ADD COLUMN community_id TEXT;
ALTER TABLE stations ADD COLUMN community_id TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN hours TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN retired_at TEXT;
ALTER TABLE rewards ADD COLUMN community_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN community_id TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS reviews_by_community ON reviews (community_id, status, created_at);
ALTER TABLE entries ADD COLUMN community_id TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS entries_by_community_day ON entries (community_id, day);
CREATE INDEX IF NOT EXISTS entries_by_hash ON entries (hash);
CREATE TABLE IF NOT EXISTS community_counters (
  community_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  residents INTEGER NOT NULL,
  grams INTEGER NOT NULL,
  PRIMARY KEY (community_id, slot)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS community_day_grams (
  community_id TEXT NOT NULL,
  day TEXT NOT NULL,
  slot INTEGER NOT NULL,
  grams INTEGER NOT NULL,
  PRIMARY KEY (community_id, day, slot)
) WITHOUT ROWID;
INSERT INTO community_counters (community_id, slot, residents, grams)
  SELECT '', 0, (SELECT COUNT(*) FROM wallets WHERE head_seq > 0), COALESCE((SELECT SUM(grams) FROM entries), 0);
INSERT INTO community_day_grams (community_id, day, slot, grams)
  SELECT '', day, 0, SUM(grams) FROM entries GROUP BY day HAVING SUM(grams) <> 0;
`

const migration: Migration = {
  version: 9,
  name: 'communities: scoped organizers, station details and retirement, community counters in slots',
  sqlite,
  mysql: [
    `CREATE TABLE communities (
      id VARCHAR(64) PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at VARCHAR(40) NOT NULL,
      UNIQUE KEY communities_by_name (name)) ${TABLE}`,
    `ALTER TABLE wallets ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD COLUMN community_set_ms BIGINT`,
    `ALTER TABLE organizer_grants ADD COLUMN community_id VARCHAR(64)`,
    `ALTER TABLE stations ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD COLUMN address VARCHAR(200) NOT NULL DEFAULT '',
      ADD COLUMN hours VARCHAR(100) NOT NULL DEFAULT '', ADD COLUMN retired_at VARCHAR(40)`,
    `ALTER TABLE rewards ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT ''`,
    `ALTER TABLE reviews ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD KEY reviews_by_community (community_id, status, created_at)`,
    `ALTER TABLE entries ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD KEY entries_by_community_day (community_id, day),
      ADD KEY entries_by_hash (hash)`,
    `CREATE TABLE community_counters (
      community_id VARCHAR(64) NOT NULL, slot INT NOT NULL, residents BIGINT NOT NULL, grams BIGINT NOT NULL,
      PRIMARY KEY (community_id, slot)) ${TABLE}`,
    `CREATE TABLE community_day_grams (
      community_id VARCHAR(64) NOT NULL, day VARCHAR(10) NOT NULL, slot INT NOT NULL, grams BIGINT NOT NULL,
      PRIMARY KEY (community_id, day, slot)) ${TABLE}`,
    `INSERT INTO community_counters (community_id, slot, residents, grams)
      SELECT '', 0, (SELECT COUNT(*) FROM wallets WHERE head_seq > 0), COALESCE((SELECT SUM(grams) FROM entries), 0)`,
    `INSERT INTO community_day_grams (community_id, day, slot, grams)
      SELECT '', day, 0, SUM(grams) FROM entries GROUP BY day HAVING SUM(grams) <> 0`,
  ],
}

export default migration
