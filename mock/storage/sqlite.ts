/**
 * SQLite, the embedded default: one better-sqlite3 connection in WAL mode, the schema, WAL checkpoints off
 * the request path, and an executor that prepares each statement once. The SQL itself is in ./sqlEngine.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, startCheckpointer, WRITER_BACKSTOP_PAGES, type Checkpointer } from './checkpointer'
import type { SqlExecutor, SqlStatement } from './sqlEngine'

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

/**
 * The daily cap's counter, filled from the ledger once (with the rule as it stands in src/core/credit.ts:
 * check-ins and their reversals); from then on appendEntry keeps it in the same transaction as the entry.
 */
const DAY_FACTOR_GRAMS = `
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

/**
 * Counters for the per-person reward limit and for project totals (split into slots by person), filled once
 * from the redemptions and the donate entries (all into slot 0: the slot only spreads later writers).
 */
const HOLDINGS_AND_SLOTS = `
CREATE TABLE IF NOT EXISTS reward_holdings (
  openid TEXT NOT NULL,
  reward_id TEXT NOT NULL,
  held INTEGER NOT NULL CHECK (held >= 0),
  PRIMARY KEY (openid, reward_id)
) WITHOUT ROWID;
INSERT INTO reward_holdings (openid, reward_id, held)
  SELECT openid, reward_id, COUNT(*) FROM redemptions WHERE status IN ('pending', 'fulfilled') GROUP BY openid, reward_id;
CREATE TABLE IF NOT EXISTS project_donations (
  project_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (project_id, openid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS project_donations_by_donor ON project_donations (openid);
INSERT INTO project_donations (project_id, openid, points)
  SELECT ref, openid, -SUM(points) FROM entries WHERE type = 'donate' GROUP BY ref, openid;
CREATE TABLE IF NOT EXISTS project_slots (
  project_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  raised INTEGER NOT NULL,
  donors INTEGER NOT NULL,
  PRIMARY KEY (project_id, slot)
) WITHOUT ROWID;
INSERT INTO project_slots (project_id, slot, raised, donors)
  SELECT project_id, 0, SUM(points), COUNT(*) FROM project_donations GROUP BY project_id;
`

/**
 * Challenge counters: participants per challenge in per-person slots (an open challenge is joined by the
 * whole city), each group's value per challenge (written by that group's members only), and a member who
 * leaves drops off the board (left_ms, inside the board index so a rank stays one range count). Recent
 * station drops per person and station, so a burst is judged from one row on both clocks. Pooled "no group"
 * values are not carried over: group targets count real groups only.
 */
const CHALLENGE_COUNTERS = `
ALTER TABLE challenge_participants ADD COLUMN left_ms INTEGER;
DROP INDEX IF EXISTS challenge_board;
CREATE INDEX challenge_board ON challenge_participants (challenge_id, left_ms, value DESC, value_ms);
CREATE INDEX IF NOT EXISTS challenge_by_group ON challenge_participants (challenge_id, group_id);
CREATE TABLE IF NOT EXISTS challenge_slots (
  challenge_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  participants INTEGER NOT NULL,
  PRIMARY KEY (challenge_id, slot)
) WITHOUT ROWID;
INSERT INTO challenge_slots (challenge_id, slot, participants)
  SELECT challenge_id, 0, COUNT(*) FROM challenge_participants GROUP BY challenge_id;
CREATE TABLE IF NOT EXISTS challenge_group_values (
  challenge_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (challenge_id, group_id)
) WITHOUT ROWID;
INSERT INTO challenge_group_values (challenge_id, group_id, value)
  SELECT challenge_id, group_id, SUM(value) FROM challenge_participants WHERE group_id IS NOT NULL GROUP BY challenge_id, group_id;
CREATE INDEX IF NOT EXISTS challenge_group_board ON challenge_group_values (challenge_id, value DESC);
CREATE TABLE IF NOT EXISTS station_drops (
  openid TEXT NOT NULL,
  station_code TEXT NOT NULL,
  recent TEXT NOT NULL,
  PRIMARY KEY (openid, station_code)
) WITHOUT ROWID;
`

/**
 * Points held for review: a flagged check-in's points stay in the balance but cannot be spent until an
 * organizer decides, so a reversal always finds them. Filled once from the open reviews (never more than
 * the balance, for wallets that spent such points before this release). A person's total across factors per
 * day is a counter row beside the per-factor ones (factor '*'), and their recent trips sit on their wallet row,
 * read with its lock, for the overlap check.
 */
const HELD_POINTS = `
ALTER TABLE wallets ADD COLUMN points_held INTEGER NOT NULL DEFAULT 0 CHECK (points_held >= 0);
UPDATE wallets SET points_held = MIN(points_balance, COALESCE((
  SELECT SUM(e.points) FROM reviews r JOIN entries e ON e.id = r.entry_id WHERE r.status = 'open' AND r.openid = wallets.openid AND e.points > 0
), 0));
INSERT INTO day_factor_grams (openid, day, factor_id, grams)
  SELECT openid, day, '*', SUM(grams) FROM day_factor_grams WHERE factor_id <> '*' GROUP BY openid, day;
ALTER TABLE wallets ADD COLUMN recent_trips TEXT;
`

/**
 * Funded bonuses: a challenge pays bonus points only from a budget organizers funded (every funding kept with
 * who and when), and a completion without budget left earns a badge (completed_ms) instead. Bonuses paid
 * before budgets existed are carried over as funded and spent, so the books balance from the first day.
 */
const BUDGETS = `
ALTER TABLE challenges ADD COLUMN budget_points INTEGER NOT NULL DEFAULT 0 CHECK (budget_points >= 0);
ALTER TABLE challenges ADD COLUMN budget_spent INTEGER NOT NULL DEFAULT 0 CHECK (budget_spent >= 0);
UPDATE challenges SET budget_points = COALESCE((SELECT SUM(points) FROM entries WHERE type = 'bonus' AND ref = challenges.id), 0),
  budget_spent = COALESCE((SELECT SUM(points) FROM entries WHERE type = 'bonus' AND ref = challenges.id), 0);
ALTER TABLE challenge_participants ADD COLUMN completed_ms INTEGER;
UPDATE challenge_participants SET completed_ms = value_ms WHERE bonus_entry_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS budget_fundings (
  id TEXT PRIMARY KEY,
  challenge_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS budget_fundings_by_challenge ON budget_fundings (challenge_id);
ALTER TABLE entries ADD COLUMN steps INTEGER;
INSERT INTO budget_fundings (id, challenge_id, openid, points, created_at)
  SELECT 'bf_migrated_' || id, id, creator, budget_points, created_at FROM challenges WHERE budget_points > 0;
`

/**
 * Rotating station codes: a secret per station (filled in by the cloud at start, from crypto), the codes each
 * person has used (once per station and 30-second window), and the evidence of each drop on its entry.
 */
const STATION_CODES = `
ALTER TABLE stations ADD COLUMN secret TEXT;
CREATE TABLE IF NOT EXISTS display_code_uses (
  openid TEXT NOT NULL,
  station_code TEXT NOT NULL,
  window_no INTEGER NOT NULL,
  PRIMARY KEY (openid, station_code, window_no)
) WITHOUT ROWID;
ALTER TABLE entries ADD COLUMN evidence TEXT;
`

/**
 * Reminders residents opt into: the kinds a person chose (on the wallet row, which every credit already reads
 * with its lock, so a check-in learns it for free), the sends WeChat granted (one per acceptance of a subscribe
 * message), and the outbox every reminder is written to by the transaction of the event that causes it.
 */
const REMINDERS = `
ALTER TABLE wallets ADD COLUMN reminder_kinds TEXT;
CREATE TABLE IF NOT EXISTS reminder_credits (
  openid TEXT NOT NULL,
  kind TEXT NOT NULL,
  credits INTEGER NOT NULL CHECK (credits >= 0),
  PRIMARY KEY (openid, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reminders (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  due_ms INTEGER NOT NULL,
  params TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_ms INTEGER NOT NULL,
  delivered_at TEXT,
  read_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reminders_to_send ON reminders (status, next_ms);
CREATE INDEX IF NOT EXISTS reminders_by_person ON reminders (openid, due_ms);
`

/**
 * Communities (issue 13). A person's community sits on their wallet row, which every credit already locks, so
 * each entry is stamped with it and the city's counters move in the credit's own transaction. The counters are
 * kept in per-person slots (src/core/counters) so no row is written by the whole city. Rows made before
 * communities belong to none (''); the backfill puts existing totals in slot 0, which readers add up like any.
 */
const COMMUNITIES = `
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

/**
 * Public-welfare events (issue 13). An event's places and budget live on its own row, changed by conditional
 * updates (a place is taken only while one is free; a reward is paid only while the budget holds), as a reward's
 * stock is. Each resident's sign-up is one row keyed by event and person: attended once, paid once.
 */
const EVENTS = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  community_id TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT NOT NULL,
  starts_ms INTEGER NOT NULL,
  ends_ms INTEGER NOT NULL,
  slots INTEGER NOT NULL CHECK (slots > 0),
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= slots),
  reward_points INTEGER NOT NULL CHECK (reward_points >= 0),
  budget_points INTEGER NOT NULL CHECK (budget_points >= 0),
  budget_spent INTEGER NOT NULL DEFAULT 0 CHECK (budget_spent >= 0 AND budget_spent <= budget_points),
  secret TEXT NOT NULL,
  creator TEXT NOT NULL,
  created_at TEXT NOT NULL,
  cancelled_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_community ON events (community_id, ends_ms);
CREATE INDEX IF NOT EXISTS events_by_end ON events (ends_ms);
CREATE TABLE IF NOT EXISTS event_signups (
  event_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('signed', 'cancelled', 'attended')),
  signed_at TEXT NOT NULL,
  attended_at TEXT,
  bonus_entry_id TEXT,
  PRIMARY KEY (event_id, openid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_signups_by_person ON event_signups (openid, signed_at);
`

/**
 * Round 3 trust (issue 21). The city's treasury: issuances (who, when, why; capped per month), allocations to
 * purses (a community's allowance, or '' the city's own) and the budgets drawn from them, with what a budget gives
 * back when its event closes. Budgets made before the treasury are carried over as issued and allocated to the
 * city's purse, so the audit traces every existing point from the first day.
 */
const ROUND_3_TRUST = `
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

/**
 * Numbered migrations, applied at open in order, each in its own transaction, and recorded in
 * schema_migrations; a new schema change is a new entry here (and in ./mysql/migrations.ts).
 */
export const SQLITE_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'release 1: ledger, rewards, reviews, projects, groups, challenges', sql: RELEASE_1_SCHEMA },
  { version: 2, name: 'v1.1 identity: WeChat sessions, organizer grants, privacy agreements', sql: IDENTITY_TABLES },
  { version: 3, name: "daily-cap counters: grams per person, day and factor, kept with each entry", sql: DAY_FACTOR_GRAMS },
  { version: 4, name: 'reward holdings per person; project totals in per-person slots', sql: HOLDINGS_AND_SLOTS },
  { version: 5, name: 'challenge participants in slots, group values, leaving members; recent station drops', sql: CHALLENGE_COUNTERS },
  { version: 6, name: 'points held for review; a day total across factors; recent trips per person', sql: HELD_POINTS },
  { version: 7, name: 'challenge budgets funded by organizers; badges for unfunded completions; verified steps on entries', sql: BUDGETS },
  { version: 8, name: 'rotating station codes: station secrets, used codes, evidence on entries', sql: STATION_CODES },
  { version: 9, name: 'reminders: opted-in kinds, WeChat send credits, the outbox', sql: REMINDERS },
  { version: 10, name: 'communities: scoped organizers, station details and retirement, community counters in slots', sql: COMMUNITIES },
  { version: 11, name: 'public-welfare events: places, budgets and sign-ups', sql: EVENTS },
  { version: 12, name: 'round 3 trust: the treasury, purses and budget returns', sql: ROUND_3_TRUST },
]

function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  const done = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version))
  const applied: number[] = []
  for (const m of SQLITE_MIGRATIONS) {
    if (done.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    }).immediate()
    applied.push(m.version)
  }
  return applied
}

export interface SqliteOptions {
  /** a file path, or ':memory:' */
  path: string
  /** run WAL checkpoints on a worker thread instead of inside commits (the server does; see checkpointer.ts) */
  backgroundCheckpoints?: boolean
}

export class SqliteDatabase {
  readonly db: Database.Database
  readonly executor: SqlExecutor
  /** migrations this open applied, in order */
  readonly applied: number[]
  private readonly checkpointer: Checkpointer | undefined

  constructor(options: SqliteOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true })
    this.db = new Database(options.path)
    this.db.pragma('journal_mode = WAL')
    // NORMAL under WAL is durable against process crashes (what SIGKILL tests); only an OS crash can lose
    // the last transactions.
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    // A deleted account's name must leave the file, not linger in a freed cell: freed space is zeroed.
    this.db.pragma('secure_delete = ON')
    if (options.backgroundCheckpoints && options.path !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${WRITER_BACKSTOP_PAGES}`)
      this.checkpointer = startCheckpointer(options.path, (error) => {
        console.error('[storage] background checkpoints stopped; the writer checkpoints itself again:', error.message)
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`)
      })
    }
    this.applied = migrate(this.db)
    const cache = new Map<string, Database.Statement>()
    const statement = (sql: string) => {
      let s = cache.get(sql)
      if (!s) {
        s = this.db.prepare(sql)
        cache.set(sql, s)
      }
      return s
    }
    this.executor = {
      prepare<P extends unknown[] | object, R>(sql: string): SqlStatement<P, R> {
        const s = statement(sql)
        return {
          get: async (...params: unknown[]) => s.get(...params) as R | undefined,
          all: async (...params: unknown[]) => s.all(...params) as R[],
          run: async (...params: unknown[]) => ({ changes: s.run(...params).changes }),
          // nothing to gain from holding a write on an embedded engine
          defer: async (...params: unknown[]) => void s.run(...params),
          prefetch: () => undefined,
        } as SqlStatement<P, R>
      },
    }
  }

  close() {
    // The worker closes its own connection; SQLite needs no ordering between the two.
    void this.checkpointer?.stop()
    if (this.db.open) this.db.close()
  }
}
