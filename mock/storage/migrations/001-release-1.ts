/**
 * Release 1's tables and v1.1's identity tables. On SQLite these were two migrations (1 and 2) until the
 * numbering was made one (renumberOldSqlite in ../sqlite.ts); MySQL started at v1.1, with both in one.
 */
import { TABLE, type Migration } from './types'

/** Release 1's tables: IF NOT EXISTS, so a database made before migrations were recorded adopts it as done. */
const RELEASE_1_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS users (
  openid TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  nickname TEXT NOT NULL,
  roles TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS methodologies (
  version TEXT PRIMARY KEY,
  grams_per_point INTEGER NOT NULL CHECK (grams_per_point > 0)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS factors (
  version TEXT NOT NULL REFERENCES methodologies(version),
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (version, id)
); -- rowid kept: factors list in the order they were seeded

CREATE TABLE IF NOT EXISTS stations (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  materials TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rewards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  image_url TEXT,
  points_cost INTEGER NOT NULL CHECK (points_cost > 0),
  stock INTEGER NOT NULL CHECK (stock >= 0),
  per_user_limit INTEGER NOT NULL CHECK (per_user_limit > 0),
  valid_days INTEGER NOT NULL CHECK (valid_days > 0),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS redemptions (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  reward_id TEXT NOT NULL REFERENCES rewards(id),
  reward_title TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'fulfilled', 'cancelled', 'expired')),
  points_cost INTEGER NOT NULL CHECK (points_cost > 0),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  closed_at TEXT,
  verified_by TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS redemptions_by_owner ON redemptions (openid, reward_id, status);
CREATE INDEX IF NOT EXISTS redemptions_due ON redemptions (status, expires_at_ms);

CREATE TABLE IF NOT EXISTS reviews (
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL UNIQUE,
  openid TEXT NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'reversed')),
  created_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  adjust_entry_id TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reviews_by_status ON reviews (status, created_at);

CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  goal_points INTEGER NOT NULL CHECK (goal_points > 0),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  invite_code TEXT NOT NULL UNIQUE,
  leader TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS group_members (
  group_id TEXT NOT NULL REFERENCES groups(id),
  openid TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  PRIMARY KEY (group_id, openid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS group_members_by_user ON group_members (openid);

CREATE TABLE IF NOT EXISTS challenges (
  id TEXT PRIMARY KEY,
  group_id TEXT REFERENCES groups(id),
  creator TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  metric TEXT NOT NULL CHECK (metric IN ('gramsCo2e', 'checkins', 'recyclingKg', 'travelKm')),
  mode TEXT,
  target_member INTEGER CHECK (target_member > 0),
  target_group INTEGER CHECK (target_group > 0),
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  bonus_points INTEGER NOT NULL CHECK (bonus_points > 0),
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS challenge_participants (
  challenge_id TEXT NOT NULL REFERENCES challenges(id),
  openid TEXT NOT NULL,
  group_id TEXT,
  joined_ms INTEGER NOT NULL,
  value INTEGER NOT NULL DEFAULT 0,
  value_ms INTEGER NOT NULL,
  bonus_entry_id TEXT,
  PRIMARY KEY (challenge_id, openid)
) WITHOUT ROWID;
-- The leaderboard order: value, then who got there first. Top-N and a rank are index range scans.
CREATE INDEX IF NOT EXISTS challenge_board ON challenge_participants (challenge_id, value DESC, value_ms);
CREATE INDEX IF NOT EXISTS challenge_by_user ON challenge_participants (openid);

CREATE TABLE IF NOT EXISTS requests (
  openid TEXT NOT NULL,
  request_id TEXT NOT NULL,
  fn TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  result_ref TEXT NOT NULL,
  capped INTEGER NOT NULL,
  PRIMARY KEY (openid, request_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS wallets (
  openid TEXT PRIMARY KEY,
  grams_total INTEGER NOT NULL,
  points_balance INTEGER NOT NULL CHECK (points_balance >= 0),
  points_earned INTEGER NOT NULL CHECK (points_earned >= 0),
  points_spent INTEGER NOT NULL CHECK (points_spent >= 0),
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  CHECK (points_earned - points_spent = points_balance)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS entries (
  openid TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  grams INTEGER NOT NULL,
  points INTEGER NOT NULL,
  factor_id TEXT,
  source_version TEXT,
  methodology_version TEXT,
  day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  occurred_at TEXT,
  ref TEXT,
  distance_m INTEGER,
  duration_s INTEGER,
  weight_g INTEGER,
  station_code TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (openid, seq)
) WITHOUT ROWID;

-- Vouchers, refunds, donations and reversals point at what they belong to; check-ins (no ref) skip it.
CREATE INDEX IF NOT EXISTS entries_by_ref ON entries (ref) WHERE ref IS NOT NULL;

-- Serves both the daily-cap sum (openid, day, factor) and the streak scan (openid, day).
CREATE INDEX IF NOT EXISTS entries_by_day ON entries (openid, day, factor_id);

CREATE TRIGGER IF NOT EXISTS entries_append_only_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_append_only_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
`

/** v1.1: WeChat sessions, organizer grants with their history, privacy agreements. */
const IDENTITY_TABLES = `
CREATE TABLE IF NOT EXISTS wechat_sessions (
  openid TEXT PRIMARY KEY,
  session_key TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS organizer_grants (
  openid TEXT PRIMARY KEY,
  granted_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS organizer_grant_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  openid TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
  at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS privacy_agreements (
  openid TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  agreed_at TEXT NOT NULL
) WITHOUT ROWID;

`

const migration: Migration = {
  version: 1,
  name: 'v1.1 schema: ledger, rewards, reviews, projects, groups, challenges, identity',
  sqlite: RELEASE_1_SCHEMA + IDENTITY_TABLES,
  mysql: [
    `CREATE TABLE meta (\`key\` VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL) ${TABLE}`,
    `CREATE TABLE users (
      openid VARCHAR(64) PRIMARY KEY, handle VARCHAR(200) NOT NULL UNIQUE, nickname TEXT NOT NULL, roles VARCHAR(64) NOT NULL,
      created_at VARCHAR(40) NOT NULL, deleted_at VARCHAR(40)) ${TABLE}`,
    `CREATE TABLE wechat_sessions (openid VARCHAR(64) PRIMARY KEY, session_key VARCHAR(128) NOT NULL, updated_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE organizer_grants (openid VARCHAR(64) PRIMARY KEY, granted_at VARCHAR(40) NOT NULL, revoked_at VARCHAR(40)) ${TABLE}`,
    `CREATE TABLE organizer_grant_history (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, openid VARCHAR(64) NOT NULL,
      action VARCHAR(8) NOT NULL CHECK (action IN ('grant', 'revoke')), at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE privacy_agreements (openid VARCHAR(64) PRIMARY KEY, version BIGINT NOT NULL, agreed_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE methodologies (version VARCHAR(32) PRIMARY KEY, grams_per_point BIGINT NOT NULL CHECK (grams_per_point > 0)) ${TABLE}`,
    `CREATE TABLE factors (
      version VARCHAR(32) NOT NULL, id VARCHAR(64) NOT NULL, body TEXT NOT NULL, ordinal BIGINT NOT NULL AUTO_INCREMENT,
      PRIMARY KEY (version, id), UNIQUE KEY factors_order (ordinal)) ${TABLE}`,
    `CREATE TABLE stations (code VARCHAR(32) PRIMARY KEY, name TEXT NOT NULL, materials TEXT NOT NULL) ${TABLE}`,
    `CREATE TABLE rewards (
      id VARCHAR(64) PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, image_url TEXT,
      points_cost BIGINT NOT NULL CHECK (points_cost > 0), stock BIGINT NOT NULL CHECK (stock >= 0),
      per_user_limit BIGINT NOT NULL CHECK (per_user_limit > 0), valid_days BIGINT NOT NULL CHECK (valid_days > 0),
      active TINYINT NOT NULL DEFAULT 1, created_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE redemptions (
      id VARCHAR(64) PRIMARY KEY, openid VARCHAR(64) NOT NULL, reward_id VARCHAR(64) NOT NULL, reward_title TEXT NOT NULL,
      code VARCHAR(32) NOT NULL UNIQUE, status VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'fulfilled', 'cancelled', 'expired')),
      points_cost BIGINT NOT NULL CHECK (points_cost > 0), created_at VARCHAR(40) NOT NULL, expires_at VARCHAR(40) NOT NULL,
      expires_at_ms BIGINT NOT NULL, closed_at VARCHAR(40), verified_by VARCHAR(64),
      KEY redemptions_by_owner (openid, reward_id, status), KEY redemptions_due (status, expires_at_ms)) ${TABLE}`,
    `CREATE TABLE reviews (
      id VARCHAR(64) PRIMARY KEY, entry_id VARCHAR(64) NOT NULL UNIQUE, openid VARCHAR(64) NOT NULL, reasons TEXT NOT NULL,
      status VARCHAR(16) NOT NULL CHECK (status IN ('open', 'confirmed', 'reversed')), created_at VARCHAR(40) NOT NULL,
      decided_by VARCHAR(64), decided_at VARCHAR(40), adjust_entry_id VARCHAR(64),
      KEY reviews_by_status (status, created_at)) ${TABLE}`,
    `CREATE TABLE projects (
      id VARCHAR(64) PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, goal_points BIGINT NOT NULL CHECK (goal_points > 0),
      active TINYINT NOT NULL DEFAULT 1, created_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE \`groups\` (
      id VARCHAR(64) PRIMARY KEY, name TEXT NOT NULL, invite_code VARCHAR(16) NOT NULL UNIQUE, leader VARCHAR(64) NOT NULL,
      created_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE group_members (
      group_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, joined_at VARCHAR(40) NOT NULL,
      PRIMARY KEY (group_id, openid), KEY group_members_by_user (openid)) ${TABLE}`,
    `CREATE TABLE challenges (
      id VARCHAR(64) PRIMARY KEY, group_id VARCHAR(64), creator VARCHAR(64) NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
      metric VARCHAR(16) NOT NULL CHECK (metric IN ('gramsCo2e', 'checkins', 'recyclingKg', 'travelKm')), mode VARCHAR(16),
      target_member BIGINT CHECK (target_member > 0), target_group BIGINT CHECK (target_group > 0),
      start_day CHAR(10) NOT NULL, end_day CHAR(10) NOT NULL, bonus_points BIGINT NOT NULL CHECK (bonus_points > 0),
      created_at VARCHAR(40) NOT NULL, KEY challenges_by_group (group_id, created_at)) ${TABLE}`,
    `CREATE TABLE challenge_participants (
      challenge_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, group_id VARCHAR(64), joined_ms BIGINT NOT NULL,
      value BIGINT NOT NULL DEFAULT 0, value_ms BIGINT NOT NULL, bonus_entry_id VARCHAR(64),
      PRIMARY KEY (challenge_id, openid), KEY challenge_board (challenge_id, value DESC, value_ms), KEY challenge_by_user (openid)) ${TABLE}`,
    `CREATE TABLE requests (
      openid VARCHAR(64) NOT NULL, request_id VARCHAR(64) NOT NULL, fn VARCHAR(64) NOT NULL, payload_hash CHAR(64) NOT NULL,
      result_ref VARCHAR(64) NOT NULL, capped TINYINT NOT NULL, PRIMARY KEY (openid, request_id)) ${TABLE}`,
    `CREATE TABLE wallets (
      openid VARCHAR(64) PRIMARY KEY, grams_total BIGINT NOT NULL, points_balance BIGINT NOT NULL CHECK (points_balance >= 0),
      points_earned BIGINT NOT NULL CHECK (points_earned >= 0), points_spent BIGINT NOT NULL CHECK (points_spent >= 0),
      head_seq BIGINT NOT NULL, head_hash CHAR(64) NOT NULL, CHECK (points_earned - points_spent = points_balance)) ${TABLE}`,
    `CREATE TABLE entries (
      openid VARCHAR(64) NOT NULL, seq BIGINT NOT NULL CHECK (seq > 0), id VARCHAR(64) NOT NULL UNIQUE, type VARCHAR(16) NOT NULL,
      grams BIGINT NOT NULL, points BIGINT NOT NULL, factor_id VARCHAR(64), source_version VARCHAR(64), methodology_version VARCHAR(32),
      day CHAR(10) NOT NULL, created_at VARCHAR(40) NOT NULL, occurred_at VARCHAR(40), ref VARCHAR(64),
      distance_m BIGINT, duration_s BIGINT, weight_g BIGINT, station_code VARCHAR(32), prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL,
      PRIMARY KEY (openid, seq), KEY entries_by_ref (ref), KEY entries_by_day (openid, day, factor_id), KEY entries_by_day_all (day, type)) ${TABLE}`,
  ],
}

export default migration
