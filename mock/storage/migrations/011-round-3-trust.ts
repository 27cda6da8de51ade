/**
 * Round 3 trust (issue 21). The city's treasury: issuances (who, when, why; capped per month), allocations to
 * purses (a community's allowance, or '' the city's own) and the budgets drawn from them, with what a budget gives
 * back when its event closes. Budgets made before the treasury are carried over as issued and allocated to the
 * city's purse, so the audit traces every existing point from the first day.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS treasury (
  id TEXT PRIMARY KEY,
  issued INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0),
  allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= issued)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS treasury_months (
  month TEXT PRIMARY KEY,
  issued INTEGER NOT NULL CHECK (issued >= 0)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS treasury_issuances (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  reason TEXT NOT NULL,
  month TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS treasury_issuances_by_time ON treasury_issuances (created_at);
CREATE TABLE IF NOT EXISTS allowances (
  purse TEXT PRIMARY KEY,
  granted INTEGER NOT NULL DEFAULT 0 CHECK (granted >= 0),
  spent INTEGER NOT NULL DEFAULT 0 CHECK (spent >= 0 AND spent <= granted)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS allowance_grants (
  id TEXT PRIMARY KEY,
  purse TEXT NOT NULL,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS allowance_grants_by_purse ON allowance_grants (purse, created_at);
ALTER TABLE budget_fundings ADD COLUMN purse TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS budget_returns (
  id TEXT PRIMARY KEY,
  budget_id TEXT NOT NULL,
  purse TEXT NOT NULL,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE events ADD COLUMN budget_closed_at TEXT;
CREATE INDEX IF NOT EXISTS events_budget_open ON events (budget_closed_at, ends_ms);
ALTER TABLE challenges ADD COLUMN budget_closed_at TEXT;
CREATE INDEX IF NOT EXISTS challenges_budget_open ON challenges (budget_closed_at, end_day);
INSERT INTO treasury (id, issued, allocated) SELECT 'city', COALESCE(SUM(points), 0), COALESCE(SUM(points), 0) FROM budget_fundings;
INSERT INTO treasury_months (month, issued) SELECT '0000-00', SUM(points) FROM budget_fundings HAVING COUNT(*) > 0;
INSERT INTO treasury_issuances (id, openid, points, reason, month, created_at)
  SELECT 'ti_carried_over', '', SUM(points), 'budgets funded before the treasury, carried over', '0000-00', MIN(created_at) FROM budget_fundings HAVING COUNT(*) > 0;
INSERT INTO allowances (purse, granted, spent) SELECT '', COALESCE(SUM(points), 0), COALESCE(SUM(points), 0) FROM budget_fundings;
INSERT INTO allowance_grants (id, purse, openid, points, reason, created_at)
  SELECT 'ag_carried_over', '', '', SUM(points), 'budgets funded before the treasury, carried over', MIN(created_at) FROM budget_fundings HAVING COUNT(*) > 0;
-- Bonuses a flagged check-in triggered: paid and held with it, released or taken back by its decision.
CREATE TABLE IF NOT EXISTS review_holds (
  review_id TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  challenge_id TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  PRIMARY KEY (review_id, entry_id)
) WITHOUT ROWID;
-- A deleted account's limits, under a keyed hash of the identity it logged in with (src/core/departure); a
-- closed wallet takes no more writes from its owner; a group whose last member left is closed.
CREATE TABLE IF NOT EXISTS departed_identities (
  identity_hash TEXT PRIMARY KEY,
  carried TEXT NOT NULL,
  until_ms INTEGER,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS departed_identities_by_end ON departed_identities (until_ms);
ALTER TABLE wallets ADD COLUMN closed_at TEXT;
ALTER TABLE groups ADD COLUMN closed_at TEXT;
-- How many residents scanned each window of a station's display code (a screenshot that travelled), and which
-- entry each scan credited; what each review holds (its own figure, released exactly on the decision).
CREATE TABLE IF NOT EXISTS display_code_windows (
  station_code TEXT NOT NULL,
  window_no INTEGER NOT NULL,
  uses INTEGER NOT NULL,
  PRIMARY KEY (station_code, window_no)
) WITHOUT ROWID;
ALTER TABLE display_code_uses ADD COLUMN entry_id TEXT;
CREATE INDEX IF NOT EXISTS display_code_uses_by_window ON display_code_uses (station_code, window_no);
ALTER TABLE reviews ADD COLUMN held_points INTEGER NOT NULL DEFAULT 0 CHECK (held_points >= 0);
UPDATE reviews SET held_points = COALESCE((SELECT MAX(e.points, 0) FROM entries e WHERE e.id = reviews.entry_id), 0) WHERE status = 'open';
-- An event may check that attendees are on site: its place (micro-degrees, WGS-84) and radius, and each
-- attendance's distance from it, kept as evidence.
ALTER TABLE events ADD COLUMN latitude_e6 INTEGER;
ALTER TABLE events ADD COLUMN longitude_e6 INTEGER;
ALTER TABLE events ADD COLUMN radius_m INTEGER;
ALTER TABLE event_signups ADD COLUMN distance_m INTEGER;
-- Progress that waits for review (a flagged check-in's share) completes nothing until it is confirmed; and what a
-- person who ran an event or made or funded a challenge is not paid by, kept across a deletion of their account.
ALTER TABLE challenge_participants ADD COLUMN pending_value INTEGER NOT NULL DEFAULT 0;
ALTER TABLE challenge_group_values ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS unpaid_by (
  openid TEXT NOT NULL,
  ref TEXT NOT NULL,
  until_ms INTEGER NOT NULL,
  PRIMARY KEY (openid, ref)
) WITHOUT ROWID;
-- Organizers paid by their own events or challenges: the audit counts them from this release on (a database
-- with history keeps what was paid before the rule).
INSERT OR IGNORE INTO meta (key, value)
  SELECT 'separation_of_duties_since', strftime('%Y-%m-%dT%H:%M:%S.000+08:00', 'now', '+8 hours') WHERE EXISTS (SELECT 1 FROM entries);
`

const migration: Migration = {
  version: 11,
  name: 'round 3 trust: the treasury, purses and budget returns',
  sqlite,
  mysql: [
    `CREATE TABLE treasury (
      id VARCHAR(16) PRIMARY KEY, issued BIGINT NOT NULL DEFAULT 0 CHECK (issued >= 0),
      allocated BIGINT NOT NULL DEFAULT 0, CHECK (allocated >= 0 AND allocated <= issued)) ${TABLE}`,
    `CREATE TABLE treasury_months (month CHAR(7) PRIMARY KEY, issued BIGINT NOT NULL CHECK (issued >= 0)) ${TABLE}`,
    `CREATE TABLE treasury_issuances (
      id VARCHAR(64) PRIMARY KEY, openid VARCHAR(64) NOT NULL, points BIGINT NOT NULL CHECK (points > 0), reason TEXT NOT NULL,
      month CHAR(7) NOT NULL, created_at VARCHAR(40) NOT NULL, KEY treasury_issuances_by_time (created_at)) ${TABLE}`,
    `CREATE TABLE allowances (
      purse VARCHAR(64) PRIMARY KEY, granted BIGINT NOT NULL DEFAULT 0 CHECK (granted >= 0),
      spent BIGINT NOT NULL DEFAULT 0, CHECK (spent >= 0 AND spent <= granted)) ${TABLE}`,
    `CREATE TABLE allowance_grants (
      id VARCHAR(64) PRIMARY KEY, purse VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, points BIGINT NOT NULL CHECK (points > 0),
      reason TEXT NOT NULL, created_at VARCHAR(40) NOT NULL, KEY allowance_grants_by_purse (purse, created_at)) ${TABLE}`,
    `ALTER TABLE budget_fundings ADD COLUMN purse VARCHAR(64) NOT NULL DEFAULT ''`,
    `CREATE TABLE budget_returns (
      id VARCHAR(80) PRIMARY KEY, budget_id VARCHAR(64) NOT NULL, purse VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL,
      points BIGINT NOT NULL CHECK (points > 0), created_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `ALTER TABLE events ADD COLUMN budget_closed_at VARCHAR(40), ADD KEY events_budget_open (budget_closed_at, ends_ms)`,
    `ALTER TABLE challenges ADD COLUMN budget_closed_at VARCHAR(40), ADD KEY challenges_budget_open (budget_closed_at, end_day)`,
    // Budgets funded before the treasury are carried over as issued and allocated to the city's purse.
    `INSERT INTO treasury (id, issued, allocated) SELECT 'city', COALESCE(SUM(points), 0), COALESCE(SUM(points), 0) FROM budget_fundings`,
    `INSERT INTO treasury_months (month, issued) SELECT '0000-00', SUM(points) FROM budget_fundings HAVING COUNT(*) > 0`,
    `INSERT INTO treasury_issuances (id, openid, points, reason, month, created_at)
      SELECT 'ti_carried_over', '', SUM(points), 'budgets funded before the treasury, carried over', '0000-00', MIN(created_at) FROM budget_fundings HAVING COUNT(*) > 0`,
    `INSERT INTO allowances (purse, granted, spent) SELECT '', COALESCE(SUM(points), 0), COALESCE(SUM(points), 0) FROM budget_fundings`,
    `INSERT INTO allowance_grants (id, purse, openid, points, reason, created_at)
      SELECT 'ag_carried_over', '', '', SUM(points), 'budgets funded before the treasury, carried over', MIN(created_at) FROM budget_fundings HAVING COUNT(*) > 0`,
    `CREATE TABLE review_holds (
      review_id VARCHAR(64) NOT NULL, entry_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, challenge_id VARCHAR(64) NOT NULL,
      points BIGINT NOT NULL CHECK (points > 0), PRIMARY KEY (review_id, entry_id)) ${TABLE}`,
    `CREATE TABLE departed_identities (
      identity_hash CHAR(64) PRIMARY KEY, carried MEDIUMTEXT NOT NULL, until_ms BIGINT, updated_at VARCHAR(40) NOT NULL,
      KEY departed_identities_by_end (until_ms)) ${TABLE}`,
    `ALTER TABLE wallets ADD COLUMN closed_at VARCHAR(40)`,
    `ALTER TABLE \`groups\` ADD COLUMN closed_at VARCHAR(40)`,
    `CREATE TABLE display_code_windows (
      station_code VARCHAR(64) NOT NULL, window_no BIGINT NOT NULL, uses BIGINT NOT NULL, PRIMARY KEY (station_code, window_no)) ${TABLE}`,
    `ALTER TABLE display_code_uses ADD COLUMN entry_id VARCHAR(64), ADD KEY display_code_uses_by_window (station_code, window_no)`,
    `ALTER TABLE reviews ADD COLUMN held_points BIGINT NOT NULL DEFAULT 0 CHECK (held_points >= 0)`,
    `UPDATE reviews r SET held_points = COALESCE((SELECT GREATEST(e.points, 0) FROM entries e WHERE e.id = r.entry_id), 0) WHERE r.status = 'open'`,
    `ALTER TABLE events ADD COLUMN latitude_e6 BIGINT, ADD COLUMN longitude_e6 BIGINT, ADD COLUMN radius_m BIGINT`,
    `ALTER TABLE event_signups ADD COLUMN distance_m BIGINT`,
    `ALTER TABLE challenge_participants ADD COLUMN pending_value BIGINT NOT NULL DEFAULT 0`,
    `ALTER TABLE challenge_group_values ADD COLUMN pending BIGINT NOT NULL DEFAULT 0`,
    `CREATE TABLE unpaid_by (
      openid VARCHAR(64) NOT NULL, ref VARCHAR(64) NOT NULL, until_ms BIGINT NOT NULL, PRIMARY KEY (openid, ref)) ${TABLE}`,
    // Organizers paid by their own events or challenges: counted by the audit from this release on.
    `INSERT IGNORE INTO meta (\`key\`, value)
      SELECT 'separation_of_duties_since', DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-%dT%H:%i:%s.000+08:00') FROM DUAL WHERE EXISTS (SELECT 1 FROM entries)`,
  ],
}

export default migration
