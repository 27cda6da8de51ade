/**
 * Challenges: participants, their progress and the counters (slots, group values) a board reads.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { ChallengeMetric } from '../../src/contract/constants'
import { DELETED_NICKNAME } from '../../src/core/account'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'

/**
 * A person's challenges read at once. A keen resident joins a few a month, so 1,000 is decades of them; newest
 * joined first, so past it the long-finished ones drop off, which no new entry can move any more.
 */
export const PARTICIPATIONS_LIMIT = 1_000
/**
 * Group members paid at one settle when their group reaches its target. Groups are families, classes and
 * offices, far under this; a larger one is paid the rest at the next settle (the paid leave the unpaid set),
 * biggest contributors first.
 */
export const SETTLE_BATCH = 500
/** Who funded one challenge: organizers only, so tens at most; every one of them must be seen (none is paid). */
export const FUNDERS_BOUND = 1_000
/** The group board's rows: a challenge open to every group is still shown as its leading groups. */
export const GROUP_BOARD_LIMIT = 100

export interface ChallengeRecord {
  id: string
  groupId?: string
  creator: string
  title: string
  description: string
  metric: ChallengeMetric
  mode?: string
  /** integer units: grams, check-ins, or a kind's metric in its stored units (src/core/kinds: weight grams, metres) */
  targetMember?: number
  targetGroup?: number
  startDay: string
  endDay: string
  bonusPoints: number
  createdAt: string
  /** points organizers funded for bonuses, and how many of them were paid out (never more) */
  budgetPoints: number
  budgetSpent: number
}

export interface ParticipantRecord {
  challengeId: string
  openid: string
  groupId?: string
  joinedMs: number
  value: number
  valueMs: number
  /** the part of `value` from check-ins still under review: it completes nothing until confirmed */
  pendingValue?: number
  bonusEntryId?: string
  /** when the person completed it: with a bonus entry when the budget paid, a badge alone when it could not */
  completedMs?: number
  /** set when the person left the challenge's group: no more progress, off the board */
  leftMs?: number
}

export interface ChallengeRow {
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

export function challengeFromRow(r: ChallengeRow): ChallengeRecord {
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

export interface ParticipantRow {
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

export function participantFromRow(r: ParticipantRow): ParticipantRecord {
  const p: ParticipantRecord = {
    challengeId: r.challenge_id,
    openid: r.openid,
    joinedMs: r.joined_ms,
    value: r.value,
    valueMs: r.value_ms,
    pendingValue: Number(r.pending_value ?? 0),
  }
  if (r.group_id !== null) p.groupId = r.group_id
  if (r.bonus_entry_id !== null) p.bonusEntryId = r.bonus_entry_id
  if (r.left_ms !== null) p.leftMs = r.left_ms
  if (r.completed_ms !== null) p.completedMs = r.completed_ms
  return p
}

const q = {
  insertChallenge: sql(
    `INSERT INTO challenges (id, group_id, creator, title, description, metric, mode, target_member, target_group, start_day, end_day, bonus_points, created_at)
     VALUES (@id, @groupId, @creator, @title, @description, @metric, @mode, @targetMember, @targetGroup, @startDay, @endDay, @bonusPoints, @createdAt)`,
  ),
  challenge: sql<[string], ChallengeRow>('SELECT * FROM challenges WHERE id = ?'),
  addParticipant: sql(
    'INSERT OR IGNORE INTO challenge_participants (challenge_id, openid, group_id, joined_ms, value, value_ms) VALUES (@challengeId, @openid, @groupId, @joinedMs, 0, @joinedMs)',
  ),
  participant: sql<[string, string], ParticipantRow>('SELECT * FROM challenge_participants WHERE challenge_id = ? AND openid = ?'),
  participationsOf: sql<[string, number], ParticipantRow>(
    'SELECT * FROM challenge_participants WHERE openid = ? ORDER BY joined_ms DESC, challenge_id LIMIT ?',
  ),
  addToParticipant: sql(
    `UPDATE challenge_participants SET value = value + @delta, pending_value = pending_value + @pending, value_ms = CASE WHEN @delta > 0 THEN @atMs ELSE value_ms END
     WHERE challenge_id = @challengeId AND openid = @openid`,
  ),
  fundersOf: sql<[string, number], { openid: string }>('SELECT DISTINCT openid FROM budget_fundings WHERE challenge_id = ? ORDER BY openid LIMIT ?'),
  rejoinParticipant: sql(
    'UPDATE challenge_participants SET left_ms = NULL, group_id = @groupId, joined_ms = @joinedMs, value = 0, pending_value = 0, value_ms = @joinedMs WHERE challenge_id = @challengeId AND openid = @openid AND left_ms IS NOT NULL',
  ),
  setParticipantGroup: sql('UPDATE challenge_participants SET group_id = ? WHERE challenge_id = ? AND openid = ?'),
  markLeft: sql('UPDATE challenge_participants SET left_ms = ? WHERE challenge_id = ? AND openid = ?'),
  addChallengeSlot: sql(
    'INSERT INTO challenge_slots (challenge_id, slot, participants) VALUES (?, ?, ?) ON CONFLICT (challenge_id, slot) DO UPDATE SET participants = participants + excluded.participants',
  ),
  participantCount: sql<[string], { n: number }>('SELECT COALESCE(SUM(participants), 0) AS n FROM challenge_slots WHERE challenge_id = ?'),
  addGroupValue: sql(
    `INSERT INTO challenge_group_values (challenge_id, group_id, value, pending) VALUES (?, ?, ?, ?)
     ON CONFLICT (challenge_id, group_id) DO UPDATE SET value = value + excluded.value, pending = pending + excluded.pending`,
  ),
  groupValue: sql<[string, string], { v: number; p: number }>(
    'SELECT value AS v, pending AS p FROM challenge_group_values WHERE challenge_id = ? AND group_id = ?',
  ),
  unpaid: sql<[string, string, number], ParticipantRow>(
    `SELECT * FROM challenge_participants WHERE challenge_id = ? AND group_id = ? AND completed_ms IS NULL AND left_ms IS NULL
     ORDER BY value - pending_value DESC, value_ms, openid LIMIT ?`,
  ),
  top: sql<[string, number], ParticipantRow & { nickname: string | null }>(
    `SELECT p.*, u.nickname FROM challenge_participants p LEFT JOIN users u ON u.openid = p.openid AND u.deleted_at IS NULL
     WHERE p.challenge_id = ? AND p.left_ms IS NULL ORDER BY p.value DESC, p.value_ms LIMIT ?`,
  ),
  rank: sql<[string, number, number, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM challenge_participants WHERE challenge_id = ? AND left_ms IS NULL AND (value > ? OR (value = ? AND value_ms < ?))',
  ),
  groupTotals: sql<[string, number], { group_id: string; name: string; value: number }>(
    `SELECT v.group_id, g.name, v.value FROM challenge_group_values v JOIN groups g ON g.id = v.group_id
     WHERE v.challenge_id = ? ORDER BY v.value DESC, v.group_id LIMIT ?`,
  ),
  firstCompletion: sql<[string], { ms: number | null }>(
    'SELECT MIN(completed_ms) AS ms FROM challenge_participants WHERE openid = ? AND completed_ms IS NOT NULL',
  ),
  insertCarriedParticipant: sql(
    'INSERT OR IGNORE INTO challenge_participants (challenge_id, openid, group_id, joined_ms, value, value_ms, completed_ms, left_ms) VALUES (?, ?, NULL, ?, 0, ?, ?, ?)',
  ),
}

export async function insertChallenge(db: Db, c: ChallengeRecord) {
  await db.execute(q.insertChallenge, {
    ...c,
    groupId: c.groupId ?? null,
    mode: c.mode ?? null,
    targetMember: c.targetMember ?? null,
    targetGroup: c.targetGroup ?? null,
  })
}

export async function getChallenge(db: Db, id: string) {
  const row = await db.get(q.challenge, id)
  return row && challengeFromRow(row)
}

export async function visibleChallenges(db: Db, groupIds: string[], limit: number) {
  // One placeholder per group (a person is in a handful): portable where json_each is not.
  const inList = groupIds.length > 0 ? groupIds.map(() => '?').join(', ') : 'NULL'
  const text = `SELECT * FROM challenges WHERE group_id IS NULL OR group_id IN (${inList}) ORDER BY created_at DESC, id LIMIT ?`
  return (await db.query(sql<unknown[], ChallengeRow>(text), ...groupIds, limit)).map(challengeFromRow)
}

export async function addParticipant(db: Db, p: ParticipantRecord) {
  return (await db.execute(q.addParticipant, { challengeId: p.challengeId, openid: p.openid, groupId: p.groupId ?? null, joinedMs: p.joinedMs })) === 1
}

export async function getParticipant(db: Db, challengeId: string, openid: string) {
  const row = await db.get(q.participant, challengeId, openid)
  return row && participantFromRow(row)
}

/** The person's challenges, newest joined first, at most `limit`. */
export async function participationsOf(db: Db, openid: string, limit = PARTICIPATIONS_LIMIT) {
  return (await db.query(q.participationsOf, openid, limit)).map(participantFromRow)
}

export async function addToParticipant(db: Db, challengeId: string, openid: string, delta: number, atMs: number, pendingDelta = 0) {
  await db.defer(q.addToParticipant, { challengeId, openid, delta, atMs, pending: pendingDelta })
}

export async function fundersOf(db: Db, challengeId: string) {
  return everyRow(await db.query(q.fundersOf, challengeId, pastBound(FUNDERS_BOUND)), FUNDERS_BOUND, `funders of ${challengeId}`).map((r) => r.openid)
}

export async function rejoinParticipant(db: Db, challengeId: string, openid: string, groupId: string | null, joinedMs: number) {
  return (await db.execute(q.rejoinParticipant, { challengeId, openid, groupId, joinedMs })) === 1
}

export async function setParticipantGroup(db: Db, challengeId: string, openid: string, groupId: string | null) {
  await db.execute(q.setParticipantGroup, groupId, challengeId, openid)
}

export async function markParticipantLeft(db: Db, challengeId: string, openid: string, atMs: number) {
  await db.execute(q.markLeft, atMs, challengeId, openid)
}

export async function addChallengeParticipants(db: Db, challengeId: string, slot: number, delta: number) {
  await db.defer(q.addChallengeSlot, challengeId, slot, delta)
}

export async function participantCount(db: Db, challengeId: string) {
  return (await db.get(q.participantCount, challengeId))?.n ?? 0
}

export async function addGroupValue(db: Db, challengeId: string, groupId: string, delta: number, pendingDelta = 0) {
  await db.defer(q.addGroupValue, challengeId, groupId, delta, pendingDelta)
}

export async function groupValue(db: Db, challengeId: string, groupId: string) {
  const row = await db.get(q.groupValue, challengeId, groupId)
  return { value: Number(row?.v ?? 0), pending: Number(row?.p ?? 0) }
}

/** Members of the group not yet completed, most confirmed progress first, at most `limit` (see SETTLE_BATCH). */
export async function unpaidParticipants(db: Db, challengeId: string, groupId: string, limit = SETTLE_BATCH) {
  return (await db.query(q.unpaid, challengeId, groupId, limit)).map(participantFromRow)
}

export async function topParticipants(db: Db, challengeId: string, limit: number) {
  return (await db.query(q.top, challengeId, limit)).map((r) => ({ ...participantFromRow(r), nickname: r.nickname ?? DELETED_NICKNAME }))
}

export async function rankOf(db: Db, challengeId: string, value: number, valueMs: number) {
  return ((await db.get(q.rank, challengeId, value, value, valueMs))?.n ?? 0) + 1
}

export async function groupTotals(db: Db, challengeId: string, limit = GROUP_BOARD_LIMIT) {
  return (await db.query(q.groupTotals, challengeId, limit)).map((g) => ({ groupId: g.group_id, name: g.name, value: g.value }))
}

export async function firstCompletionMs(db: Db, openid: string) {
  const ms = (await db.get(q.firstCompletion, openid))?.ms
  return ms === null || ms === undefined ? null : Number(ms)
}

export async function insertCarriedParticipant(db: Db, challengeId: string, openid: string, completedMs: number, atMs: number) {
  await db.execute(q.insertCarriedParticipant, challengeId, openid, atMs, atMs, completedMs, atMs)
}
