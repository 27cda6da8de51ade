/**
 * The storage operations in SQL, once, for every SQL engine: SQLite (embedded) and the MySQL family (MySQL 8,
 * MariaDB 10.11, TiDB 7). The statements are written in the common subset; what differs in syntax is rewritten
 * for MySQL by ./dialect. Each engine instance runs on one executor: a connection, or a transaction's connection.
 */
import type { Factor, LedgerEntry, Methodology, Role, Station, Wallet } from '../../src/contract/types'
import { DELETED_NICKNAME, deletedHandle } from '../../src/core/account'
import { DAY_TOTAL_KEY, parseTrips, SELF_REPORTED_TOTAL_KEY, type Trip } from '../../src/core/farming'
import { isBookkeepingKey, STEPS_VERIFIED_KEY, WALK_CLAIMED_KEY } from '../../src/core/steps'
import { GENESIS_HASH } from '../../src/core/ledger'
import { NO_COMMUNITY } from '../../src/core/community'
import { fromMicroDegrees, toMicroDegrees } from '../../src/core/geo'
import { parseStationDrops, type StationDrop } from '../../src/core/review'
import { isReminderKind, type ReminderKind } from '../../src/core/reminders'
import type { AsyncOps, MoveSpec, TransitionSpec, ReviewHoldRecord, AllocationRecord, BudgetReturnRecord, FundingRecord, IssuanceRecord, OpenBudget, ChallengeRecord, ReminderRecord, ReminderStatus, GroupRecord, ParticipantRecord, ProjectRecord, RedemptionRecord, RequestRecord, ReviewRecord, RewardRecord, RewardSeed, UserRecord, WalletRecord, CommunityRecord, PersonCommunity, EventRecord, SignupRecord } from './port'

/** A prepared statement: positional parameters, or one object of named ones (@name). */
export interface SqlStatement<P extends unknown[] | object = unknown[], R = unknown> {
  get(...params: P extends unknown[] ? P : [P]): Promise<R | undefined>
  all(...params: P extends unknown[] ? P : [P]): Promise<R[]>
  run(...params: P extends unknown[] ? P : [P]): Promise<{ changes: number }>
  /**
   * A write whose outcome the caller does not read: a networked engine may hold it and send it with the
   * transaction's next statement or its COMMIT (one round trip for several). An error it meets fails that
   * later statement, and with it the transaction.
   */
  defer(...params: P extends unknown[] ? P : [P]): Promise<void>
  /**
   * A read the transaction will make: a networked engine sends it right after its next statement and keeps the
   * answer for the get/all that asks; an embedded one does nothing.
   */
  prefetch(...params: P extends unknown[] ? P : [P]): void
}

export type SqlDialect = 'sqlite' | 'mysql'

export interface SqlExecutor {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): SqlStatement<P, R>
}

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
  steps: number | null
  evidence: LedgerEntry['evidence'] | null
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
  if (row.steps !== null && row.steps !== undefined) entry.steps = row.steps
  if (row.evidence !== null && row.evidence !== undefined) entry.evidence = row.evidence
  return entry
}


type Operation = (...args: unknown[]) => Promise<unknown>

/**
 * The engine's operations as a port shows them: each through the wrapper its adapter chooses (taking turns,
 * mapping a lost database to UNAVAILABLE), made once per operation, beside the adapter's own members.
 */
export function wrapOperations<T extends object>(engine: SqlEngine, wrap: (name: string, call: Operation) => Operation, own: Record<string, unknown> = {}): T {
  const made = new Map<string, Operation>()
  return new Proxy({} as T, {
    get(_, name) {
      if (typeof name !== 'string') return undefined
      if (Object.prototype.hasOwnProperty.call(own, name)) return own[name]
      const op = (engine as unknown as Record<string, unknown>)[name]
      if (typeof op !== 'function') return undefined
      let fn = made.get(name)
      if (!fn) {
        fn = wrap(name, (...args) => (op as Operation).apply(engine, args))
        made.set(name, fn)
      }
      return fn
    },
  })
}

type Statements = ReturnType<typeof prepareAll>

/**
 * The columns a compare-and-set (applyTransition) or a bounded move (applyMove) may write, by table, with the
 * table's key: names are checked against this list, so no statement text is ever made from input.
 */
const WRITABLE: Record<string, { key: readonly string[]; columns: readonly string[] }> = {
  redemptions: { key: ['id'], columns: ['status', 'closed_at', 'verified_by'] },
  reviews: { key: ['id'], columns: ['status', 'decided_by', 'decided_at', 'adjust_entry_id'] },
  event_signups: { key: ['event_id', 'openid'], columns: ['status', 'signed_at', 'attended_at', 'bonus_entry_id', 'distance_m'] },
  events: { key: ['id'], columns: ['taken', 'slots', 'budget_spent', 'budget_points', 'cancelled_at', 'budget_closed_at'] },
  rewards: { key: ['id'], columns: ['stock'] },
  challenges: { key: ['id'], columns: ['budget_spent', 'budget_points', 'budget_closed_at'] },
  challenge_participants: { key: ['challenge_id', 'openid'], columns: ['completed_ms', 'bonus_entry_id'] },
  groups: { key: ['id'], columns: ['leader', 'closed_at', 'invite_code'] },
  wallets: { key: ['openid'], columns: ['closed_at'] },
  treasury: { key: ['id'], columns: ['issued', 'allocated'] },
  treasury_months: { key: ['month'], columns: ['issued'] },
  allowances: { key: ['purse'], columns: ['granted', 'spent'] },
}

function writable(table: string, key: Record<string, string>, columns: string[]): string[] {
  const spec = WRITABLE[table]
  if (!spec) throw new Error(`no conditional updates are written to ${table}`)
  const keyColumns = Object.keys(key)
  if (keyColumns.length !== spec.key.length || !spec.key.every((k) => keyColumns.includes(k))) {
    throw new Error(`${table} is keyed by ${spec.key.join(', ')}, not ${keyColumns.join(', ')}`)
  }
  for (const c of columns) if (!spec.columns.includes(c)) throw new Error(`${table}.${c} is not written by a conditional update`)
  return [...spec.key]
}

/**
 * The organizer's report, over the whole city or (scoped) one community: the same statements with a leading
 * `community_id = ?`, which the (community_id, day) index answers.
 */
function statsStatements(exec: SqlExecutor, scoped: boolean) {
  const where = scoped ? 'community_id = ? AND ' : ''
  return {
    byDay: exec.prepare<unknown[], { day: string; grams: number; checkins: number; participants: number; points: number }>(
      `SELECT day, SUM(grams) AS grams, SUM(type = 'checkin') AS checkins, COUNT(DISTINCT openid) AS participants, SUM(points) AS points
       FROM entries WHERE ${where}day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') GROUP BY day ORDER BY day`,
    ),
    totals: exec.prepare<unknown[], { participants: number }>(
      `SELECT COUNT(DISTINCT openid) AS participants FROM entries WHERE ${where}day BETWEEN ? AND ? AND type = 'checkin'`,
    ),
    byFactor: exec.prepare<unknown[], { factor_id: string; grams: number; checkins: number }>(
      `SELECT factor_id, SUM(grams) AS grams, SUM(type = 'checkin') AS checkins FROM entries
       WHERE ${where}day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') AND factor_id IS NOT NULL GROUP BY factor_id ORDER BY grams DESC, factor_id`,
    ),
    byStation: exec.prepare<unknown[], { station_code: string; grams: number; checkins: number; weight: number }>(
      `SELECT station_code, SUM(grams) AS grams, COUNT(*) AS checkins, SUM(weight_g) AS weight FROM entries
       WHERE ${where}day BETWEEN ? AND ? AND type = 'checkin' AND station_code IS NOT NULL GROUP BY station_code ORDER BY grams DESC, station_code`,
    ),
    // A community's vouchers are those of the rewards it stocks.
    redemptions: exec.prepare<unknown[], { reward_id: string; title: string; pending: number; fulfilled: number; cancelled: number; expired: number }>(
      `SELECT d.reward_id, d.reward_title AS title, SUM(d.status = 'pending') AS pending, SUM(d.status = 'fulfilled') AS fulfilled,
         SUM(d.status = 'cancelled') AS cancelled, SUM(d.status = 'expired') AS expired
       FROM redemptions d${scoped ? ' JOIN rewards rw ON rw.id = d.reward_id WHERE rw.community_id = ? AND' : ' WHERE'} substr(d.created_at, 1, 10) BETWEEN ? AND ?
       GROUP BY d.reward_id, d.reward_title ORDER BY d.reward_id`,
    ),
  }
}

function prepareAll(exec: SqlExecutor, dialect: SqlDialect) {
  return {
      getMeta: exec.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMetaIfAbsent: exec.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
      setMeta: exec.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      // The organizer grant comes with the person: roles are read on every call, in the same round trip.
      userByHandle: exec.prepare<[string], UserRow>(
        'SELECT u.*, g.granted_at AS grant_granted_at, g.revoked_at AS grant_revoked_at, g.community_id AS grant_community_id FROM users u LEFT JOIN organizer_grants g ON g.openid = u.openid WHERE u.handle = ?',
      ),
      // A deleted account no longer exists for sessions; its ledger stays, pseudonymous.
      user: exec.prepare<[string], UserRow>(
        'SELECT u.*, g.granted_at AS grant_granted_at, g.revoked_at AS grant_revoked_at, g.community_id AS grant_community_id FROM users u LEFT JOIN organizer_grants g ON g.openid = u.openid WHERE u.openid = ? AND u.deleted_at IS NULL',
      ),
      insertUser: exec.prepare('INSERT INTO users (openid, handle, nickname, roles, created_at) VALUES (?, ?, ?, ?, ?)'),
      saveSessionKey: exec.prepare(
        'INSERT INTO wechat_sessions (openid, session_key, updated_at) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET session_key = excluded.session_key, updated_at = excluded.updated_at',
      ),
      sessionKey: exec.prepare<[string], { session_key: string }>('SELECT session_key FROM wechat_sessions WHERE openid = ?'),
      grant: exec.prepare<[string], { granted_at: string; revoked_at: string | null; community_id: string | null }>('SELECT granted_at, revoked_at, community_id FROM organizer_grants WHERE openid = ?'),
      saveGrant: exec.prepare(
        'INSERT INTO organizer_grants (openid, granted_at, revoked_at, community_id) VALUES (?, ?, NULL, ?) ON CONFLICT (openid) DO UPDATE SET granted_at = excluded.granted_at, revoked_at = NULL, community_id = excluded.community_id',
      ),
      revokeGrant: exec.prepare('UPDATE organizer_grants SET revoked_at = ? WHERE openid = ? AND revoked_at IS NULL'),
      grantHistory: exec.prepare('INSERT INTO organizer_grant_history (openid, action, at) VALUES (?, ?, ?)'),
      grants: exec.prepare<[], { openid: string; granted_at: string; revoked_at: string | null; community_id: string | null }>('SELECT * FROM organizer_grants ORDER BY granted_at, openid'),
      privacy: exec.prepare<[string], { version: number; agreed_at: string }>('SELECT version, agreed_at FROM privacy_agreements WHERE openid = ?'),
      savePrivacy: exec.prepare(
        'INSERT INTO privacy_agreements (openid, version, agreed_at) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET version = excluded.version, agreed_at = excluded.agreed_at',
      ),
      insertMethodology: exec.prepare('INSERT OR IGNORE INTO methodologies (version, grams_per_point) VALUES (?, ?)'),
      insertFactor: exec.prepare('INSERT OR IGNORE INTO factors (version, id, body) VALUES (?, ?, ?)'),
      methodology: exec.prepare<[string], { version: string; grams_per_point: number }>(
        'SELECT * FROM methodologies WHERE version = ?',
      ),
      factors: exec.prepare<[string], { body: string }>('SELECT body FROM factors WHERE version = ? ORDER BY rowid'),
      upsertStation: exec.prepare(
        'INSERT INTO stations (code, name, materials) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING',
      ),
      saveStation: exec.prepare(
        `INSERT INTO stations (code, name, materials, address, hours, community_id, retired_at) VALUES (@code, @name, @materials, @address, @hours, @communityId, @retiredAt)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, materials = excluded.materials, address = excluded.address, hours = excluded.hours,
           community_id = excluded.community_id, retired_at = excluded.retired_at`,
      ),
      stations: exec.prepare<[], StationRow>('SELECT * FROM stations ORDER BY code'),
      stationSecret: exec.prepare<[string], { secret: string | null }>('SELECT secret FROM stations WHERE code = ?'),
      setStationSecret: exec.prepare('UPDATE stations SET secret = ? WHERE code = ? AND secret IS NULL'),
      useDisplayCode: exec.prepare('INSERT OR IGNORE INTO display_code_uses (openid, station_code, window_no) VALUES (?, ?, ?)'),
      noteDisplayUse: exec.prepare('UPDATE display_code_uses SET entry_id = ? WHERE openid = ? AND station_code = ? AND window_no = ?'),
      addDisplayWindowUse: exec.prepare(
        'INSERT INTO display_code_windows (station_code, window_no, uses) VALUES (?, ?, 1) ON CONFLICT (station_code, window_no) DO UPDATE SET uses = uses + 1',
      ),
      displayWindowUses: exec.prepare<[string, number], { uses: number }>('SELECT uses FROM display_code_windows WHERE station_code = ? AND window_no = ?'),
      displayWindowEntries: exec.prepare<[string, number, number], { openid: string; entry_id: string | null }>(
        'SELECT openid, entry_id FROM display_code_uses WHERE station_code = ? AND window_no = ? AND entry_id IS NOT NULL ORDER BY openid LIMIT ?',
      ),
      reviewOfEntry: exec.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE entry_id = ?'),
      station: exec.prepare<[string], StationRow>('SELECT * FROM stations WHERE code = ?'),
      seedReward: exec.prepare(
        `INSERT OR IGNORE INTO rewards (id, title, description, points_cost, stock, per_user_limit, valid_days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      reward: exec.prepare<[string], RewardRow>('SELECT * FROM rewards WHERE id = ?'),
      rewards: exec.prepare<[number], RewardRow>('SELECT * FROM rewards WHERE active = 1 OR ? = 1 ORDER BY points_cost, id'),
      saveReward: exec.prepare(
        `INSERT INTO rewards (id, title, description, image_url, points_cost, stock, per_user_limit, valid_days, active, created_at, community_id)
         VALUES (@id, @title, @description, @imageUrl, @pointsCost, @stock, @perUserLimit, @validDays, @active, @createdAt, @communityId)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, image_url = excluded.image_url,
           points_cost = excluded.points_cost, stock = excluded.stock, per_user_limit = excluded.per_user_limit,
           valid_days = excluded.valid_days, active = excluded.active, community_id = excluded.community_id`,
      ),
      // A zero wallet row to lock (a new person has none yet), then the lock itself.
      ensureWallet: exec.prepare(
        `INSERT OR IGNORE INTO wallets (openid, grams_total, points_balance, points_earned, points_spent, head_seq, head_hash) VALUES (?, 0, 0, 0, 0, 0, '${GENESIS_HASH}')`,
      ),
      // The wallet row, locked, with this request's earlier record if there is one: what every write reads first.
      lockWallet: exec.prepare<[string, string], WalletRow & { r_fn: string | null; r_payload_hash: string | null; r_result_ref: string | null; r_capped: number | null }>(
        `SELECT w.*, r.fn AS r_fn, r.payload_hash AS r_payload_hash, r.result_ref AS r_result_ref, r.capped AS r_capped
         FROM wallets w LEFT JOIN requests r ON r.openid = w.openid AND r.request_id = ?
         WHERE w.openid = ?${dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
      ),
      insertRedemption: exec.prepare(
        `INSERT INTO redemptions (id, openid, reward_id, reward_title, code, status, points_cost, created_at, expires_at, expires_at_ms)
         VALUES (@id, @openid, @rewardId, @rewardTitle, @code, @status, @pointsCost, @createdAt, @expiresAt, @expiresAtMs)`,
      ),
      redemption: exec.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE id = ?'),
      redemptionByCode: exec.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE code = ?'),
      redemptionsOf: exec.prepare<[string], RedemptionRow>('SELECT * FROM redemptions WHERE openid = ? ORDER BY created_at DESC, id'),
      heldCounts: exec.prepare<[string], { reward_id: string; n: number }>('SELECT reward_id, held AS n FROM reward_holdings WHERE openid = ? AND held > 0'),
      addHolding: exec.prepare(
        'INSERT INTO reward_holdings (openid, reward_id, held) VALUES (?, ?, ?) ON CONFLICT (openid, reward_id) DO UPDATE SET held = held + excluded.held',
      ),
      // A release lowers a row its voucher made; an upsert would first check its would-be row (held < 0).
      releaseHolding: exec.prepare('UPDATE reward_holdings SET held = held + ? WHERE openid = ? AND reward_id = ?'),
      dueRedemptions: exec.prepare<[number, number], RedemptionRow>(
        "SELECT * FROM redemptions WHERE status = 'pending' AND expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?",
      ),
      stationDrops: exec.prepare<[string, string], { recent: string }>('SELECT recent FROM station_drops WHERE openid = ? AND station_code = ?'),
      saveStationDrops: exec.prepare(
        'INSERT INTO station_drops (openid, station_code, recent) VALUES (?, ?, ?) ON CONFLICT (openid, station_code) DO UPDATE SET recent = excluded.recent',
      ),
      insertReview: exec.prepare(
        'INSERT INTO reviews (id, entry_id, openid, reasons, status, created_at, community_id, held_points) VALUES (@id, @entryId, @openid, @reasons, @status, @createdAt, @communityId, @heldPoints)',
      ),
      review: exec.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE id = ?'),
      insertReviewHold: exec.prepare('INSERT INTO review_holds (review_id, entry_id, openid, challenge_id, points) VALUES (?, ?, ?, ?, ?)'),
      reviewHolds: exec.prepare<[string], { review_id: string; entry_id: string; openid: string; challenge_id: string; points: number }>(
        'SELECT * FROM review_holds WHERE review_id = ? ORDER BY entry_id',
      ),
      reviews: exec.prepare<[string, number], ReviewRow>('SELECT * FROM reviews WHERE status = ? ORDER BY created_at DESC, id LIMIT ?'),
      communityReviews: exec.prepare<[string, string, number], ReviewRow>(
        'SELECT * FROM reviews WHERE community_id = ? AND status = ? ORDER BY created_at DESC, id LIMIT ?',
      ),
      stats: statsStatements(exec, false),
      communityStats: statsStatements(exec, true),
      saveProject: exec.prepare(
        `INSERT INTO projects (id, title, description, goal_points, active, created_at) VALUES (@id, @title, @description, @goalPoints, @active, @createdAt)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, goal_points = excluded.goal_points, active = excluded.active`,
      ),
      project: exec.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
      projects: exec.prepare<[number], ProjectRow>('SELECT * FROM projects WHERE active = 1 OR ? = 1 ORDER BY created_at DESC, id'),
      // At most COUNTER_SLOTS rows a project: a bounded read, never the ledger.
      projectTotals: exec.prepare<[], { ref: string; raised: number; donors: number }>(
        'SELECT project_id AS ref, SUM(raised) AS raised, SUM(donors) AS donors FROM project_slots GROUP BY project_id',
      ),
      donatedBy: exec.prepare<[string], { ref: string; points: number }>('SELECT project_id AS ref, points FROM project_donations WHERE openid = ?'),
      newDonor: exec.prepare('INSERT OR IGNORE INTO project_donations (project_id, openid, points) VALUES (?, ?, 0)'),
      addDonated: exec.prepare('UPDATE project_donations SET points = points + ? WHERE project_id = ? AND openid = ?'),
      addToSlot: exec.prepare(
        'INSERT INTO project_slots (project_id, slot, raised, donors) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, slot) DO UPDATE SET raised = raised + excluded.raised, donors = donors + excluded.donors',
      ),
      insertGroup: exec.prepare('INSERT INTO groups (id, name, invite_code, leader, created_at) VALUES (@id, @name, @inviteCode, @leader, @createdAt)'),
      group: exec.prepare<[string], GroupRow>('SELECT * FROM groups WHERE id = ?'),
      groupByInvite: exec.prepare<[string], GroupRow>('SELECT * FROM groups WHERE invite_code = ?'),
      setInvite: exec.prepare('UPDATE groups SET invite_code = ? WHERE id = ?'),
      addMember: exec.prepare('INSERT OR IGNORE INTO group_members (group_id, openid, joined_at) VALUES (?, ?, ?)'),
      removeMember: exec.prepare('DELETE FROM group_members WHERE group_id = ? AND openid = ?'),
      isMember: exec.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND openid = ?'),
      members: exec.prepare<[string], { openid: string; nickname: string | null }>(
        'SELECT m.openid, u.nickname FROM group_members m LEFT JOIN users u ON u.openid = m.openid AND u.deleted_at IS NULL WHERE m.group_id = ? ORDER BY m.joined_at, m.openid',
      ),
      groupsOf: exec.prepare<[string], GroupRow>('SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.openid = ? ORDER BY g.created_at, g.id'),
      insertChallenge: exec.prepare(
        `INSERT INTO challenges (id, group_id, creator, title, description, metric, mode, target_member, target_group, start_day, end_day, bonus_points, created_at)
         VALUES (@id, @groupId, @creator, @title, @description, @metric, @mode, @targetMember, @targetGroup, @startDay, @endDay, @bonusPoints, @createdAt)`,
      ),
      challenge: exec.prepare<[string], ChallengeRow>('SELECT * FROM challenges WHERE id = ?'),
      addParticipant: exec.prepare(
        'INSERT OR IGNORE INTO challenge_participants (challenge_id, openid, group_id, joined_ms, value, value_ms) VALUES (@challengeId, @openid, @groupId, @joinedMs, 0, @joinedMs)',
      ),
      participant: exec.prepare<[string, string], ParticipantRow>('SELECT * FROM challenge_participants WHERE challenge_id = ? AND openid = ?'),
      participationsOf: exec.prepare<[string], ParticipantRow>('SELECT * FROM challenge_participants WHERE openid = ?'),
      addToParticipant: exec.prepare(
        `UPDATE challenge_participants SET value = value + @delta, pending_value = pending_value + @pending, value_ms = CASE WHEN @delta > 0 THEN @atMs ELSE value_ms END
         WHERE challenge_id = @challengeId AND openid = @openid`,
      ),
      fundersOf: exec.prepare<[string], { openid: string }>('SELECT DISTINCT openid FROM budget_fundings WHERE challenge_id = ?'),
      fundingsOf: exec.prepare<[string], { id: string; challenge_id: string; purse: string; openid: string; points: number; created_at: string }>(
        'SELECT * FROM budget_fundings WHERE challenge_id = ? ORDER BY created_at, id',
      ),
      insertFunding: exec.prepare('INSERT INTO budget_fundings (id, challenge_id, openid, points, created_at, purse) VALUES (?, ?, ?, ?, ?, ?)'),
      insertBudgetReturn: exec.prepare('INSERT INTO budget_returns (id, budget_id, purse, openid, points, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      ensureTreasury: exec.prepare("INSERT OR IGNORE INTO treasury (id, issued, allocated) VALUES ('city', 0, 0)"),
      ensureMonth: exec.prepare('INSERT OR IGNORE INTO treasury_months (month, issued) VALUES (?, 0)'),
      ensurePurse: exec.prepare('INSERT OR IGNORE INTO allowances (purse, granted, spent) VALUES (?, 0, 0)'),
      treasury: exec.prepare<[], { issued: number; allocated: number }>("SELECT issued, allocated FROM treasury WHERE id = 'city'"),
      monthIssued: exec.prepare<[string], { issued: number }>('SELECT issued FROM treasury_months WHERE month = ?'),
      issuanceByMonth: exec.prepare<[string], { month: string; issued: number }>('SELECT month, issued FROM treasury_months WHERE month >= ? ORDER BY month'),
      insertIssuance: exec.prepare('INSERT INTO treasury_issuances (id, openid, points, reason, month, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertAllocation: exec.prepare('INSERT INTO allowance_grants (id, purse, openid, points, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      purse: exec.prepare<[string], { purse: string; granted: number; spent: number }>('SELECT * FROM allowances WHERE purse = ?'),
      purses: exec.prepare<[], { purse: string; granted: number; spent: number }>('SELECT * FROM allowances ORDER BY purse LIMIT 10000'),
      recentIssuances: exec.prepare<[number], { id: string; openid: string; points: number; reason: string; month: string; created_at: string }>(
        'SELECT * FROM treasury_issuances ORDER BY created_at DESC, id LIMIT ?',
      ),
      recentAllocations: exec.prepare<[number], AllocationRow>('SELECT * FROM allowance_grants ORDER BY created_at DESC, id LIMIT ?'),
      recentAllocationsOf: exec.prepare<[string, number], AllocationRow>('SELECT * FROM allowance_grants WHERE purse = ? ORDER BY created_at DESC, id LIMIT ?'),
      eventBudgetsToClose: exec.prepare<[number, number], { id: string; budget_points: number; budget_spent: number }>(
        'SELECT id, budget_points, budget_spent FROM events WHERE budget_closed_at IS NULL AND (ends_ms <= ? OR cancelled_at IS NOT NULL) ORDER BY ends_ms, id LIMIT ?',
      ),
      challengeBudgetsToClose: exec.prepare<[string, number], { id: string; budget_points: number; budget_spent: number }>(
        'SELECT id, budget_points, budget_spent FROM challenges WHERE budget_closed_at IS NULL AND end_day <= ? ORDER BY end_day, id LIMIT ?',
      ),
      auditEntries: exec.prepare<[], { type: string; points: number }>('SELECT type, COALESCE(SUM(points), 0) AS points FROM entries GROUP BY type'),
      auditWallets: exec.prepare<[], { balance: number; earned: number; spent: number; held: number; above: number }>(
        `SELECT COALESCE(SUM(points_balance), 0) AS balance, COALESCE(SUM(points_earned), 0) AS earned, COALESCE(SUM(points_spent), 0) AS spent,
           COALESCE(SUM(points_held), 0) AS held, COALESCE(SUM(CASE WHEN points_held > points_balance THEN 1 ELSE 0 END), 0) AS above FROM wallets`,
      ),
      auditBudgets: exec.prepare<[], { funded: number; spent: number; overspent: number; mismatch: number }>(
        `SELECT COALESCE(SUM(budget_points), 0) AS funded, COALESCE(SUM(budget_spent), 0) AS spent,
           COALESCE(SUM(CASE WHEN budget_spent > budget_points THEN 1 ELSE 0 END), 0) AS overspent,
           COALESCE(SUM(CASE WHEN budget_spent <> COALESCE((SELECT SUM(e.points) FROM entries e WHERE e.type = 'bonus' AND e.ref = c.id), 0)
             + COALESCE((SELECT SUM(a.points) FROM entries a JOIN entries b ON b.id = a.ref WHERE a.type = 'adjust' AND b.type = 'bonus' AND b.ref = c.id), 0)
             THEN 1 ELSE 0 END), 0) AS mismatch
         FROM (SELECT id, budget_points, budget_spent FROM challenges UNION ALL SELECT id, budget_points, budget_spent FROM events) c`,
      ),
      auditFundings: exec.prepare<[], { points: number }>('SELECT COALESCE(SUM(points), 0) AS points FROM budget_fundings'),
      auditCheckins: exec.prepare<[], { n: number }>(
        `SELECT COUNT(*) AS n FROM entries e JOIN methodologies m ON m.version = e.methodology_version
         WHERE e.type = 'checkin' AND e.points * m.grams_per_point > e.grams`,
      ),
      auditRedemptions: exec.prepare<[], { costAll: number; costReturned: number }>(
        `SELECT COALESCE(SUM(points_cost), 0) AS costAll,
           COALESCE(SUM(CASE WHEN status IN ('cancelled', 'expired') THEN points_cost ELSE 0 END), 0) AS costReturned FROM redemptions`,
      ),
      auditTreasury: exec.prepare<[], { issued: number; allocated: number; issuances: number; allocations: number; returns: number }>(
        `SELECT COALESCE((SELECT issued FROM treasury WHERE id = 'city'), 0) AS issued, COALESCE((SELECT allocated FROM treasury WHERE id = 'city'), 0) AS allocated,
           COALESCE((SELECT SUM(points) FROM treasury_issuances), 0) AS issuances, COALESCE((SELECT SUM(points) FROM allowance_grants), 0) AS allocations,
           COALESCE((SELECT SUM(points) FROM budget_returns), 0) AS returns`,
      ),
      // Every purse any record names: its row must equal its allocations and its draws less what came back.
      auditPurses: exec.prepare<[], { n: number }>(
        `SELECT COUNT(*) AS n FROM (
           SELECT COALESCE((SELECT granted FROM allowances a WHERE a.purse = p.purse), -1) AS granted,
             COALESCE((SELECT spent FROM allowances a WHERE a.purse = p.purse), -1) AS spent,
             COALESCE((SELECT SUM(points) FROM allowance_grants g WHERE g.purse = p.purse), 0) AS grants,
             COALESCE((SELECT SUM(points) FROM budget_fundings f WHERE f.purse = p.purse), 0)
               - COALESCE((SELECT SUM(points) FROM budget_returns r WHERE r.purse = p.purse), 0) AS drawn
           FROM (SELECT purse FROM allowances UNION SELECT purse FROM allowance_grants UNION SELECT purse FROM budget_fundings UNION SELECT purse FROM budget_returns) p
         ) x WHERE granted <> grants OR spent <> drawn`,
      ),
      auditBelowZero: exec.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM wallets WHERE grams_total < 0 OR points_balance < 0 OR points_held < 0'),
      auditReversedTwice: exec.prepare<[], { n: number }>(
        "SELECT COUNT(*) AS n FROM (SELECT ref FROM entries WHERE type = 'adjust' GROUP BY ref HAVING COUNT(*) > 1) x",
      ),
      auditVouchers: exec.prepare<[], { n: number }>(
        `SELECT COUNT(*) AS n FROM redemptions d WHERE
           (SELECT COUNT(*) FROM entries e WHERE e.type = 'refund' AND e.ref = d.id) <> (CASE WHEN d.status IN ('cancelled', 'expired') THEN 1 ELSE 0 END)
           OR (d.status = 'pending' AND d.closed_at IS NOT NULL) OR (d.status <> 'pending' AND d.closed_at IS NULL)`,
      ),
      // Since the rule existed (a database upgraded from before it keeps what was paid then; meta says when).
      auditSelfPaid: exec.prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM entries e WHERE e.type = 'bonus'
           AND e.created_at >= COALESCE((SELECT value FROM meta WHERE key = ?), '')
           AND (EXISTS (SELECT 1 FROM events v WHERE v.id = e.ref AND v.creator = e.openid)
             OR EXISTS (SELECT 1 FROM challenges c WHERE c.id = e.ref AND c.creator = e.openid)
             OR EXISTS (SELECT 1 FROM budget_fundings f WHERE f.challenge_id = e.ref AND f.openid = e.openid)
             OR EXISTS (SELECT 1 FROM unpaid_by u WHERE u.openid = e.openid AND u.ref = e.ref))`,
      ),
      auditReviews: exec.prepare<[], { points: number }>(
        `SELECT COALESCE((SELECT SUM(r.held_points) FROM reviews r WHERE r.status = 'open'), 0)
           + COALESCE((SELECT SUM(x.points) FROM review_holds x JOIN reviews r ON r.id = x.review_id WHERE r.status = 'open'), 0) AS points`,
      ),
      // Adjust entries that take a bonus back (they point at the bonus entry and name no factor).
      auditBonusReversals: exec.prepare<[], { points: number }>(
        "SELECT COALESCE(SUM(points), 0) AS points FROM entries WHERE type = 'adjust' AND factor_id IS NULL",
      ),
      rejoinParticipant: exec.prepare(
        'UPDATE challenge_participants SET left_ms = NULL, group_id = @groupId, joined_ms = @joinedMs, value = 0, pending_value = 0, value_ms = @joinedMs WHERE challenge_id = @challengeId AND openid = @openid AND left_ms IS NOT NULL',
      ),
      setParticipantGroup: exec.prepare('UPDATE challenge_participants SET group_id = ? WHERE challenge_id = ? AND openid = ?'),
      markLeft: exec.prepare('UPDATE challenge_participants SET left_ms = ? WHERE challenge_id = ? AND openid = ?'),
      addChallengeSlot: exec.prepare(
        'INSERT INTO challenge_slots (challenge_id, slot, participants) VALUES (?, ?, ?) ON CONFLICT (challenge_id, slot) DO UPDATE SET participants = participants + excluded.participants',
      ),
      participantCount: exec.prepare<[string], { n: number }>('SELECT COALESCE(SUM(participants), 0) AS n FROM challenge_slots WHERE challenge_id = ?'),
      addGroupValue: exec.prepare(
        `INSERT INTO challenge_group_values (challenge_id, group_id, value, pending) VALUES (?, ?, ?, ?)
         ON CONFLICT (challenge_id, group_id) DO UPDATE SET value = value + excluded.value, pending = pending + excluded.pending`,
      ),
      groupValue: exec.prepare<[string, string], { v: number; p: number }>('SELECT value AS v, pending AS p FROM challenge_group_values WHERE challenge_id = ? AND group_id = ?'),
      isUnpaidBy: exec.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM unpaid_by WHERE openid = ? AND ref = ?'),
      insertUnpaidBy: exec.prepare('INSERT OR IGNORE INTO unpaid_by (openid, ref, until_ms) VALUES (?, ?, ?)'),
      challengesRunBy: exec.prepare<[string, string, string, string], { id: string; end_day: string }>(
        `SELECT id, end_day FROM challenges WHERE creator = ? AND end_day >= ?
         UNION SELECT c.id, c.end_day FROM budget_fundings f JOIN challenges c ON c.id = f.challenge_id WHERE f.openid = ? AND c.end_day >= ?`,
      ),
      eventsRunBy: exec.prepare<[string, number], { id: string; ends_ms: number }>('SELECT id, ends_ms FROM events WHERE creator = ? AND ends_ms > ?'),
      unpaid: exec.prepare<[string, string], ParticipantRow>(
        'SELECT * FROM challenge_participants WHERE challenge_id = ? AND group_id = ? AND completed_ms IS NULL AND left_ms IS NULL',
      ),
      top: exec.prepare<[string, number], ParticipantRow & { nickname: string | null }>(
        `SELECT p.*, u.nickname FROM challenge_participants p LEFT JOIN users u ON u.openid = p.openid AND u.deleted_at IS NULL
         WHERE p.challenge_id = ? AND p.left_ms IS NULL ORDER BY p.value DESC, p.value_ms LIMIT ?`,
      ),
      rank: exec.prepare<[string, number, number, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM challenge_participants WHERE challenge_id = ? AND left_ms IS NULL AND (value > ? OR (value = ? AND value_ms < ?))',
      ),
      groupTotals: exec.prepare<[string], { group_id: string; name: string; value: number }>(
        `SELECT v.group_id, g.name, v.value FROM challenge_group_values v JOIN groups g ON g.id = v.group_id
         WHERE v.challenge_id = ? ORDER BY v.value DESC, v.group_id LIMIT 100`,
      ),
      firstCompletion: exec.prepare<[string], { ms: number | null }>('SELECT MIN(completed_ms) AS ms FROM challenge_participants WHERE openid = ? AND completed_ms IS NOT NULL'),
      saveRequest: exec.prepare(
        'INSERT INTO requests (openid, request_id, fn, payload_hash, result_ref, capped) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      wallet: exec.prepare<[string], WalletRow>('SELECT * FROM wallets WHERE openid = ?'),
      addHeld: exec.prepare('UPDATE wallets SET points_held = points_held + ? WHERE openid = ?'),
      // lockPerson made sure the row exists
      updateWallet: exec.prepare(
        `UPDATE wallets SET grams_total = @gramsTotal, points_balance = @pointsBalance, points_earned = @pointsEarned,
           points_spent = @pointsSpent, head_seq = @headSeq, head_hash = @headHash WHERE openid = @openid`,
      ),
      insertEntry: exec.prepare(
        `INSERT INTO entries (openid, seq, id, type, grams, points, factor_id, source_version, methodology_version, day,
           created_at, occurred_at, ref, distance_m, duration_s, weight_g, station_code, steps, evidence, prev_hash, hash, community_id)
         VALUES (@openid, @seq, @id, @type, @grams, @points, @factorId, @sourceVersion, @methodologyVersion, @day,
           @createdAt, @occurredAt, @ref, @distanceM, @durationS, @weightG, @stationCode, @steps, @evidence, @prevHash, @hash, @communityId)`,
      ),
      entryAt: exec.prepare<[string, number], EntryRow>('SELECT * FROM entries WHERE openid = ? AND seq = ?'),
      // A certificate's code is its hash's first 16 hex digits: a range on the hash index.
      entriesByHashPrefix: exec.prepare<[string, string, number], EntryRow>('SELECT * FROM entries WHERE hash >= ? AND hash < ? ORDER BY hash LIMIT ?'),
      saveCommunity: exec.prepare(
        'INSERT INTO communities (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
      ),
      community: exec.prepare<[string], { id: string; name: string; created_at: string }>('SELECT * FROM communities WHERE id = ?'),
      communities: exec.prepare<[], { id: string; name: string; created_at: string }>('SELECT * FROM communities ORDER BY created_at, id'),
      setCommunity: exec.prepare('UPDATE wallets SET community_id = ?, community_set_ms = ? WHERE openid = ?'),
      addCommunityCounters: exec.prepare(
        `INSERT INTO community_counters (community_id, slot, residents, grams) VALUES (?, ?, ?, ?)
         ON CONFLICT (community_id, slot) DO UPDATE SET residents = residents + excluded.residents, grams = grams + excluded.grams`,
      ),
      addCommunityDayGrams: exec.prepare(
        `INSERT INTO community_day_grams (community_id, day, slot, grams) VALUES (?, ?, ?, ?)
         ON CONFLICT (community_id, day, slot) DO UPDATE SET grams = grams + excluded.grams`,
      ),
      // Communities × slots rows: bounded by the number of communities, never by the ledger.
      communityTotals: exec.prepare<[], { community_id: string; residents: number; grams: number }>(
        'SELECT community_id, SUM(residents) AS residents, SUM(grams) AS grams FROM community_counters GROUP BY community_id ORDER BY community_id',
      ),
      insertEvent: exec.prepare(
        `INSERT INTO events (id, community_id, title, place, starts_ms, ends_ms, slots, taken, reward_points, budget_points, budget_spent, secret, creator, created_at,
           latitude_e6, longitude_e6, radius_m)
         VALUES (@id, @communityId, @title, @place, @startsMs, @endsMs, @slots, 0, @rewardPoints, @budgetPoints, 0, @secret, @creator, @createdAt,
           @latitudeE6, @longitudeE6, @radiusM)`,
      ),
      event: exec.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      eventsOfCommunityAndCity: exec.prepare<[string, number, number], EventRow>(
        "SELECT * FROM events WHERE community_id IN (?, '') AND ends_ms > ? ORDER BY starts_ms, id LIMIT ?",
      ),
      eventsOfCommunity: exec.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE community_id = ? AND ends_ms > ? ORDER BY starts_ms, id LIMIT ?'),
      allEvents: exec.prepare<[number, number], EventRow>('SELECT * FROM events WHERE ends_ms > ? ORDER BY starts_ms, id LIMIT ?'),
      signup: exec.prepare<[string, string], SignupRow>('SELECT * FROM event_signups WHERE event_id = ? AND openid = ?'),
      insertSignup: exec.prepare(
        'INSERT INTO event_signups (event_id, openid, status, signed_at, attended_at, bonus_entry_id) VALUES (@eventId, @openid, @status, @signedAt, @attendedAt, @bonusEntryId)',
      ),
      signupsOf: exec.prepare<[string, number], SignupRow & { title: string }>(
        'SELECT s.*, e.title FROM event_signups s JOIN events e ON e.id = s.event_id WHERE s.openid = ? ORDER BY s.signed_at DESC, s.event_id LIMIT ?',
      ),
      eventSignups: exec.prepare<[string, number], SignupRow & { nickname: string }>(
        `SELECT s.*, u.nickname FROM event_signups s JOIN users u ON u.openid = s.openid WHERE s.event_id = ? ORDER BY s.signed_at, s.openid LIMIT ?`,
      ),
      communityDayGrams: exec.prepare<[string, string], { community_id: string; day: string; grams: number }>(
        'SELECT community_id, day, SUM(grams) AS grams FROM community_day_grams WHERE day BETWEEN ? AND ? GROUP BY community_id, day ORDER BY community_id, day',
      ),
      entry: exec.prepare<[string, string], EntryRow>('SELECT * FROM entries WHERE openid = ? AND id = ?'),
      dayCounters: exec.prepare<[string, string, string, string, string, string, string, string], { factor_id: string; grams: number }>(
        'SELECT factor_id, grams FROM day_factor_grams WHERE openid = ? AND day = ? AND factor_id IN (?, ?, ?, ?, ?, ?)',
      ),
      trips: exec.prepare<[string], { recent_trips: string | null }>('SELECT recent_trips FROM wallets WHERE openid = ?'),
      saveTrips: exec.prepare('UPDATE wallets SET recent_trips = ? WHERE openid = ?'),
      reminderKinds: exec.prepare<[string], { reminder_kinds: string | null }>('SELECT reminder_kinds FROM wallets WHERE openid = ?'),
      setReminderKinds: exec.prepare('UPDATE wallets SET reminder_kinds = ? WHERE openid = ?'),
      reminderCredits: exec.prepare<[string], { kind: string; credits: number }>('SELECT kind, credits FROM reminder_credits WHERE openid = ?'),
      addReminderCredit: exec.prepare(
        'INSERT INTO reminder_credits (openid, kind, credits) VALUES (?, ?, ?) ON CONFLICT (openid, kind) DO UPDATE SET credits = credits + excluded.credits',
      ),
      takeReminderCredit: exec.prepare('UPDATE reminder_credits SET credits = credits - 1 WHERE openid = ? AND kind = ? AND credits > 0'),
      scheduleReminder: exec.prepare(
        `INSERT OR IGNORE INTO reminders (id, openid, kind, ref, due_ms, params, status, attempts, next_ms)
         VALUES (@id, @openid, @kind, @ref, @dueMs, @params, 'pending', 0, @dueMs)`,
      ),
      // A tombstone when there is nothing to cancel yet: a later schedule of the same id then writes nothing.
      cancelReminder: exec.prepare(
        `INSERT INTO reminders (id, openid, kind, ref, due_ms, params, status, attempts, next_ms)
         VALUES (@id, @openid, @kind, @ref, 0, '{}', 'cancelled', 0, 0)
         ON CONFLICT (id) DO UPDATE SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END`,
      ),
      cancelPendingReminder: exec.prepare("UPDATE reminders SET status = 'cancelled' WHERE id = ? AND status = 'pending'"),
      dueReminders: exec.prepare<[number, number], ReminderRow>(
        "SELECT * FROM reminders WHERE status = 'pending' AND next_ms <= ? ORDER BY next_ms, id LIMIT ?",
      ),
      claimReminder: exec.prepare(
        "UPDATE reminders SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending' AND next_ms <= ?",
      ),
      finishReminder: exec.prepare('UPDATE reminders SET status = ?, delivered_at = ?, next_ms = ? WHERE id = ?'),
      abandonSending: exec.prepare("UPDATE reminders SET status = 'unknown' WHERE status = 'sending'"),
      inbox: exec.prepare<[string, number, number], ReminderRow>(
        "SELECT * FROM reminders WHERE openid = ? AND due_ms <= ? AND status <> 'cancelled' ORDER BY due_ms DESC LIMIT ?",
      ),
      markRead: exec.prepare('UPDATE reminders SET read_at = ? WHERE openid = ? AND id = ? AND read_at IS NULL'),
      addCreditedGrams: exec.prepare(
        'INSERT INTO day_factor_grams (openid, day, factor_id, grams) VALUES (?, ?, ?, ?) ON CONFLICT (openid, day, factor_id) DO UPDATE SET grams = grams + excluded.grams',
      ),
      // A day's credit as it stands: its check-ins less the reversals of them (which carry the original's day).
      dayTotals: exec.prepare<[string, string], { grams: number; points: number }>(
        "SELECT COALESCE(SUM(grams), 0) AS grams, COALESCE(SUM(points), 0) AS points FROM entries WHERE openid = ? AND day = ? AND (type = 'checkin' OR (type = 'adjust' AND factor_id IS NOT NULL))",
      ),
      dayByFactor: exec.prepare<[string, string], { factor_id: string; grams: number }>(
        'SELECT factor_id, grams FROM day_factor_grams WHERE openid = ? AND day = ? ORDER BY factor_id',
      ),
      daySeries: exec.prepare<[string, string, string], { day: string; grams: number; points: number }>(
        "SELECT day, SUM(grams) AS grams, SUM(points) AS points FROM entries WHERE openid = ? AND day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') GROUP BY day ORDER BY day",
      ),
      setNickname: exec.prepare('UPDATE users SET nickname = ? WHERE openid = ?'),
      forgetSessionKey: exec.prepare('DELETE FROM wechat_sessions WHERE openid = ?'),
      anonymise: exec.prepare("UPDATE users SET handle = ?, nickname = ?, roles = '', deleted_at = ? WHERE openid = ?"),
      departed: exec.prepare<[string], { carried: string; until_ms: number | null }>('SELECT carried, until_ms FROM departed_identities WHERE identity_hash = ?'),
      saveDeparted: exec.prepare(
        `INSERT INTO departed_identities (identity_hash, carried, until_ms, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (identity_hash) DO UPDATE SET carried = excluded.carried, until_ms = excluded.until_ms, updated_at = excluded.updated_at`,
      ),
      forgetDeparted: exec.prepare('DELETE FROM departed_identities WHERE identity_hash = ?'),
      purgeDeparted: exec.prepare('DELETE FROM departed_identities WHERE until_ms IS NOT NULL AND until_ms <= ?'),
      purgeUnpaidBy: exec.prepare('DELETE FROM unpaid_by WHERE until_ms <= ?'),
      dayCountersSince: exec.prepare<[string, string], { day: string; factor_id: string; grams: number }>(
        'SELECT day, factor_id, grams FROM day_factor_grams WHERE openid = ? AND day >= ? ORDER BY day, factor_id',
      ),
      stationDropsOf: exec.prepare<[string], { station_code: string; recent: string }>('SELECT station_code, recent FROM station_drops WHERE openid = ?'),
      displayUsesSince: exec.prepare<[string, number], { station_code: string; window_no: number }>(
        'SELECT station_code, window_no FROM display_code_uses WHERE openid = ? AND window_no >= ?',
      ),
      insertCarriedParticipant: exec.prepare(
        'INSERT OR IGNORE INTO challenge_participants (challenge_id, openid, group_id, joined_ms, value, value_ms, completed_ms, left_ms) VALUES (?, ?, NULL, ?, 0, ?, ?, ?)',
      ),
      // Days with a check-in that still stands: a reversed one made no streak day.
      checkInDays: exec.prepare<[string, string], { day: string }>(
        `SELECT DISTINCT e.day FROM entries e WHERE e.openid = ? AND e.day >= ? AND e.type = 'checkin'
           AND NOT EXISTS (SELECT 1 FROM entries a WHERE a.ref = e.id AND a.type = 'adjust') ORDER BY e.day DESC`,
      ),
      listEntries: exec.prepare<[string, number, number], EntryRow>(
        'SELECT * FROM entries WHERE openid = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      allEntries: exec.prepare<[string], EntryRow>('SELECT * FROM entries WHERE openid = ? ORDER BY seq ASC'),
  }
}

export class SqlEngine implements AsyncOps {
  private readonly stmts: Statements
  /** wallets this engine's transaction has locked, as they stand after its own appends */
  private readonly heads = new Map<string, WalletRecord>()
  /** the recent trips on those wallet rows (src/core/farming), read with the lock */
  private readonly trips = new Map<string, string | null>()
  private readonly kinds = new Map<string, string | null>()
  /** the community on those wallet rows, read with the lock */
  private readonly communities = new Map<string, PersonCommunity>()

  constructor(
    private readonly exec: SqlExecutor,
    dialect: SqlDialect = 'sqlite',
  ) {
    this.stmts = prepareAll(exec, dialect)
  }

  async applyTransition(t: TransitionSpec): Promise<number> {
    const set = t.set ?? {}
    const keys = writable(t.table, t.key, [t.column, ...Object.keys(set)])
    const others = Object.keys(set)
    const values = t.from.filter((v) => v !== null)
    const matches = [
      ...(t.from.includes(null) ? [`${t.column} IS NULL`] : []),
      ...(values.length > 0 ? [`${t.column} IN (${values.map(() => '?').join(', ')})`] : []),
    ]
    if (matches.length === 0) throw new Error(`a transition of ${t.table}.${t.column} names no state to move from`)
    const sql = `UPDATE ${t.table} SET ${[t.column, ...others].map((c) => `${c} = ?`).join(', ')} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')} AND (${matches.join(' OR ')})`
    const params = [t.to, ...others.map((c) => set[c]), ...keys.map((k) => t.key[k]), ...values]
    return (await this.exec.prepare<unknown[]>(sql).run(...params)).changes
  }

  async applyMove(m: MoveSpec): Promise<number> {
    if (!Number.isSafeInteger(m.delta)) throw new Error(`a move of ${m.table}.${m.column} by ${m.delta}`)
    const limitColumns = [m.min, m.max].filter((b): b is string => typeof b === 'string')
    const keys = writable(m.table, m.key, [m.column, ...limitColumns])
    const bounds: string[] = []
    const boundParams: unknown[] = []
    if (typeof m.min === 'string') {
      bounds.push(`${m.column} + ? >= ${m.min}`)
      boundParams.push(m.delta)
    } else if (m.min !== undefined) {
      bounds.push(`${m.column} + ? >= ?`)
      boundParams.push(m.delta, m.min)
    }
    if (typeof m.max === 'string') {
      bounds.push(`${m.column} + ? <= ${m.max}`)
      boundParams.push(m.delta)
    } else if (m.max !== undefined) {
      bounds.push(`${m.column} + ? <= ?`)
      boundParams.push(m.delta, m.max)
    }
    const sql = `UPDATE ${m.table} SET ${m.column} = ${m.column} + ? WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}${bounds.map((b) => ` AND ${b}`).join('')}`
    return (await this.exec.prepare<unknown[]>(sql).run(m.delta, ...keys.map((k) => m.key[k]), ...boundParams)).changes
  }

  async getMeta(key: string) {
    return (await this.stmts.getMeta.get(key))?.value
  }

  async setMetaIfAbsent(key: string, value: string) {
    await this.stmts.setMetaIfAbsent.run(key, value)
  }

  async setMeta(key: string, value: string) {
    await this.stmts.setMeta.run(key, value)
  }

  async findUserByHandle(handle: string) {
    const row = await this.stmts.userByHandle.get(handle)
    return row && userFromRow(row)
  }

  async findUser(openid: string) {
    const row = await this.stmts.user.get(openid)
    return row && userFromRow(row)
  }

  async insertUser(user: UserRecord) {
    await this.stmts.insertUser.run(user.openid, user.handle, user.nickname, user.roles.join(','), user.createdAt)
    // Every person has a wallet row from the start: lockPerson then only ever locks an existing row.
    await this.stmts.ensureWallet.run(user.openid)
  }

  async saveWeChatSessionKey(openid: string, sessionKey: string, at: string) {
    await this.stmts.saveSessionKey.run(openid, sessionKey, at)
  }

  async getWeChatSessionKey(openid: string) {
    return (await this.stmts.sessionKey.get(openid))?.session_key
  }

  async setOrganizerGrant(openid: string, granted: boolean, at: string, communityId: string | null = null): Promise<boolean> {
    const current = await this.stmts.grant.get(openid)
    const active = current !== undefined && current.revoked_at === null
    // Granting again for another scope is a change (recorded like any grant).
    if (active === granted && (!granted || (current?.community_id ?? null) === communityId)) return false
    if (granted) await this.stmts.saveGrant.run(openid, at, communityId)
    else await this.stmts.revokeGrant.run(at, openid)
    await this.stmts.grantHistory.run(openid, granted ? 'grant' : 'revoke', at)
    return true
  }

  async hasOrganizerGrant(openid: string) {
    const row = await this.stmts.grant.get(openid)
    return row !== undefined && row.revoked_at === null
  }

  async listOrganizerGrants() {
    return (await this.stmts.grants.all()).map((r) => ({
      openid: r.openid,
      grantedAt: r.granted_at,
      ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
      ...(r.community_id ? { communityId: r.community_id } : {}),
    }))
  }

  async getPrivacyVersion(openid: string) {
    return (await this.stmts.privacy.get(openid))?.version ?? 0
  }

  async getPrivacyAgreement(openid: string) {
    const row = await this.stmts.privacy.get(openid)
    return row && { version: row.version, agreedAt: row.agreed_at }
  }

  async recordPrivacyAgreement(openid: string, version: number, at: string) {
    await this.stmts.savePrivacy.run(openid, version, at)
  }

  async saveMethodology(m: Methodology) {
    await this.stmts.insertMethodology.run(m.version, m.gramsPerPoint)
    for (const f of m.factors) await this.stmts.insertFactor.run(m.version, f.id, JSON.stringify(f))
  }

  async getMethodology(version: string): Promise<Methodology | undefined> {
    const row = await this.stmts.methodology.get(version)
    if (!row) return undefined
    const factors = (await this.stmts.factors.all(version)).map((r) => JSON.parse(r.body) as Factor)
    return { version: row.version, gramsPerPoint: row.grams_per_point, factors }
  }

  async upsertStation(s: Station) {
    await this.stmts.upsertStation.run(s.code, s.name, JSON.stringify(s.materials))
  }

  async saveStation(s: Station) {
    await this.stmts.saveStation.run({
      code: s.code,
      name: s.name,
      materials: JSON.stringify(s.materials),
      address: s.address ?? '',
      hours: s.hours ?? '',
      communityId: s.communityId ?? '',
      retiredAt: s.retiredAt ?? null,
    })
  }

  async listStations() {
    return (await this.stmts.stations.all()).map(stationFromRow)
  }

  async getStation(code: string) {
    const row = await this.stmts.station.get(code)
    return row && stationFromRow(row)
  }

  async seedReward(r: RewardSeed) {
    await this.stmts.seedReward.run(r.id, r.title, r.description, r.pointsCost, r.stock, r.perUserLimit, r.validDays, new Date().toISOString())
  }

  async getReward(id: string) {
    const row = await this.stmts.reward.get(id)
    return row && rewardFromRow(row)
  }

  async listRewards(includeInactive: boolean) {
    return (await this.stmts.rewards.all(includeInactive ? 1 : 0)).map(rewardFromRow)
  }

  async saveReward(r: RewardRecord) {
    await this.stmts.saveReward.run({
      ...r,
      imageUrl: r.imageUrl ?? null,
      active: r.active ? 1 : 0,
      createdAt: new Date().toISOString(),
    })
  }

  async lockPerson(openid: string, requestId?: string) {
    // A row lock, once held, is held until the transaction ends: asking again (every append does) costs nothing.
    const held = this.heads.get(openid)
    if (held && requestId === undefined) return { wallet: { ...held } }
    // Lock first: concurrent callers then queue on one row. Inserting first would give each a shared lock on
    // an existing row, and all of them would deadlock upgrading it. (SQLite runs one transaction at a time.)
    let row = await this.stmts.lockWallet.get(requestId ?? '', openid)
    if (!row) {
      await this.stmts.ensureWallet.run(openid)
      row = await this.stmts.lockWallet.get(requestId ?? '', openid)
      if (!row) throw new Error(`no wallet row for ${openid} after creating it`)
    }
    const wallet = held ?? walletFromRow(row)
    this.heads.set(openid, wallet)
    if (!this.trips.has(openid)) this.trips.set(openid, row.recent_trips ?? null)
    if (!this.kinds.has(openid)) this.kinds.set(openid, row.reminder_kinds ?? null)
    if (!this.communities.has(openid)) this.communities.set(openid, communityFromRow(row))
    const request: RequestRecord | undefined =
      row.r_fn === null ? undefined : { fn: row.r_fn, payloadHash: row.r_payload_hash as string, resultRef: row.r_result_ref as string, capped: row.r_capped === 1 }
    return { wallet: { ...wallet }, request }
  }

  /** Forgets what one transaction locked: the SQLite port shares one engine between its transactions. */
  endTransaction() {
    this.heads.clear()
    this.trips.clear()
    this.kinds.clear()
    this.communities.clear()
  }

  async insertRedemption(r: RedemptionRecord) {
    await this.stmts.insertRedemption.run({
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

  async getRedemption(id: string) {
    const row = await this.stmts.redemption.get(id)
    return row && redemptionFromRow(row)
  }

  async getRedemptionByCode(code: string) {
    const row = await this.stmts.redemptionByCode.get(code)
    return row && redemptionFromRow(row)
  }

  async listRedemptions(openid: string) {
    return (await this.stmts.redemptionsOf.all(openid)).map(redemptionFromRow)
  }

  async heldRedemptionCounts(openid: string) {
    return new Map((await this.stmts.heldCounts.all(openid)).map((r) => [r.reward_id, r.n]))
  }

  async duePendingRedemptions(nowMs: number, limit: number) {
    return (await this.stmts.dueRedemptions.all(nowMs, limit)).map(redemptionFromRow)
  }

  async stationDrops(openid: string, stationCode: string) {
    return parseStationDrops((await this.stmts.stationDrops.get(openid, stationCode))?.recent)
  }

  async saveStationDrops(openid: string, stationCode: string, drops: StationDrop[]) {
    await this.stmts.saveStationDrops.defer(openid, stationCode, JSON.stringify(drops))
  }

  async insertReview(r: ReviewRecord) {
    await this.stmts.insertReview.defer({ ...r, reasons: r.reasons.join(',') })
  }

  async insertReviewHold(x: ReviewHoldRecord) {
    await this.stmts.insertReviewHold.defer(x.reviewId, x.entryId, x.openid, x.challengeId, x.points)
  }

  async reviewHolds(reviewId: string) {
    return (await this.stmts.reviewHolds.all(reviewId)).map((r) => ({ reviewId: r.review_id, entryId: r.entry_id, openid: r.openid, challengeId: r.challenge_id, points: Number(r.points) }))
  }

  async getReview(id: string) {
    const row = await this.stmts.review.get(id)
    return row && reviewFromRow(row)
  }

  async listReviews(status: ReviewRecord['status'], limit: number, communityId?: string) {
    const rows = communityId === undefined ? await this.stmts.reviews.all(status, limit) : await this.stmts.communityReviews.all(communityId, status, limit)
    return rows.map(reviewFromRow)
  }

  async impactStats(fromDay: string, toDay: string, communityId?: string) {
    const stats = communityId === undefined ? this.stmts.stats : this.stmts.communityStats
    const range = communityId === undefined ? [fromDay, toDay] : [communityId, fromDay, toDay]
    const byDay = await stats.byDay.all(...range)
    return {
      totals: {
        gramsCo2e: byDay.reduce((s, d) => s + Number(d.grams), 0),
        checkins: byDay.reduce((s, d) => s + Number(d.checkins), 0),
        participants: Number((await stats.totals.get(...range))?.participants ?? 0),
        pointsIssued: byDay.reduce((s, d) => s + Number(d.points), 0),
      },
      byDay: byDay.map((d) => ({ day: d.day, gramsCo2e: Number(d.grams), checkins: Number(d.checkins), participants: Number(d.participants) })),
      byFactor: (await stats.byFactor.all(...range)).map((f) => ({ factorId: f.factor_id, gramsCo2e: Number(f.grams), checkins: Number(f.checkins) })),
      byStation: (await stats.byStation.all(...range)).map((s) => ({
        stationCode: s.station_code,
        gramsCo2e: Number(s.grams),
        checkins: Number(s.checkins),
        weightG: Number(s.weight),
      })),
      redemptionsByReward: (await stats.redemptions.all(...range)).map((r) => ({
        rewardId: r.reward_id,
        title: r.title,
        pending: Number(r.pending),
        fulfilled: Number(r.fulfilled),
        cancelled: Number(r.cancelled),
        expired: Number(r.expired),
      })),
    }
  }

  async saveProject(p: ProjectRecord) {
    await this.stmts.saveProject.run({ ...p, active: p.active ? 1 : 0, createdAt: new Date().toISOString() })
  }

  async getProject(id: string) {
    const row = await this.stmts.project.get(id)
    return row && projectFromRow(row)
  }

  async listProjects(includeInactive: boolean) {
    return (await this.stmts.projects.all(includeInactive ? 1 : 0)).map(projectFromRow)
  }

  async addRewardHolding(openid: string, rewardId: string, delta: number) {
    if (delta > 0) await this.stmts.addHolding.defer(openid, rewardId, delta)
    else if (delta < 0 && (await this.stmts.releaseHolding.run(delta, openid, rewardId)).changes !== 1) {
      throw new Error(`no holding of ${rewardId} by ${openid} to release`)
    }
  }

  async addDonation(projectId: string, openid: string, slot: number, points: number) {
    const first = (await this.stmts.newDonor.run(projectId, openid)).changes === 1
    await this.stmts.addDonated.defer(points, projectId, openid)
    await this.stmts.addToSlot.defer(projectId, slot, points, first ? 1 : 0)
  }

  async projectTotals() {
    return new Map((await this.stmts.projectTotals.all()).map((r) => [r.ref, { raisedPoints: r.raised, donors: r.donors }]))
  }

  async donatedBy(openid: string) {
    return new Map((await this.stmts.donatedBy.all(openid)).map((r) => [r.ref, r.points]))
  }

  async insertGroup(g: GroupRecord) {
    await this.stmts.insertGroup.run(g)
  }

  async getGroup(id: string) {
    const row = await this.stmts.group.get(id)
    return row && groupFromRow(row)
  }

  async getGroupByInvite(code: string) {
    const row = await this.stmts.groupByInvite.get(code)
    return row && groupFromRow(row)
  }

  async setInviteCode(groupId: string, code: string) {
    await this.stmts.setInvite.run(code, groupId)
  }

  async addMember(groupId: string, openid: string, at: string) {
    return (await this.stmts.addMember.run(groupId, openid, at)).changes === 1
  }

  async removeMember(groupId: string, openid: string) {
    return (await this.stmts.removeMember.run(groupId, openid)).changes === 1
  }

  async isMember(groupId: string, openid: string) {
    return ((await this.stmts.isMember.get(groupId, openid))?.n ?? 0) > 0
  }

  async groupMembers(groupId: string) {
    return (await this.stmts.members.all(groupId)).map((m) => ({ openid: m.openid, nickname: m.nickname ?? DELETED_NICKNAME }))
  }

  async groupsOf(openid: string) {
    return (await this.stmts.groupsOf.all(openid)).map(groupFromRow)
  }

  async insertChallenge(c: ChallengeRecord) {
    await this.stmts.insertChallenge.run({
      ...c,
      groupId: c.groupId ?? null,
      mode: c.mode ?? null,
      targetMember: c.targetMember ?? null,
      targetGroup: c.targetGroup ?? null,
    })
  }

  async getChallenge(id: string) {
    const row = await this.stmts.challenge.get(id)
    return row && challengeFromRow(row)
  }

  async visibleChallenges(groupIds: string[], limit: number) {
    // One placeholder per group (a person is in a handful): portable where json_each is not.
    const inList = groupIds.length > 0 ? groupIds.map(() => '?').join(', ') : 'NULL'
    const sql = `SELECT * FROM challenges WHERE group_id IS NULL OR group_id IN (${inList}) ORDER BY created_at DESC, id LIMIT ?`
    return (await this.exec.prepare<unknown[], ChallengeRow>(sql).all(...groupIds, limit)).map(challengeFromRow)
  }

  async addParticipant(p: ParticipantRecord) {
    return (await this.stmts.addParticipant.run({ challengeId: p.challengeId, openid: p.openid, groupId: p.groupId ?? null, joinedMs: p.joinedMs })).changes === 1
  }

  async getParticipant(challengeId: string, openid: string) {
    const row = await this.stmts.participant.get(challengeId, openid)
    return row && participantFromRow(row)
  }

  async participationsOf(openid: string) {
    return (await this.stmts.participationsOf.all(openid)).map(participantFromRow)
  }

  async addToParticipant(challengeId: string, openid: string, delta: number, atMs: number, pendingDelta = 0) {
    await this.stmts.addToParticipant.defer({ challengeId, openid, delta, atMs, pending: pendingDelta })
  }

  async fundersOf(challengeId: string) {
    return (await this.stmts.fundersOf.all(challengeId)).map((r) => r.openid)
  }

  async fundingsOf(budgetId: string) {
    return (await this.stmts.fundingsOf.all(budgetId)).map((r) => ({ id: r.id, budgetId: r.challenge_id, purse: r.purse, openid: r.openid, points: Number(r.points), createdAt: r.created_at }))
  }

  async insertFunding(f: FundingRecord) {
    await this.stmts.insertFunding.defer(f.id, f.budgetId, f.openid, f.points, f.createdAt, f.purse)
  }

  async insertBudgetReturn(r: BudgetReturnRecord) {
    await this.stmts.insertBudgetReturn.defer(r.id, r.budgetId, r.purse, r.openid, r.points, r.createdAt)
  }

  async ensureTreasuryRows(month: string, purse: string) {
    await this.stmts.ensureTreasury.run()
    await this.stmts.ensureMonth.run(month)
    await this.stmts.ensurePurse.run(purse)
  }

  async treasuryTotals() {
    const row = await this.stmts.treasury.get()
    return { issuedPoints: Number(row?.issued ?? 0), allocatedPoints: Number(row?.allocated ?? 0) }
  }

  async monthIssued(month: string) {
    return Number((await this.stmts.monthIssued.get(month))?.issued ?? 0)
  }

  async issuanceByMonth(fromMonth: string) {
    return (await this.stmts.issuanceByMonth.all(fromMonth)).map((r) => ({ month: r.month, points: Number(r.issued) }))
  }

  async insertIssuance(r: IssuanceRecord) {
    await this.stmts.insertIssuance.defer(r.id, r.openid, r.points, r.reason, r.month, r.createdAt)
  }

  async insertAllocation(r: AllocationRecord) {
    await this.stmts.insertAllocation.defer(r.id, r.purse, r.openid, r.points, r.reason, r.createdAt)
  }

  async getPurse(purse: string) {
    const row = await this.stmts.purse.get(purse)
    return row && { purse: row.purse, grantedPoints: Number(row.granted), spentPoints: Number(row.spent) }
  }

  async listPurses() {
    return (await this.stmts.purses.all()).map((row) => ({ purse: row.purse, grantedPoints: Number(row.granted), spentPoints: Number(row.spent) }))
  }

  async recentIssuances(limit: number) {
    return (await this.stmts.recentIssuances.all(limit)).map((r) => ({ id: r.id, openid: r.openid, points: Number(r.points), reason: r.reason, month: r.month, createdAt: r.created_at }))
  }

  async recentAllocations(purse: string | undefined, limit: number) {
    const rows = purse === undefined ? await this.stmts.recentAllocations.all(limit) : await this.stmts.recentAllocationsOf.all(purse, limit)
    return rows.map((r) => ({ id: r.id, purse: r.purse, openid: r.openid, points: Number(r.points), reason: r.reason, createdAt: r.created_at }))
  }

  async budgetsToClose(nowMs: number, challengeEndDay: string, limit: number): Promise<OpenBudget[]> {
    const events = (await this.stmts.eventBudgetsToClose.all(nowMs, limit)).map((r) => ({ table: 'events' as const, id: r.id, budgetPoints: Number(r.budget_points), budgetSpent: Number(r.budget_spent) }))
    const challenges = (await this.stmts.challengeBudgetsToClose.all(challengeEndDay, limit)).map((r) => ({ table: 'challenges' as const, id: r.id, budgetPoints: Number(r.budget_points), budgetSpent: Number(r.budget_spent) }))
    return [...events, ...challenges]
  }

  async economyTotals() {
    const entryPoints = { checkin: 0, bonus: 0, redeem: 0, refund: 0, donate: 0, adjust: 0 }
    for (const r of await this.stmts.auditEntries.all()) {
      if (Object.prototype.hasOwnProperty.call(entryPoints, r.type)) entryPoints[r.type as keyof typeof entryPoints] = Number(r.points)
    }
    const w = (await this.stmts.auditWallets.get())!
    const b = (await this.stmts.auditBudgets.get())!
    const r = (await this.stmts.auditRedemptions.get())!
    return {
      entryPoints,
      wallets: { balance: Number(w.balance), earned: Number(w.earned), spent: Number(w.spent), held: Number(w.held), heldAboveBalance: Number(w.above) },
      budgets: {
        funded: Number(b.funded),
        spent: Number(b.spent),
        overspent: Number(b.overspent),
        fundingRecords: Number((await this.stmts.auditFundings.get())?.points ?? 0),
        bonusMismatch: Number(b.mismatch),
      },
      checkinsOverGrams: Number((await this.stmts.auditCheckins.get())?.n ?? 0),
      redemptions: { costAll: Number(r.costAll), costReturned: Number(r.costReturned) },
      openReviewPoints: Number((await this.stmts.auditReviews.get())?.points ?? 0),
      bonusReversals: Number((await this.stmts.auditBonusReversals.get())?.points ?? 0),
      ...(await this.treasuryAudit()),
      walletsBelowZero: Number((await this.stmts.auditBelowZero.get())?.n ?? 0),
      reversedTwice: Number((await this.stmts.auditReversedTwice.get())?.n ?? 0),
      vouchersOff: Number((await this.stmts.auditVouchers.get())?.n ?? 0),
      selfPaid: Number((await this.stmts.auditSelfPaid.get('separation_of_duties_since'))?.n ?? 0),
    }
  }

  private async treasuryAudit() {
    const t = (await this.stmts.auditTreasury.get())!
    return {
      treasury: { issued: Number(t.issued), allocated: Number(t.allocated), issuanceRecords: Number(t.issuances), allocationRecords: Number(t.allocations) },
      budgetReturns: Number(t.returns),
      pursesOff: Number((await this.stmts.auditPurses.get())?.n ?? 0),
    }
  }

  async rejoinParticipant(challengeId: string, openid: string, groupId: string | null, joinedMs: number) {
    return (await this.stmts.rejoinParticipant.run({ challengeId, openid, groupId, joinedMs })).changes === 1
  }

  async setParticipantGroup(challengeId: string, openid: string, groupId: string | null) {
    await this.stmts.setParticipantGroup.run(groupId, challengeId, openid)
  }

  async markParticipantLeft(challengeId: string, openid: string, atMs: number) {
    await this.stmts.markLeft.run(atMs, challengeId, openid)
  }

  async addChallengeParticipants(challengeId: string, slot: number, delta: number) {
    await this.stmts.addChallengeSlot.defer(challengeId, slot, delta)
  }

  async participantCount(challengeId: string) {
    return (await this.stmts.participantCount.get(challengeId))?.n ?? 0
  }

  async addGroupValue(challengeId: string, groupId: string, delta: number, pendingDelta = 0) {
    await this.stmts.addGroupValue.defer(challengeId, groupId, delta, pendingDelta)
  }

  async groupValue(challengeId: string, groupId: string) {
    const row = await this.stmts.groupValue.get(challengeId, groupId)
    return { value: Number(row?.v ?? 0), pending: Number(row?.p ?? 0) }
  }

  async isUnpaidBy(openid: string, ref: string) {
    return Number((await this.stmts.isUnpaidBy.get(openid, ref))?.n ?? 0) > 0
  }

  async insertUnpaidBy(openid: string, ref: string, untilMs: number) {
    await this.stmts.insertUnpaidBy.run(openid, ref, untilMs)
  }

  async refsRunBy(openid: string, today: string, nowMs: number) {
    const challenges = (await this.stmts.challengesRunBy.all(openid, today, openid, today)).map((r) => ({ ref: r.id, endDay: r.end_day }))
    const events = (await this.stmts.eventsRunBy.all(openid, nowMs)).map((r) => ({ ref: r.id, endsMs: Number(r.ends_ms) }))
    return [...challenges, ...events]
  }

  async unpaidParticipants(challengeId: string, groupId: string) {
    return (await this.stmts.unpaid.all(challengeId, groupId)).map(participantFromRow)
  }

  async topParticipants(challengeId: string, limit: number) {
    return (await this.stmts.top.all(challengeId, limit)).map((r) => ({ ...participantFromRow(r), nickname: r.nickname ?? DELETED_NICKNAME }))
  }

  async rankOf(challengeId: string, value: number, valueMs: number) {
    return ((await this.stmts.rank.get(challengeId, value, value, valueMs))?.n ?? 0) + 1
  }

  async groupTotals(challengeId: string) {
    return (await this.stmts.groupTotals.all(challengeId)).map((g) => ({ groupId: g.group_id, name: g.name, value: g.value }))
  }

  async firstCompletionMs(openid: string) {
    const ms = (await this.stmts.firstCompletion.get(openid))?.ms
    return ms === null || ms === undefined ? null : Number(ms)
  }

  async saveRequest(openid: string, requestId: string, r: RequestRecord) {
    await this.stmts.saveRequest.defer(openid, requestId, r.fn, r.payloadHash, r.resultRef, r.capped ? 1 : 0)
  }

  async getWallet(openid: string): Promise<WalletRecord> {
    const held = this.heads.get(openid)
    if (held) return { ...held }
    const row = await this.stmts.wallet.get(openid)
    if (!row) {
      return { gramsCo2eTotal: 0, pointsBalance: 0, pointsEarned: 0, pointsSpent: 0, pointsHeld: 0, headSeq: 0, headHash: GENESIS_HASH }
    }
    return walletFromRow(row)
  }

  async appendEntry(openid: string, e: LedgerEntry, wallet: Wallet, communityId: string) {
    await this.stmts.insertEntry.defer({
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
      steps: e.steps ?? null,
      evidence: e.evidence ?? null,
      prevHash: e.prevHash,
      hash: e.hash,
      communityId,
    })
    // lockPerson, which every append goes through first, made sure the row exists; verifyLedger compares it.
    await this.stmts.updateWallet.defer({
      openid,
      gramsTotal: wallet.gramsCo2eTotal,
      pointsBalance: wallet.pointsBalance,
      pointsEarned: wallet.pointsEarned,
      pointsSpent: wallet.pointsSpent,
      headSeq: e.seq,
      headHash: e.hash,
    })
    const before = this.heads.get(openid)
    this.heads.set(openid, { ...wallet, pointsHeld: before?.pointsHeld ?? 0, headSeq: e.seq, headHash: e.hash })
  }

  async addHeldPoints(openid: string, delta: number) {
    const head = this.heads.get(openid)
    if (!head) throw new Error(`addHeldPoints for ${openid} outside a lockPerson`)
    await this.stmts.addHeld.defer(delta, openid)
    this.heads.set(openid, { ...head, pointsHeld: head.pointsHeld + delta })
  }

  async getEntry(openid: string, id: string) {
    const row = await this.stmts.entry.get(openid, id)
    return row && entryFromRow(row)
  }

  async prefetchDayCounters(openid: string, day: string, capKey: string, selfKey = '~none') {
    this.stmts.dayCounters.prefetch(openid, day, capKey, DAY_TOTAL_KEY, WALK_CLAIMED_KEY, STEPS_VERIFIED_KEY, selfKey, SELF_REPORTED_TOTAL_KEY)
  }

  async dayCounters(openid: string, day: string, capKey: string, selfKey = '~none') {
    const rows = await this.stmts.dayCounters.all(openid, day, capKey, DAY_TOTAL_KEY, WALK_CLAIMED_KEY, STEPS_VERIFIED_KEY, selfKey, SELF_REPORTED_TOTAL_KEY)
    const of = (key: string) => rows.find((r) => r.factor_id === key)?.grams ?? 0
    return {
      factorGrams: of(capKey),
      dayGrams: of(DAY_TOTAL_KEY),
      walkClaimedGrams: of(WALK_CLAIMED_KEY),
      stepsVerifiedGrams: of(STEPS_VERIFIED_KEY),
      selfReportedGrams: of(selfKey),
      selfReportedTotalGrams: of(SELF_REPORTED_TOTAL_KEY),
    }
  }

  async stationSecret(code: string) {
    return (await this.stmts.stationSecret.get(code))?.secret ?? undefined
  }

  async setStationSecretIfAbsent(code: string, secret: string) {
    await this.stmts.setStationSecret.run(secret, code)
  }

  async useDisplayCode(openid: string, stationCode: string, window: number) {
    return (await this.stmts.useDisplayCode.run(openid, stationCode, window)).changes === 1
  }

  async noteDisplayUse(openid: string, stationCode: string, window: number, entryId: string) {
    await this.stmts.noteDisplayUse.defer(entryId, openid, stationCode, window)
  }

  async addDisplayWindowUse(stationCode: string, window: number) {
    await this.stmts.addDisplayWindowUse.run(stationCode, window)
    return Number((await this.stmts.displayWindowUses.get(stationCode, window))?.uses ?? 0)
  }

  async displayWindowEntries(stationCode: string, window: number, limit: number) {
    return (await this.stmts.displayWindowEntries.all(stationCode, window, limit)).map((r) => ({ openid: r.openid, entryId: r.entry_id as string }))
  }

  async reviewOfEntry(entryId: string) {
    const row = await this.stmts.reviewOfEntry.get(entryId)
    return row && reviewFromRow(row)
  }

  async reminderKinds(openid: string): Promise<ReminderKind[]> {
    // read with the wallet's lock when this transaction took it: no round trip of its own
    const held = this.kinds.get(openid)
    const text = held !== undefined ? held : ((await this.stmts.reminderKinds.get(openid))?.reminder_kinds ?? null)
    return (text ?? '').split(',').filter(isReminderKind)
  }

  async setReminderKinds(openid: string, kinds: ReminderKind[]) {
    const text = kinds.length > 0 ? kinds.join(',') : null
    if (this.kinds.has(openid)) this.kinds.set(openid, text)
    await this.stmts.setReminderKinds.run(text, openid)
  }

  async reminderCredits(openid: string) {
    const credits: Partial<Record<ReminderKind, number>> = {}
    for (const r of await this.stmts.reminderCredits.all(openid)) if (isReminderKind(r.kind)) credits[r.kind] = Number(r.credits)
    return credits
  }

  async addReminderCredit(openid: string, kind: ReminderKind, credits: number) {
    await this.stmts.addReminderCredit.run(openid, kind, credits)
  }

  async takeReminderCredit(openid: string, kind: ReminderKind) {
    return (await this.stmts.takeReminderCredit.run(openid, kind)).changes === 1
  }

  async scheduleReminder(r: Omit<ReminderRecord, 'status' | 'attempts' | 'nextMs'>) {
    await this.stmts.scheduleReminder.defer({ id: r.id, openid: r.openid, kind: r.kind, ref: r.ref, dueMs: r.dueMs, params: JSON.stringify(r.params) })
  }

  async cancelReminder(r: { id: string; openid: string; kind: ReminderKind; ref: string }, tombstone: boolean) {
    if (tombstone) await this.stmts.cancelReminder.defer(r)
    else await this.stmts.cancelPendingReminder.defer(r.id)
  }

  async dueReminders(nowMs: number, limit: number) {
    return (await this.stmts.dueReminders.all(nowMs, limit)).map(reminderFromRow)
  }

  async claimReminder(id: string, nowMs: number) {
    return (await this.stmts.claimReminder.run(id, nowMs)).changes === 1
  }

  async finishReminder(id: string, status: ReminderStatus, at: string, nextMs?: number) {
    await this.stmts.finishReminder.run(status, status === 'pending' ? null : at, nextMs ?? 0, id)
  }

  async abandonSending() {
    return (await this.stmts.abandonSending.run()).changes
  }

  async inbox(openid: string, nowMs: number, limit: number) {
    return (await this.stmts.inbox.all(openid, nowMs, limit)).map(reminderFromRow)
  }

  async markRead(openid: string, ids: string[], at: string) {
    for (const id of ids) await this.stmts.markRead.run(at, openid, id)
  }

  async recentTrips(openid: string) {
    // read with the wallet's lock when this transaction took it: no round trip of its own
    const held = this.trips.get(openid)
    return parseTrips(held !== undefined ? (held ?? undefined) : ((await this.stmts.trips.get(openid))?.recent_trips ?? undefined))
  }

  async saveTrips(openid: string, trips: Trip[]) {
    const text = JSON.stringify(trips)
    await this.stmts.saveTrips.defer(text, openid)
    this.trips.set(openid, text)
  }

  async addCreditedGrams(openid: string, factorId: string, day: string, grams: number) {
    await this.stmts.addCreditedGrams.defer(openid, day, factorId, grams)
  }

  async dayTotals(openid: string, day: string) {
    const row = await this.stmts.dayTotals.get(openid, day)
    return { gramsCo2e: row?.grams ?? 0, points: row?.points ?? 0 }
  }

  async dayByFactor(openid: string, day: string) {
    return (await this.stmts.dayByFactor.all(openid, day))
      .filter((r) => !isBookkeepingKey(r.factor_id))
      .map((r) => ({ factorId: r.factor_id, gramsCo2e: r.grams }))
  }

  async daySeries(openid: string, fromDay: string, toDay: string) {
    return (await this.stmts.daySeries.all(openid, fromDay, toDay)).map((r) => ({ day: r.day, gramsCo2e: r.grams, points: r.points }))
  }

  async setNickname(openid: string, nickname: string) {
    await this.stmts.setNickname.run(nickname, openid)
  }

  async anonymiseUser(openid: string, at: string) {
    await this.stmts.anonymise.run(deletedHandle(openid), DELETED_NICKNAME, at, openid)
    await this.stmts.forgetSessionKey.run(openid)
  }

  async departedLimits(identityHash: string) {
    const row = await this.stmts.departed.get(identityHash)
    return row && { carried: row.carried, untilMs: row.until_ms === null ? null : Number(row.until_ms) }
  }

  async saveDepartedLimits(identityHash: string, carried: string, untilMs: number | null, at: string) {
    await this.stmts.saveDeparted.run(identityHash, carried, untilMs, at)
  }

  async forgetDeparted(identityHash: string) {
    await this.stmts.forgetDeparted.run(identityHash)
  }

  async purgeDeparted(nowMs: number) {
    await this.stmts.purgeUnpaidBy.run(nowMs)
    return (await this.stmts.purgeDeparted.run(nowMs)).changes
  }

  async dayCountersSince(openid: string, fromDay: string) {
    return (await this.stmts.dayCountersSince.all(openid, fromDay)).map((r) => ({ day: r.day, key: r.factor_id, grams: Number(r.grams) }))
  }

  async stationDropsOf(openid: string) {
    return (await this.stmts.stationDropsOf.all(openid)).map((r) => ({ stationCode: r.station_code, drops: parseStationDrops(r.recent) }))
  }

  async displayUsesSince(openid: string, fromWindow: number) {
    return (await this.stmts.displayUsesSince.all(openid, fromWindow)).map((r) => ({ stationCode: r.station_code, window: Number(r.window_no) }))
  }

  async insertCarriedParticipant(challengeId: string, openid: string, completedMs: number, atMs: number) {
    await this.stmts.insertCarriedParticipant.run(challengeId, openid, atMs, atMs, completedMs, atMs)
  }

  async checkInDaysSince(openid: string, sinceDay: string) {
    return (await this.stmts.checkInDays.all(openid, sinceDay)).map((r) => r.day)
  }

  async listEntries(openid: string, beforeSeq: number, limit: number) {
    return (await this.stmts.listEntries.all(openid, beforeSeq, limit)).map(entryFromRow)
  }

  async getEntryAt(openid: string, seq: number) {
    const row = await this.stmts.entryAt.get(openid, seq)
    return row && entryFromRow(row)
  }

  async entriesByHashPrefix(prefix: string, limit: number) {
    // Hex digits sort before 'g': every hash that starts with the prefix lies in [prefix, prefix + 'g').
    return (await this.stmts.entriesByHashPrefix.all(prefix, `${prefix}g`, limit)).map((row) => ({ ...entryFromRow(row), openid: row.openid }))
  }

  async saveCommunity(c: CommunityRecord) {
    await this.stmts.saveCommunity.run(c.id, c.name, c.createdAt)
  }

  async getCommunity(id: string) {
    const row = await this.stmts.community.get(id)
    return row && { id: row.id, name: row.name, createdAt: row.created_at }
  }

  async listCommunities() {
    return (await this.stmts.communities.all()).map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }))
  }

  async communityOf(openid: string): Promise<PersonCommunity> {
    const held = this.communities.get(openid)
    if (held) return { ...held }
    const row = await this.stmts.wallet.get(openid)
    return row ? communityFromRow(row) : { communityId: NO_COMMUNITY, setMs: null }
  }

  async setCommunity(openid: string, communityId: string, atMs: number) {
    if (!this.communities.has(openid)) throw new Error(`setCommunity(${openid}) before lockPerson`)
    await this.stmts.setCommunity.defer(communityId, atMs, openid)
    this.communities.set(openid, { communityId, setMs: atMs })
  }

  async addCommunityCounters(communityId: string, slot: number, residents: number, grams: number) {
    await this.stmts.addCommunityCounters.defer(communityId, slot, residents, grams)
  }

  async addCommunityDayGrams(communityId: string, day: string, slot: number, grams: number) {
    await this.stmts.addCommunityDayGrams.defer(communityId, day, slot, grams)
  }

  async communityTotals() {
    return (await this.stmts.communityTotals.all()).map((r) => ({ communityId: r.community_id, residents: Number(r.residents), gramsCo2e: Number(r.grams) }))
  }

  async communityDayGrams(fromDay: string, toDay: string) {
    return (await this.stmts.communityDayGrams.all(fromDay, toDay)).map((r) => ({ communityId: r.community_id, day: r.day, gramsCo2e: Number(r.grams) }))
  }

  async insertEvent(e: EventRecord) {
    const { location, ...rest } = e
    await this.stmts.insertEvent.run({
      ...rest,
      budgetPoints: 0,
      latitudeE6: location ? toMicroDegrees(location.latitude) : null,
      longitudeE6: location ? toMicroDegrees(location.longitude) : null,
      radiusM: location?.radiusM ?? null,
    })
  }

  async getEvent(id: string) {
    const row = await this.stmts.event.get(id)
    return row && eventFromRow(row)
  }

  async listEvents(communityId: string | undefined, withCity: boolean, endsAfterMs: number, limit: number) {
    const rows =
      communityId === undefined
        ? await this.stmts.allEvents.all(endsAfterMs, limit)
        : withCity
          ? await this.stmts.eventsOfCommunityAndCity.all(communityId, endsAfterMs, limit)
          : await this.stmts.eventsOfCommunity.all(communityId, endsAfterMs, limit)
    return rows.map(eventFromRow)
  }

  async getSignup(eventId: string, openid: string) {
    const row = await this.stmts.signup.get(eventId, openid)
    return row && signupFromRow(row)
  }

  async insertSignup(x: SignupRecord) {
    await this.stmts.insertSignup.run({ ...x, attendedAt: x.attendedAt ?? null, bonusEntryId: x.bonusEntryId ?? null })
  }

  async signupsOf(openid: string, limit: number) {
    return (await this.stmts.signupsOf.all(openid, limit)).map((row) => ({ ...signupFromRow(row), title: row.title }))
  }

  async eventSignups(eventId: string, limit: number) {
    return (await this.stmts.eventSignups.all(eventId, limit)).map((row) => ({ ...signupFromRow(row), nickname: row.nickname }))
  }

  async allEntries(openid: string): Promise<LedgerEntry[]> {
    return (await this.stmts.allEntries.all(openid)).map(entryFromRow)
  }
}

interface AllocationRow {
  id: string
  purse: string
  openid: string
  points: number
  reason: string
  created_at: string
}

interface UserRow {
  openid: string
  handle: string
  nickname: string
  roles: string
  created_at: string
  grant_granted_at: string | null
  grant_revoked_at: string | null
  grant_community_id: string | null
}

interface StationRow {
  code: string
  name: string
  materials: string
  address: string
  hours: string
  community_id: string
  retired_at: string | null
}

interface WalletRow {
  grams_total: number
  points_balance: number
  points_earned: number
  points_spent: number
  points_held: number
  head_seq: number
  head_hash: string
  recent_trips?: string | null
  reminder_kinds?: string | null
  community_id?: string
  community_set_ms?: number | null
  closed_at?: string | null
}

interface EventRow {
  id: string
  community_id: string
  title: string
  place: string
  starts_ms: number
  ends_ms: number
  slots: number
  taken: number
  reward_points: number
  budget_points: number
  budget_spent: number
  secret: string
  creator: string
  created_at: string
  cancelled_at: string | null
  latitude_e6?: number | null
  longitude_e6?: number | null
  radius_m?: number | null
}

function eventFromRow(row: EventRow): EventRecord {
  const e: EventRecord = {
    id: row.id,
    communityId: row.community_id,
    title: row.title,
    place: row.place,
    startsMs: Number(row.starts_ms),
    endsMs: Number(row.ends_ms),
    slots: Number(row.slots),
    taken: Number(row.taken),
    rewardPoints: Number(row.reward_points),
    budgetPoints: Number(row.budget_points),
    budgetSpent: Number(row.budget_spent),
    secret: row.secret,
    creator: row.creator,
    createdAt: row.created_at,
  }
  if (row.cancelled_at !== null) e.cancelledAt = row.cancelled_at
  if (row.latitude_e6 != null && row.longitude_e6 != null && row.radius_m != null) {
    e.location = { latitude: fromMicroDegrees(Number(row.latitude_e6)), longitude: fromMicroDegrees(Number(row.longitude_e6)), radiusM: Number(row.radius_m) }
  }
  return e
}

interface SignupRow {
  event_id: string
  openid: string
  status: SignupRecord['status']
  signed_at: string
  attended_at: string | null
  bonus_entry_id: string | null
  distance_m?: number | null
}

function signupFromRow(row: SignupRow): SignupRecord {
  const x: SignupRecord = { eventId: row.event_id, openid: row.openid, status: row.status, signedAt: row.signed_at }
  if (row.attended_at !== null) x.attendedAt = row.attended_at
  if (row.bonus_entry_id !== null) x.bonusEntryId = row.bonus_entry_id
  if (row.distance_m != null) x.distanceM = Number(row.distance_m)
  return x
}

function communityFromRow(row: WalletRow): PersonCommunity {
  return { communityId: row.community_id ?? NO_COMMUNITY, setMs: row.community_set_ms === null || row.community_set_ms === undefined ? null : Number(row.community_set_ms) }
}

interface ReminderRow {
  id: string
  openid: string
  kind: string
  ref: string
  due_ms: number
  params: string
  status: string
  attempts: number
  next_ms: number
  delivered_at: string | null
  read_at: string | null
}

function reminderFromRow(row: ReminderRow): ReminderRecord {
  const r: ReminderRecord = {
    id: row.id,
    openid: row.openid,
    kind: row.kind as ReminderKind,
    ref: row.ref,
    dueMs: Number(row.due_ms),
    params: JSON.parse(row.params) as Record<string, string | number>,
    status: row.status as ReminderStatus,
    attempts: Number(row.attempts),
    nextMs: Number(row.next_ms),
  }
  if (row.delivered_at !== null) r.deliveredAt = row.delivered_at
  if (row.read_at !== null) r.readAt = row.read_at
  return r
}

function userFromRow(row: UserRow): UserRecord {
  return {
    openid: row.openid,
    handle: row.handle,
    nickname: row.nickname,
    roles: row.roles.split(',').filter(Boolean) as Role[],
    createdAt: row.created_at,
    organizerGrant: row.grant_granted_at !== null && row.grant_revoked_at === null,
    organizerCommunityId: row.grant_community_id,
  }
}

function walletFromRow(row: WalletRow): WalletRecord {
  const w: WalletRecord = {
    gramsCo2eTotal: row.grams_total,
    pointsBalance: row.points_balance,
    pointsEarned: row.points_earned,
    pointsSpent: row.points_spent,
    pointsHeld: row.points_held,
    headSeq: row.head_seq,
    headHash: row.head_hash,
  }
  if (row.closed_at) w.closedAt = row.closed_at
  return w
}

function stationFromRow(row: StationRow): Station {
  const station: Station = { code: row.code, name: row.name, materials: JSON.parse(row.materials), address: row.address, hours: row.hours, communityId: row.community_id }
  if (row.retired_at !== null) station.retiredAt = row.retired_at
  return station
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
  community_id: string
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
    communityId: row.community_id,
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
  community_id: string
  held_points: number
}

function reviewFromRow(row: ReviewRow): ReviewRecord {
  const r: ReviewRecord = {
    id: row.id,
    entryId: row.entry_id,
    openid: row.openid,
    reasons: row.reasons.split(',').filter(Boolean) as ReviewRecord['reasons'],
    status: row.status,
    createdAt: row.created_at,
    communityId: row.community_id,
    heldPoints: Number(row.held_points ?? 0),
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
  closed_at?: string | null
}

function groupFromRow(r: GroupRow): GroupRecord {
  const g: GroupRecord = { id: r.id, name: r.name, inviteCode: r.invite_code, leader: r.leader, createdAt: r.created_at }
  if (r.closed_at) g.closedAt = r.closed_at
  return g
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
  budget_points: number
  budget_spent: number
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
    budgetPoints: r.budget_points,
    budgetSpent: r.budget_spent,
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
  completed_ms: number | null
  left_ms: number | null
  pending_value?: number | null
}

function participantFromRow(r: ParticipantRow): ParticipantRecord {
  const p: ParticipantRecord = { challengeId: r.challenge_id, openid: r.openid, joinedMs: r.joined_ms, value: r.value, valueMs: r.value_ms, pendingValue: Number(r.pending_value ?? 0) }
  if (r.group_id !== null) p.groupId = r.group_id
  if (r.bonus_entry_id !== null) p.bonusEntryId = r.bonus_entry_id
  if (r.left_ms !== null) p.leftMs = r.left_ms
  if (r.completed_ms !== null) p.completedMs = r.completed_ms
  return p
}
