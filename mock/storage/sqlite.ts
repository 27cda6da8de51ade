import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Factor, LedgerEntry, Methodology, Role, Station, Wallet } from '../../src/contract/types'
import { GENESIS_HASH } from '../../src/core/ledger'
import { SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, startCheckpointer, WRITER_BACKSTOP_PAGES, type Checkpointer } from './checkpointer'
import type { ChallengeRecord, GroupRecord, ParticipantRecord, ProjectRecord, RedemptionRecord, RequestRecord, ReviewRecord, RewardRecord, RewardSeed, StorageOps, UserRecord, WalletRecord } from './port'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS users (
  openid TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  nickname TEXT NOT NULL,
  roles TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted_at TEXT
) WITHOUT ROWID;

-- Identity tables added in v1.1; each is its own table so a database made by v1 upgrades by creating them.
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

interface EntryRow {
  openid: string
  seq: number
  id: string
  type: LedgerEntry['type']
  grams: number
  points: number
  factor_id: string | null
  source_version: string | null
  methodology_version: string | null
  day: string
  created_at: string
  occurred_at: string | null
  ref: string | null
  distance_m: number | null
  duration_s: number | null
  weight_g: number | null
  station_code: string | null
  prev_hash: string
  hash: string
}

function entryFromRow(row: EntryRow): LedgerEntry {
  const entry: LedgerEntry = {
    id: row.id,
    seq: row.seq,
    type: row.type,
    gramsCo2e: row.grams,
    points: row.points,
    day: row.day,
    createdAt: row.created_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
  if (row.factor_id !== null) entry.factorId = row.factor_id
  if (row.source_version !== null) entry.sourceVersion = row.source_version
  if (row.methodology_version !== null) entry.methodologyVersion = row.methodology_version
  if (row.occurred_at !== null) entry.occurredAt = row.occurred_at
  if (row.ref !== null) entry.ref = row.ref
  if (row.distance_m !== null) entry.distanceM = row.distance_m
  if (row.duration_s !== null) entry.durationS = row.duration_s
  if (row.weight_g !== null) entry.weightG = row.weight_g
  if (row.station_code !== null) entry.stationCode = row.station_code
  return entry
}

export interface SqliteOptions {
  /** a file path, or ':memory:' */
  path: string
  /** run WAL checkpoints on a worker thread instead of inside commits (the server does; see checkpointer.ts) */
  backgroundCheckpoints?: boolean
}

/** The synchronous engine: every operation is one statement (or a few) on one better-sqlite3 connection. */
export class SqliteStorage implements StorageOps {
  readonly db: Database.Database
  private readonly stmts
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
    if (options.backgroundCheckpoints && options.path !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${WRITER_BACKSTOP_PAGES}`)
      this.checkpointer = startCheckpointer(options.path, (error) => {
        console.error('[storage] background checkpoints stopped; the writer checkpoints itself again:', error.message)
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`)
      })
    }
    this.db.exec(SCHEMA)
    const db = this.db
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      userByHandle: db.prepare<[string], UserRow>('SELECT * FROM users WHERE handle = ?'),
      // A deleted account no longer exists for sessions; its ledger stays, pseudonymous.
      user: db.prepare<[string], UserRow>('SELECT * FROM users WHERE openid = ? AND deleted_at IS NULL'),
      insertUser: db.prepare('INSERT INTO users (openid, handle, nickname, roles, created_at) VALUES (?, ?, ?, ?, ?)'),
      setRoles: db.prepare('UPDATE users SET roles = ? WHERE openid = ?'),
      saveSessionKey: db.prepare(
        'INSERT INTO wechat_sessions (openid, session_key, updated_at) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET session_key = excluded.session_key, updated_at = excluded.updated_at',
      ),
      sessionKey: db.prepare<[string], { session_key: string }>('SELECT session_key FROM wechat_sessions WHERE openid = ?'),
      grant: db.prepare<[string], { granted_at: string; revoked_at: string | null }>('SELECT granted_at, revoked_at FROM organizer_grants WHERE openid = ?'),
      saveGrant: db.prepare(
        'INSERT INTO organizer_grants (openid, granted_at, revoked_at) VALUES (?, ?, NULL) ON CONFLICT (openid) DO UPDATE SET granted_at = excluded.granted_at, revoked_at = NULL',
      ),
      revokeGrant: db.prepare('UPDATE organizer_grants SET revoked_at = ? WHERE openid = ? AND revoked_at IS NULL'),
      grantHistory: db.prepare('INSERT INTO organizer_grant_history (openid, action, at) VALUES (?, ?, ?)'),
      grants: db.prepare<[], { openid: string; granted_at: string; revoked_at: string | null }>('SELECT * FROM organizer_grants ORDER BY granted_at, openid'),
      privacy: db.prepare<[string], { version: number; agreed_at: string }>('SELECT version, agreed_at FROM privacy_agreements WHERE openid = ?'),
      savePrivacy: db.prepare(
        'INSERT INTO privacy_agreements (openid, version, agreed_at) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET version = excluded.version, agreed_at = excluded.agreed_at',
      ),
      insertMethodology: db.prepare('INSERT OR IGNORE INTO methodologies (version, grams_per_point) VALUES (?, ?)'),
      insertFactor: db.prepare('INSERT OR IGNORE INTO factors (version, id, body) VALUES (?, ?, ?)'),
      methodology: db.prepare<[string], { version: string; grams_per_point: number }>(
        'SELECT * FROM methodologies WHERE version = ?',
      ),
      factors: db.prepare<[string], { body: string }>('SELECT body FROM factors WHERE version = ? ORDER BY rowid'),
      upsertStation: db.prepare(
        'INSERT INTO stations (code, name, materials) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING',
      ),
      stations: db.prepare<[], StationRow>('SELECT * FROM stations ORDER BY code'),
      station: db.prepare<[string], StationRow>('SELECT * FROM stations WHERE code = ?'),
      seedReward: db.prepare(
        `INSERT OR IGNORE INTO rewards (id, title, description, points_cost, stock, per_user_limit, valid_days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      reward: db.prepare<[string], RewardRow>('SELECT * FROM rewards WHERE id = ?'),
      rewards: db.prepare<[number], RewardRow>('SELECT * FROM rewards WHERE active = 1 OR ? = 1 ORDER BY points_cost, id'),
      saveReward: db.prepare(
        `INSERT INTO rewards (id, title, description, image_url, points_cost, stock, per_user_limit, valid_days, active, created_at)
         VALUES (@id, @title, @description, @imageUrl, @pointsCost, @stock, @perUserLimit, @validDays, @active, @createdAt)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, image_url = excluded.image_url,
           points_cost = excluded.points_cost, stock = excluded.stock, per_user_limit = excluded.per_user_limit,
           valid_days = excluded.valid_days, active = excluded.active`,
      ),
      adjustStock: db.prepare('UPDATE rewards SET stock = stock + ? WHERE id = ?'),
      insertRedemption: db.prepare(
        `INSERT INTO redemptions (id, openid, reward_id, reward_title, code, status, points_cost, created_at, expires_at, expires_at_ms)
         VALUES (@id, @openid, @rewardId, @rewardTitle, @code, @status, @pointsCost, @createdAt, @expiresAt, @expiresAtMs)`,
      ),
      redemption: db.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE id = ?'),
      redemptionByCode: db.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE code = ?'),
      closeRedemption: db.prepare(
        "UPDATE redemptions SET status = ?, closed_at = ?, verified_by = ? WHERE id = ? AND status = 'pending'",
      ),
      redemptionsOf: db.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE openid = ? ORDER BY created_at DESC, id'),
      heldCounts: db.prepare<[string], { reward_id: string; n: number }>(
        "SELECT reward_id, COUNT(*) AS n FROM redemptions WHERE openid = ? AND status IN ('pending', 'fulfilled') GROUP BY reward_id",
      ),
      dueRedemptions: db.prepare<[number, number], RedemptionRow>(
        "SELECT * FROM redemptions WHERE status = 'pending' AND expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?",
      ),
      stationDrops: db.prepare<[string, string, string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM entries WHERE openid = ? AND day = ? AND station_code = ? AND occurred_at BETWEEN ? AND ?',
      ),
      insertReview: db.prepare(
        'INSERT INTO reviews (id, entry_id, openid, reasons, status, created_at) VALUES (@id, @entryId, @openid, @reasons, @status, @createdAt)',
      ),
      review: db.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE id = ?'),
      reviews: db.prepare<[string, number], ReviewRow>('SELECT * FROM reviews WHERE status = ? ORDER BY created_at DESC, id LIMIT ?'),
      decideReview: db.prepare(
        "UPDATE reviews SET status = ?, decided_by = ?, decided_at = ?, adjust_entry_id = ? WHERE id = ? AND status = 'open'",
      ),
      statsByDay: db.prepare<[string, string], { day: string; grams: number; checkins: number; participants: number; points: number }>(
        `SELECT day, SUM(grams) AS grams, SUM(type = 'checkin') AS checkins, COUNT(DISTINCT openid) AS participants, SUM(points) AS points
         FROM entries WHERE day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') GROUP BY day ORDER BY day`,
      ),
      statsTotals: db.prepare<[string, string], { participants: number }>(
        "SELECT COUNT(DISTINCT openid) AS participants FROM entries WHERE day BETWEEN ? AND ? AND type = 'checkin'",
      ),
      statsByFactor: db.prepare<[string, string], { factor_id: string; grams: number; checkins: number }>(
        `SELECT factor_id, SUM(grams) AS grams, SUM(type = 'checkin') AS checkins FROM entries
         WHERE day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') AND factor_id IS NOT NULL GROUP BY factor_id ORDER BY grams DESC, factor_id`,
      ),
      statsByStation: db.prepare<[string, string], { station_code: string; grams: number; checkins: number; weight: number }>(
        `SELECT station_code, SUM(grams) AS grams, COUNT(*) AS checkins, SUM(weight_g) AS weight FROM entries
         WHERE day BETWEEN ? AND ? AND type = 'checkin' AND station_code IS NOT NULL GROUP BY station_code ORDER BY grams DESC, station_code`,
      ),
      statsRedemptions: db.prepare<[string, string], { reward_id: string; title: string; pending: number; fulfilled: number; cancelled: number; expired: number }>(
        `SELECT reward_id, reward_title AS title, SUM(status = 'pending') AS pending, SUM(status = 'fulfilled') AS fulfilled,
           SUM(status = 'cancelled') AS cancelled, SUM(status = 'expired') AS expired
         FROM redemptions WHERE substr(created_at, 1, 10) BETWEEN ? AND ? GROUP BY reward_id ORDER BY reward_id`,
      ),
      saveProject: db.prepare(
        `INSERT INTO projects (id, title, description, goal_points, active, created_at) VALUES (@id, @title, @description, @goalPoints, @active, @createdAt)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, goal_points = excluded.goal_points, active = excluded.active`,
      ),
      project: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
      projects: db.prepare<[number], ProjectRow>('SELECT * FROM projects WHERE active = 1 OR ? = 1 ORDER BY created_at DESC, id'),
      projectTotals: db.prepare<[], { ref: string; raised: number; donors: number }>(
        "SELECT ref, -SUM(points) AS raised, COUNT(DISTINCT openid) AS donors FROM entries WHERE type = 'donate' GROUP BY ref",
      ),
      donatedBy: db.prepare<[string], { ref: string; points: number }>(
        "SELECT ref, -SUM(points) AS points FROM entries WHERE openid = ? AND type = 'donate' GROUP BY ref",
      ),
      insertGroup: db.prepare('INSERT INTO groups (id, name, invite_code, leader, created_at) VALUES (@id, @name, @inviteCode, @leader, @createdAt)'),
      group: db.prepare<[string], GroupRow>('SELECT * FROM groups WHERE id = ?'),
      groupByInvite: db.prepare<[string], GroupRow>('SELECT * FROM groups WHERE invite_code = ?'),
      setInvite: db.prepare('UPDATE groups SET invite_code = ? WHERE id = ?'),
      addMember: db.prepare('INSERT OR IGNORE INTO group_members (group_id, openid, joined_at) VALUES (?, ?, ?)'),
      removeMember: db.prepare('DELETE FROM group_members WHERE group_id = ? AND openid = ?'),
      isMember: db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND openid = ?'),
      members: db.prepare<[string], { openid: string; nickname: string | null }>(
        'SELECT m.openid, u.nickname FROM group_members m LEFT JOIN users u ON u.openid = m.openid AND u.deleted_at IS NULL WHERE m.group_id = ? ORDER BY m.joined_at, m.openid',
      ),
      groupsOf: db.prepare<[string], GroupRow>('SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.openid = ? ORDER BY g.created_at, g.id'),
      insertChallenge: db.prepare(
        `INSERT INTO challenges (id, group_id, creator, title, description, metric, mode, target_member, target_group, start_day, end_day, bonus_points, created_at)
         VALUES (@id, @groupId, @creator, @title, @description, @metric, @mode, @targetMember, @targetGroup, @startDay, @endDay, @bonusPoints, @createdAt)`,
      ),
      challenge: db.prepare<[string], ChallengeRow>('SELECT * FROM challenges WHERE id = ?'),
      visibleChallenges: db.prepare<[string, number], ChallengeRow>(
        'SELECT * FROM challenges WHERE group_id IS NULL OR group_id IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC, id LIMIT ?',
      ),
      addParticipant: db.prepare(
        'INSERT OR IGNORE INTO challenge_participants (challenge_id, openid, group_id, joined_ms, value, value_ms) VALUES (@challengeId, @openid, @groupId, @joinedMs, 0, @joinedMs)',
      ),
      participant: db.prepare<[string, string], ParticipantRow>('SELECT * FROM challenge_participants WHERE challenge_id = ? AND openid = ?'),
      participationsOf: db.prepare<[string], ParticipantRow>('SELECT * FROM challenge_participants WHERE openid = ?'),
      addToParticipant: db.prepare(
        'UPDATE challenge_participants SET value = value + @delta, value_ms = CASE WHEN @delta > 0 THEN @atMs ELSE value_ms END WHERE challenge_id = @challengeId AND openid = @openid',
      ),
      markBonus: db.prepare('UPDATE challenge_participants SET bonus_entry_id = ? WHERE challenge_id = ? AND openid = ? AND bonus_entry_id IS NULL'),
      participantCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM challenge_participants WHERE challenge_id = ?'),
      groupValue: db.prepare<[string, string | null], { v: number }>(
        'SELECT COALESCE(SUM(value), 0) AS v FROM challenge_participants WHERE challenge_id = ? AND group_id IS ?',
      ),
      unpaid: db.prepare<[string, string | null], ParticipantRow>(
        'SELECT * FROM challenge_participants WHERE challenge_id = ? AND group_id IS ? AND bonus_entry_id IS NULL',
      ),
      top: db.prepare<[string, number], ParticipantRow & { nickname: string | null }>(
        `SELECT p.*, u.nickname FROM challenge_participants p LEFT JOIN users u ON u.openid = p.openid AND u.deleted_at IS NULL
         WHERE p.challenge_id = ? ORDER BY p.value DESC, p.value_ms LIMIT ?`,
      ),
      rank: db.prepare<[string, number, number, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM challenge_participants WHERE challenge_id = ? AND (value > ? OR (value = ? AND value_ms < ?))',
      ),
      groupTotals: db.prepare<[string], { group_id: string; name: string; value: number }>(
        `SELECT p.group_id, g.name, SUM(p.value) AS value FROM challenge_participants p JOIN groups g ON g.id = p.group_id
         WHERE p.challenge_id = ? GROUP BY p.group_id ORDER BY value DESC, p.group_id`,
      ),
      hasBonus: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM challenge_participants WHERE openid = ? AND bonus_entry_id IS NOT NULL"),
      findRequest: db.prepare<[string, string], RequestRow>('SELECT * FROM requests WHERE openid = ? AND request_id = ?'),
      saveRequest: db.prepare(
        'INSERT INTO requests (openid, request_id, fn, payload_hash, result_ref, capped) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      wallet: db.prepare<[string], WalletRow>('SELECT * FROM wallets WHERE openid = ?'),
      upsertWallet: db.prepare(
        `INSERT INTO wallets (openid, grams_total, points_balance, points_earned, points_spent, head_seq, head_hash)
         VALUES (@openid, @gramsTotal, @pointsBalance, @pointsEarned, @pointsSpent, @headSeq, @headHash)
         ON CONFLICT(openid) DO UPDATE SET grams_total = excluded.grams_total, points_balance = excluded.points_balance,
           points_earned = excluded.points_earned, points_spent = excluded.points_spent,
           head_seq = excluded.head_seq, head_hash = excluded.head_hash`,
      ),
      insertEntry: db.prepare(
        `INSERT INTO entries (openid, seq, id, type, grams, points, factor_id, source_version, methodology_version, day,
           created_at, occurred_at, ref, distance_m, duration_s, weight_g, station_code, prev_hash, hash)
         VALUES (@openid, @seq, @id, @type, @grams, @points, @factorId, @sourceVersion, @methodologyVersion, @day,
           @createdAt, @occurredAt, @ref, @distanceM, @durationS, @weightG, @stationCode, @prevHash, @hash)`,
      ),
      entry: db.prepare<[string, string], EntryRow>('SELECT * FROM entries WHERE openid = ? AND id = ?'),
      creditedGrams: db.prepare<[string, string, string], { grams: number }>(
        "SELECT COALESCE(SUM(grams), 0) AS grams FROM entries WHERE openid = ? AND day = ? AND factor_id = ? AND type IN ('checkin', 'adjust')",
      ),
      dayTotals: db.prepare<[string, string], { grams: number; points: number }>(
        "SELECT COALESCE(SUM(grams), 0) AS grams, COALESCE(SUM(points), 0) AS points FROM entries WHERE openid = ? AND day = ? AND type = 'checkin'",
      ),
      dayByFactor: db.prepare<[string, string], { factor_id: string; grams: number }>(
        "SELECT factor_id, SUM(grams) AS grams FROM entries WHERE openid = ? AND day = ? AND type IN ('checkin', 'adjust') AND factor_id IS NOT NULL GROUP BY factor_id ORDER BY factor_id",
      ),
      daySeries: db.prepare<[string, string, string], { day: string; grams: number; points: number }>(
        "SELECT day, SUM(grams) AS grams, SUM(points) AS points FROM entries WHERE openid = ? AND day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') GROUP BY day ORDER BY day",
      ),
      setNickname: db.prepare('UPDATE users SET nickname = ? WHERE openid = ?'),
      forgetSessionKey: db.prepare('DELETE FROM wechat_sessions WHERE openid = ?'),
      anonymise: db.prepare("UPDATE users SET handle = 'deleted:' || openid, nickname = '已注销', roles = '', deleted_at = ? WHERE openid = ?"),
      checkInDays: db.prepare<[string, string], { day: string }>(
        "SELECT DISTINCT day FROM entries WHERE openid = ? AND day >= ? AND type = 'checkin' ORDER BY day DESC",
      ),
      listEntries: db.prepare<[string, number, number], EntryRow>(
        'SELECT * FROM entries WHERE openid = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      allEntries: db.prepare<[string], EntryRow>('SELECT * FROM entries WHERE openid = ? ORDER BY seq ASC'),
    }
  }

  transaction<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock up front, so a second process can never interleave read-then-write.
    return this.db.transaction(fn).immediate()
  }

  getMeta(key: string) {
    return this.stmts.getMeta.get(key)?.value
  }

  setMeta(key: string, value: string) {
    this.stmts.setMeta.run(key, value)
  }

  findUserByHandle(handle: string) {
    const row = this.stmts.userByHandle.get(handle)
    return row && userFromRow(row)
  }

  findUser(openid: string) {
    const row = this.stmts.user.get(openid)
    return row && userFromRow(row)
  }

  insertUser(user: UserRecord) {
    this.stmts.insertUser.run(user.openid, user.handle, user.nickname, user.roles.join(','), user.createdAt)
  }

  setUserRoles(openid: string, roles: Role[]) {
    this.stmts.setRoles.run(roles.join(','), openid)
  }

  saveWeChatSessionKey(openid: string, sessionKey: string, at: string) {
    this.stmts.saveSessionKey.run(openid, sessionKey, at)
  }

  getWeChatSessionKey(openid: string) {
    return this.stmts.sessionKey.get(openid)?.session_key
  }

  setOrganizerGrant(openid: string, granted: boolean, at: string): boolean {
    const current = this.stmts.grant.get(openid)
    const active = current !== undefined && current.revoked_at === null
    if (active === granted) return false
    if (granted) this.stmts.saveGrant.run(openid, at)
    else this.stmts.revokeGrant.run(at, openid)
    this.stmts.grantHistory.run(openid, granted ? 'grant' : 'revoke', at)
    return true
  }

  hasOrganizerGrant(openid: string) {
    const row = this.stmts.grant.get(openid)
    return row !== undefined && row.revoked_at === null
  }

  listOrganizerGrants() {
    return this.stmts.grants.all().map((r) => ({ openid: r.openid, grantedAt: r.granted_at, ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}) }))
  }

  getPrivacyVersion(openid: string) {
    return this.stmts.privacy.get(openid)?.version ?? 0
  }

  getPrivacyAgreement(openid: string) {
    const row = this.stmts.privacy.get(openid)
    return row && { version: row.version, agreedAt: row.agreed_at }
  }

  recordPrivacyAgreement(openid: string, version: number, at: string) {
    this.stmts.savePrivacy.run(openid, version, at)
  }

  saveMethodology(m: Methodology) {
    this.stmts.insertMethodology.run(m.version, m.gramsPerPoint)
    for (const f of m.factors) this.stmts.insertFactor.run(m.version, f.id, JSON.stringify(f))
  }

  getMethodology(version: string): Methodology | undefined {
    const row = this.stmts.methodology.get(version)
    if (!row) return undefined
    const factors = this.stmts.factors.all(version).map((r) => JSON.parse(r.body) as Factor)
    return { version: row.version, gramsPerPoint: row.grams_per_point, factors }
  }

  upsertStation(s: Station) {
    this.stmts.upsertStation.run(s.code, s.name, JSON.stringify(s.materials))
  }

  listStations() {
    return this.stmts.stations.all().map(stationFromRow)
  }

  getStation(code: string) {
    const row = this.stmts.station.get(code)
    return row && stationFromRow(row)
  }

  seedReward(r: RewardSeed) {
    this.stmts.seedReward.run(r.id, r.title, r.description, r.pointsCost, r.stock, r.perUserLimit, r.validDays, new Date().toISOString())
  }

  getReward(id: string) {
    const row = this.stmts.reward.get(id)
    return row && rewardFromRow(row)
  }

  listRewards(includeInactive: boolean) {
    return this.stmts.rewards.all(includeInactive ? 1 : 0).map(rewardFromRow)
  }

  saveReward(r: RewardRecord) {
    this.stmts.saveReward.run({
      ...r,
      imageUrl: r.imageUrl ?? null,
      active: r.active ? 1 : 0,
      createdAt: new Date().toISOString(),
    })
  }

  adjustStock(rewardId: string, delta: number) {
    this.stmts.adjustStock.run(delta, rewardId)
  }

  insertRedemption(r: RedemptionRecord) {
    this.stmts.insertRedemption.run({
      id: r.id,
      openid: r.openid,
      rewardId: r.rewardId,
      rewardTitle: r.rewardTitle,
      code: r.code,
      status: r.status,
      pointsCost: r.pointsCost,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      expiresAtMs: r.expiresAtMs,
    })
  }

  getRedemption(id: string) {
    const row = this.stmts.redemption.get(id)
    return row && redemptionFromRow(row)
  }

  getRedemptionByCode(code: string) {
    const row = this.stmts.redemptionByCode.get(code)
    return row && redemptionFromRow(row)
  }

  closeRedemption(id: string, status: 'fulfilled' | 'cancelled' | 'expired', at: string, by?: string) {
    return this.stmts.closeRedemption.run(status, at, by ?? null, id).changes === 1
  }

  listRedemptions(openid: string) {
    return this.stmts.redemptionsOf.all(openid).map(redemptionFromRow)
  }

  heldRedemptionCounts(openid: string) {
    return new Map(this.stmts.heldCounts.all(openid).map((r) => [r.reward_id, r.n]))
  }

  duePendingRedemptions(nowMs: number, limit: number) {
    return this.stmts.dueRedemptions.all(nowMs, limit).map(redemptionFromRow)
  }

  stationDropsBetween(openid: string, day: string, stationCode: string, fromIso: string, toIso: string) {
    return this.stmts.stationDrops.get(openid, day, stationCode, fromIso, toIso)?.n ?? 0
  }

  insertReview(r: ReviewRecord) {
    this.stmts.insertReview.run({ ...r, reasons: r.reasons.join(',') })
  }

  getReview(id: string) {
    const row = this.stmts.review.get(id)
    return row && reviewFromRow(row)
  }

  listReviews(status: ReviewRecord['status'], limit: number) {
    return this.stmts.reviews.all(status, limit).map(reviewFromRow)
  }

  decideReview(id: string, status: 'confirmed' | 'reversed', by: string, at: string, adjustEntryId?: string) {
    return this.stmts.decideReview.run(status, by, at, adjustEntryId ?? null, id).changes === 1
  }

  impactStats(fromDay: string, toDay: string) {
    const byDay = this.stmts.statsByDay.all(fromDay, toDay)
    return {
      totals: {
        gramsCo2e: byDay.reduce((s, d) => s + d.grams, 0),
        checkins: byDay.reduce((s, d) => s + d.checkins, 0),
        participants: this.stmts.statsTotals.get(fromDay, toDay)?.participants ?? 0,
        pointsIssued: byDay.reduce((s, d) => s + d.points, 0),
      },
      byDay: byDay.map((d) => ({ day: d.day, gramsCo2e: d.grams, checkins: d.checkins, participants: d.participants })),
      byFactor: this.stmts.statsByFactor.all(fromDay, toDay).map((f) => ({ factorId: f.factor_id, gramsCo2e: f.grams, checkins: f.checkins })),
      byStation: this.stmts.statsByStation
        .all(fromDay, toDay)
        .map((s) => ({ stationCode: s.station_code, gramsCo2e: s.grams, checkins: s.checkins, weightG: s.weight })),
      redemptionsByReward: this.stmts.statsRedemptions.all(fromDay, toDay).map((r) => ({
        rewardId: r.reward_id,
        title: r.title,
        pending: r.pending,
        fulfilled: r.fulfilled,
        cancelled: r.cancelled,
        expired: r.expired,
      })),
    }
  }

  saveProject(p: ProjectRecord) {
    this.stmts.saveProject.run({ ...p, active: p.active ? 1 : 0, createdAt: new Date().toISOString() })
  }

  getProject(id: string) {
    const row = this.stmts.project.get(id)
    return row && projectFromRow(row)
  }

  listProjects(includeInactive: boolean) {
    return this.stmts.projects.all(includeInactive ? 1 : 0).map(projectFromRow)
  }

  projectTotals() {
    return new Map(this.stmts.projectTotals.all().map((r) => [r.ref, { raisedPoints: r.raised, donors: r.donors }]))
  }

  donatedBy(openid: string) {
    return new Map(this.stmts.donatedBy.all(openid).map((r) => [r.ref, r.points]))
  }

  insertGroup(g: GroupRecord) {
    this.stmts.insertGroup.run(g)
  }

  getGroup(id: string) {
    const row = this.stmts.group.get(id)
    return row && groupFromRow(row)
  }

  getGroupByInvite(code: string) {
    const row = this.stmts.groupByInvite.get(code)
    return row && groupFromRow(row)
  }

  setInviteCode(groupId: string, code: string) {
    this.stmts.setInvite.run(code, groupId)
  }

  addMember(groupId: string, openid: string, at: string) {
    return this.stmts.addMember.run(groupId, openid, at).changes === 1
  }

  removeMember(groupId: string, openid: string) {
    return this.stmts.removeMember.run(groupId, openid).changes === 1
  }

  isMember(groupId: string, openid: string) {
    return (this.stmts.isMember.get(groupId, openid)?.n ?? 0) > 0
  }

  groupMembers(groupId: string) {
    return this.stmts.members.all(groupId).map((m) => ({ openid: m.openid, nickname: m.nickname ?? '已注销' }))
  }

  groupsOf(openid: string) {
    return this.stmts.groupsOf.all(openid).map(groupFromRow)
  }

  insertChallenge(c: ChallengeRecord) {
    this.stmts.insertChallenge.run({
      ...c,
      groupId: c.groupId ?? null,
      mode: c.mode ?? null,
      targetMember: c.targetMember ?? null,
      targetGroup: c.targetGroup ?? null,
    })
  }

  getChallenge(id: string) {
    const row = this.stmts.challenge.get(id)
    return row && challengeFromRow(row)
  }

  visibleChallenges(groupIds: string[], limit: number) {
    return this.stmts.visibleChallenges.all(JSON.stringify(groupIds), limit).map(challengeFromRow)
  }

  addParticipant(p: ParticipantRecord) {
    return this.stmts.addParticipant.run({ challengeId: p.challengeId, openid: p.openid, groupId: p.groupId ?? null, joinedMs: p.joinedMs }).changes === 1
  }

  getParticipant(challengeId: string, openid: string) {
    const row = this.stmts.participant.get(challengeId, openid)
    return row && participantFromRow(row)
  }

  participationsOf(openid: string) {
    return this.stmts.participationsOf.all(openid).map(participantFromRow)
  }

  addToParticipant(challengeId: string, openid: string, delta: number, atMs: number) {
    this.stmts.addToParticipant.run({ challengeId, openid, delta, atMs })
  }

  markBonusPaid(challengeId: string, openid: string, entryId: string) {
    return this.stmts.markBonus.run(entryId, challengeId, openid).changes === 1
  }

  participantCount(challengeId: string) {
    return this.stmts.participantCount.get(challengeId)?.n ?? 0
  }

  groupValue(challengeId: string, groupId: string | null) {
    return this.stmts.groupValue.get(challengeId, groupId)?.v ?? 0
  }

  unpaidParticipants(challengeId: string, groupId: string | null) {
    return this.stmts.unpaid.all(challengeId, groupId).map(participantFromRow)
  }

  topParticipants(challengeId: string, limit: number) {
    return this.stmts.top.all(challengeId, limit).map((r) => ({ ...participantFromRow(r), nickname: r.nickname ?? '已注销' }))
  }

  rankOf(challengeId: string, value: number, valueMs: number) {
    return (this.stmts.rank.get(challengeId, value, value, valueMs)?.n ?? 0) + 1
  }

  groupTotals(challengeId: string) {
    return this.stmts.groupTotals.all(challengeId).map((g) => ({ groupId: g.group_id, name: g.name, value: g.value }))
  }

  hasBonus(openid: string) {
    return (this.stmts.hasBonus.get(openid)?.n ?? 0) > 0
  }

  findRequest(openid: string, requestId: string): RequestRecord | undefined {
    const row = this.stmts.findRequest.get(openid, requestId)
    return row && { fn: row.fn, payloadHash: row.payload_hash, resultRef: row.result_ref, capped: row.capped === 1 }
  }

  saveRequest(openid: string, requestId: string, r: RequestRecord) {
    this.stmts.saveRequest.run(openid, requestId, r.fn, r.payloadHash, r.resultRef, r.capped ? 1 : 0)
  }

  getWallet(openid: string): WalletRecord {
    const row = this.stmts.wallet.get(openid)
    if (!row) {
      return { gramsCo2eTotal: 0, pointsBalance: 0, pointsEarned: 0, pointsSpent: 0, headSeq: 0, headHash: GENESIS_HASH }
    }
    return {
      gramsCo2eTotal: row.grams_total,
      pointsBalance: row.points_balance,
      pointsEarned: row.points_earned,
      pointsSpent: row.points_spent,
      headSeq: row.head_seq,
      headHash: row.head_hash,
    }
  }

  appendEntry(openid: string, e: LedgerEntry, wallet: Wallet) {
    this.stmts.insertEntry.run({
      openid,
      seq: e.seq,
      id: e.id,
      type: e.type,
      grams: e.gramsCo2e,
      points: e.points,
      factorId: e.factorId ?? null,
      sourceVersion: e.sourceVersion ?? null,
      methodologyVersion: e.methodologyVersion ?? null,
      day: e.day,
      createdAt: e.createdAt,
      occurredAt: e.occurredAt ?? null,
      ref: e.ref ?? null,
      distanceM: e.distanceM ?? null,
      durationS: e.durationS ?? null,
      weightG: e.weightG ?? null,
      stationCode: e.stationCode ?? null,
      prevHash: e.prevHash,
      hash: e.hash,
    })
    this.stmts.upsertWallet.run({
      openid,
      gramsTotal: wallet.gramsCo2eTotal,
      pointsBalance: wallet.pointsBalance,
      pointsEarned: wallet.pointsEarned,
      pointsSpent: wallet.pointsSpent,
      headSeq: e.seq,
      headHash: e.hash,
    })
  }

  getEntry(openid: string, id: string) {
    const row = this.stmts.entry.get(openid, id)
    return row && entryFromRow(row)
  }

  creditedGrams(openid: string, factorId: string, day: string) {
    return this.stmts.creditedGrams.get(openid, day, factorId)?.grams ?? 0
  }

  dayTotals(openid: string, day: string) {
    const row = this.stmts.dayTotals.get(openid, day)
    return { gramsCo2e: row?.grams ?? 0, points: row?.points ?? 0 }
  }

  dayByFactor(openid: string, day: string) {
    return this.stmts.dayByFactor.all(openid, day).map((r) => ({ factorId: r.factor_id, gramsCo2e: r.grams }))
  }

  daySeries(openid: string, fromDay: string, toDay: string) {
    return this.stmts.daySeries.all(openid, fromDay, toDay).map((r) => ({ day: r.day, gramsCo2e: r.grams, points: r.points }))
  }

  setNickname(openid: string, nickname: string) {
    this.stmts.setNickname.run(nickname, openid)
  }

  anonymiseUser(openid: string, at: string) {
    this.stmts.anonymise.run(at, openid)
    this.stmts.forgetSessionKey.run(openid)
  }

  checkInDaysSince(openid: string, sinceDay: string) {
    return this.stmts.checkInDays.all(openid, sinceDay).map((r) => r.day)
  }

  listEntries(openid: string, beforeSeq: number, limit: number) {
    return this.stmts.listEntries.all(openid, beforeSeq, limit).map(entryFromRow)
  }

  allEntries(openid: string): LedgerEntry[] {
    return this.stmts.allEntries.all(openid).map(entryFromRow)
  }

  close() {
    // The worker closes its own connection; SQLite needs no ordering between the two.
    void this.checkpointer?.stop()
    if (this.db.open) this.db.close()
  }
}

interface UserRow {
  openid: string
  handle: string
  nickname: string
  roles: string
  created_at: string
}

interface StationRow {
  code: string
  name: string
  materials: string
}

interface RequestRow {
  fn: string
  payload_hash: string
  result_ref: string
  capped: number
}

interface WalletRow {
  grams_total: number
  points_balance: number
  points_earned: number
  points_spent: number
  head_seq: number
  head_hash: string
}

function userFromRow(row: UserRow): UserRecord {
  return {
    openid: row.openid,
    handle: row.handle,
    nickname: row.nickname,
    roles: row.roles.split(',').filter(Boolean) as Role[],
    createdAt: row.created_at,
  }
}

function stationFromRow(row: StationRow): Station {
  return { code: row.code, name: row.name, materials: JSON.parse(row.materials) }
}

interface RewardRow {
  id: string
  title: string
  description: string
  image_url: string | null
  points_cost: number
  stock: number
  per_user_limit: number
  valid_days: number
  active: number
}

function rewardFromRow(row: RewardRow): RewardRecord {
  const r: RewardRecord = {
    id: row.id,
    title: row.title,
    description: row.description,
    pointsCost: row.points_cost,
    stock: row.stock,
    perUserLimit: row.per_user_limit,
    validDays: row.valid_days,
    active: row.active === 1,
  }
  if (row.image_url !== null) r.imageUrl = row.image_url
  return r
}

interface RedemptionRow {
  id: string
  openid: string
  reward_id: string
  reward_title: string
  code: string
  status: RedemptionRecord['status']
  points_cost: number
  created_at: string
  expires_at: string
  expires_at_ms: number
  closed_at: string | null
  verified_by: string | null
}

function redemptionFromRow(row: RedemptionRow): RedemptionRecord {
  const r: RedemptionRecord = {
    id: row.id,
    openid: row.openid,
    rewardId: row.reward_id,
    rewardTitle: row.reward_title,
    code: row.code,
    status: row.status,
    pointsCost: row.points_cost,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    expiresAtMs: row.expires_at_ms,
  }
  if (row.closed_at !== null) {
    if (row.status === 'fulfilled') r.fulfilledAt = row.closed_at
    if (row.status === 'cancelled') r.cancelledAt = row.closed_at
    if (row.status === 'expired') r.expiredAt = row.closed_at
  }
  if (row.verified_by !== null) r.verifiedBy = row.verified_by
  return r
}

interface ReviewRow {
  id: string
  entry_id: string
  openid: string
  reasons: string
  status: ReviewRecord['status']
  created_at: string
  decided_by: string | null
  decided_at: string | null
  adjust_entry_id: string | null
}

function reviewFromRow(row: ReviewRow): ReviewRecord {
  const r: ReviewRecord = {
    id: row.id,
    entryId: row.entry_id,
    openid: row.openid,
    reasons: row.reasons.split(',').filter(Boolean) as ReviewRecord['reasons'],
    status: row.status,
    createdAt: row.created_at,
  }
  if (row.decided_by !== null) r.decidedBy = row.decided_by
  if (row.decided_at !== null) r.decidedAt = row.decided_at
  if (row.adjust_entry_id !== null) r.adjustEntryId = row.adjust_entry_id
  return r
}

interface ProjectRow {
  id: string
  title: string
  description: string
  goal_points: number
  active: number
}

function projectFromRow(row: ProjectRow): ProjectRecord {
  return { id: row.id, title: row.title, description: row.description, goalPoints: row.goal_points, active: row.active === 1 }
}

interface GroupRow {
  id: string
  name: string
  invite_code: string
  leader: string
  created_at: string
}

function groupFromRow(r: GroupRow): GroupRecord {
  return { id: r.id, name: r.name, inviteCode: r.invite_code, leader: r.leader, createdAt: r.created_at }
}

interface ChallengeRow {
  id: string
  group_id: string | null
  creator: string
  title: string
  description: string
  metric: ChallengeRecord['metric']
  mode: string | null
  target_member: number | null
  target_group: number | null
  start_day: string
  end_day: string
  bonus_points: number
  created_at: string
}

function challengeFromRow(r: ChallengeRow): ChallengeRecord {
  const c: ChallengeRecord = {
    id: r.id,
    creator: r.creator,
    title: r.title,
    description: r.description,
    metric: r.metric,
    startDay: r.start_day,
    endDay: r.end_day,
    bonusPoints: r.bonus_points,
    createdAt: r.created_at,
  }
  if (r.group_id !== null) c.groupId = r.group_id
  if (r.mode !== null) c.mode = r.mode
  if (r.target_member !== null) c.targetMember = r.target_member
  if (r.target_group !== null) c.targetGroup = r.target_group
  return c
}

interface ParticipantRow {
  challenge_id: string
  openid: string
  group_id: string | null
  joined_ms: number
  value: number
  value_ms: number
  bonus_entry_id: string | null
}

function participantFromRow(r: ParticipantRow): ParticipantRecord {
  const p: ParticipantRecord = { challengeId: r.challenge_id, openid: r.openid, joinedMs: r.joined_ms, value: r.value, valueMs: r.value_ms }
  if (r.group_id !== null) p.groupId = r.group_id
  if (r.bonus_entry_id !== null) p.bonusEntryId = r.bonus_entry_id
  return p
}
