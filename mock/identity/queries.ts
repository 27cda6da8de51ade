/**
 * Identity: people, their WeChat session keys, organizer grants, privacy agreements, and what a deleted identity still carries.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { Role } from '../../src/contract/types'
import { DELETED_NICKNAME, deletedHandle } from '../../src/core/account'
import { parseStationDrops } from '../../src/core/review'
import { GENESIS_HASH } from '../../src/core/ledger'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'

/** Organizer grants ever made: one row per person appointed, tens to hundreds in a city. The admin lists all. */
export const ORGANIZER_GRANTS_BOUND = 10_000
/**
 * Challenges and events one person runs that are not over: a group leader runs a few, an organizer tens. Each is
 * one a returning identity must not be paid by, so a deletion reads all of them or none.
 */
export const RUNNING_REFS_BOUND = 10_000
/**
 * Stations whose recent drops a deletion carries: one row per station the person ever used, a handful. Only drops
 * of the last minutes matter, so one past this forgets little.
 */
export const STATION_DROP_ROWS_LIMIT = 1_000

export interface UserRecord {
  openid: string
  handle: string
  nickname: string
  roles: Role[]
  createdAt: string
  /** an organizer grant made by `npm run admin` is in force (read with the person, in the same query) */
  organizerGrant?: boolean
  /** the community that grant is for; null: the whole city */
  organizerCommunityId?: string | null
}

export interface OrganizerGrantRecord {
  openid: string
  grantedAt: string
  /** set when revoked; a new grant clears it */
  revokedAt?: string
  /** the community the grant is for; absent: the whole city */
  communityId?: string
}

export interface UserRow {
  openid: string
  handle: string
  nickname: string
  roles: string
  created_at: string
  grant_granted_at: string | null
  grant_revoked_at: string | null
  grant_community_id: string | null
}

export function userFromRow(row: UserRow): UserRecord {
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

const q = {
  // The organizer grant comes with the person: roles are read on every call, in the same round trip.
  userByHandle: sql<[string], UserRow>(
    'SELECT u.*, g.granted_at AS grant_granted_at, g.revoked_at AS grant_revoked_at, g.community_id AS grant_community_id FROM users u LEFT JOIN organizer_grants g ON g.openid = u.openid WHERE u.handle = ?',
  ),
  // A deleted account no longer exists for sessions; its ledger stays, pseudonymous.
  user: sql<[string], UserRow>(
    'SELECT u.*, g.granted_at AS grant_granted_at, g.revoked_at AS grant_revoked_at, g.community_id AS grant_community_id FROM users u LEFT JOIN organizer_grants g ON g.openid = u.openid WHERE u.openid = ? AND u.deleted_at IS NULL',
  ),
  // A zero wallet row to lock (a new person has none yet), then the lock itself.
  ensureWallet: sql(
    `INSERT OR IGNORE INTO wallets (openid, grams_total, points_balance, points_earned, points_spent, head_seq, head_hash) VALUES (?, 0, 0, 0, 0, 0, '${GENESIS_HASH}')`,
  ),
  insertUser: sql('INSERT INTO users (openid, handle, nickname, roles, created_at) VALUES (?, ?, ?, ?, ?)'),
  saveSessionKey: sql(
    'INSERT INTO wechat_sessions (openid, session_key, updated_at) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET session_key = excluded.session_key, updated_at = excluded.updated_at',
  ),
  sessionKey: sql<[string], { session_key: string }>('SELECT session_key FROM wechat_sessions WHERE openid = ?'),
  grant: sql<[string], { granted_at: string; revoked_at: string | null; community_id: string | null }>(
    'SELECT granted_at, revoked_at, community_id FROM organizer_grants WHERE openid = ?',
  ),
  grantHistory: sql('INSERT INTO organizer_grant_history (openid, action, at) VALUES (?, ?, ?)'),
  revokeGrant: sql('UPDATE organizer_grants SET revoked_at = ? WHERE openid = ? AND revoked_at IS NULL'),
  saveGrant: sql(
    'INSERT INTO organizer_grants (openid, granted_at, revoked_at, community_id) VALUES (?, ?, NULL, ?) ON CONFLICT (openid) DO UPDATE SET granted_at = excluded.granted_at, revoked_at = NULL, community_id = excluded.community_id',
  ),
  grants: sql<[number], { openid: string; granted_at: string; revoked_at: string | null; community_id: string | null }>(
    'SELECT * FROM organizer_grants ORDER BY granted_at, openid LIMIT ?',
  ),
  privacy: sql<[string], { version: number; agreed_at: string }>('SELECT version, agreed_at FROM privacy_agreements WHERE openid = ?'),
  savePrivacy: sql(
    'INSERT INTO privacy_agreements (openid, version, agreed_at) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET version = excluded.version, agreed_at = excluded.agreed_at',
  ),
  isUnpaidBy: sql<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM unpaid_by WHERE openid = ? AND ref = ?'),
  insertUnpaidBy: sql('INSERT OR IGNORE INTO unpaid_by (openid, ref, until_ms) VALUES (?, ?, ?)'),
  challengesRunBy: sql<[string, string, string, string, number], { id: string; end_day: string }>(
    `SELECT id, end_day FROM challenges WHERE creator = ? AND end_day >= ?
     UNION SELECT c.id, c.end_day FROM budget_fundings f JOIN challenges c ON c.id = f.challenge_id WHERE f.openid = ? AND c.end_day >= ?
     LIMIT ?`,
  ),
  eventsRunBy: sql<[string, number, number], { id: string; ends_ms: number }>('SELECT id, ends_ms FROM events WHERE creator = ? AND ends_ms > ? LIMIT ?'),
  setNickname: sql('UPDATE users SET nickname = ? WHERE openid = ?'),
  anonymise: sql("UPDATE users SET handle = ?, nickname = ?, roles = '', deleted_at = ? WHERE openid = ?"),
  forgetSessionKey: sql('DELETE FROM wechat_sessions WHERE openid = ?'),
  departed: sql<[string], { carried: string; until_ms: number | null }>('SELECT carried, until_ms FROM departed_identities WHERE identity_hash = ?'),
  saveDeparted: sql(
    `INSERT INTO departed_identities (identity_hash, carried, until_ms, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (identity_hash) DO UPDATE SET carried = excluded.carried, until_ms = excluded.until_ms, updated_at = excluded.updated_at`,
  ),
  forgetDeparted: sql('DELETE FROM departed_identities WHERE identity_hash = ?'),
  purgeDeparted: sql('DELETE FROM departed_identities WHERE until_ms IS NOT NULL AND until_ms <= ?'),
  purgeUnpaidBy: sql('DELETE FROM unpaid_by WHERE until_ms <= ?'),
  dayCountersSince: sql<[string, string], { day: string; factor_id: string; grams: number }>(
    'SELECT day, factor_id, grams FROM day_factor_grams WHERE openid = ? AND day >= ? ORDER BY day, factor_id',
  ),
  stationDropsOf: sql<[string, number], { station_code: string; recent: string }>(
    'SELECT station_code, recent FROM station_drops WHERE openid = ? ORDER BY station_code LIMIT ?',
  ),
  displayUsesSince: sql<[string, number], { station_code: string; window_no: number }>(
    'SELECT station_code, window_no FROM display_code_uses WHERE openid = ? AND window_no >= ?',
  ),
}

export async function findUserByHandle(db: Db, handle: string) {
  const row = await db.get(q.userByHandle, handle)
  return row && userFromRow(row)
}

export async function findUser(db: Db, openid: string) {
  const row = await db.get(q.user, openid)
  return row && userFromRow(row)
}

export async function insertUser(db: Db, user: UserRecord) {
  await db.execute(q.insertUser, user.openid, user.handle, user.nickname, user.roles.join(','), user.createdAt)
  // Every person has a wallet row from the start: lockPerson then only ever locks an existing row.
  await db.execute(q.ensureWallet, user.openid)
}

export async function saveWeChatSessionKey(db: Db, openid: string, sessionKey: string, at: string) {
  await db.execute(q.saveSessionKey, openid, sessionKey, at)
}

export async function getWeChatSessionKey(db: Db, openid: string) {
  return (await db.get(q.sessionKey, openid))?.session_key
}

export async function setOrganizerGrant(db: Db, openid: string, granted: boolean, at: string, communityId: string | null = null): Promise<boolean> {
  const current = await db.get(q.grant, openid)
  const active = current !== undefined && current.revoked_at === null
  // Granting again for another scope is a change (recorded like any grant).
  if (active === granted && (!granted || (current?.community_id ?? null) === communityId)) return false
  if (granted) await db.execute(q.saveGrant, openid, at, communityId)
  else await db.execute(q.revokeGrant, at, openid)
  await db.execute(q.grantHistory, openid, granted ? 'grant' : 'revoke', at)
  return true
}

export async function hasOrganizerGrant(db: Db, openid: string) {
  const row = await db.get(q.grant, openid)
  return row !== undefined && row.revoked_at === null
}

export async function listOrganizerGrants(db: Db) {
  return everyRow(await db.query(q.grants, pastBound(ORGANIZER_GRANTS_BOUND)), ORGANIZER_GRANTS_BOUND, 'organizer grants').map((r) => ({
    openid: r.openid,
    grantedAt: r.granted_at,
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
    ...(r.community_id ? { communityId: r.community_id } : {}),
  }))
}

export async function getPrivacyVersion(db: Db, openid: string) {
  return (await db.get(q.privacy, openid))?.version ?? 0
}

export async function getPrivacyAgreement(db: Db, openid: string) {
  const row = await db.get(q.privacy, openid)
  return row && { version: row.version, agreedAt: row.agreed_at }
}

export async function recordPrivacyAgreement(db: Db, openid: string, version: number, at: string) {
  await db.execute(q.savePrivacy, openid, version, at)
}

export async function isUnpaidBy(db: Db, openid: string, ref: string) {
  return Number((await db.get(q.isUnpaidBy, openid, ref))?.n ?? 0) > 0
}

export async function insertUnpaidBy(db: Db, openid: string, ref: string, untilMs: number) {
  await db.execute(q.insertUnpaidBy, openid, ref, untilMs)
}

export async function refsRunBy(db: Db, openid: string, today: string, nowMs: number): Promise<{ ref: string; endDay?: string; endsMs?: number }[]> {
  const limit = pastBound(RUNNING_REFS_BOUND)
  const challenges = everyRow(await db.query(q.challengesRunBy, openid, today, openid, today, limit), RUNNING_REFS_BOUND, `challenges run by ${openid}`).map(
    (r) => ({ ref: r.id, endDay: r.end_day }),
  )
  const events = everyRow(await db.query(q.eventsRunBy, openid, nowMs, limit), RUNNING_REFS_BOUND, `events run by ${openid}`).map((r) => ({
    ref: r.id,
    endsMs: Number(r.ends_ms),
  }))
  return [...challenges, ...events]
}

export async function setNickname(db: Db, openid: string, nickname: string) {
  await db.execute(q.setNickname, nickname, openid)
}

export async function anonymiseUser(db: Db, openid: string, at: string) {
  await db.execute(q.anonymise, deletedHandle(openid), DELETED_NICKNAME, at, openid)
  await db.execute(q.forgetSessionKey, openid)
}

export async function departedLimits(db: Db, identityHash: string) {
  const row = await db.get(q.departed, identityHash)
  return row && { carried: row.carried, untilMs: row.until_ms === null ? null : Number(row.until_ms) }
}

export async function saveDepartedLimits(db: Db, identityHash: string, carried: string, untilMs: number | null, at: string) {
  await db.execute(q.saveDeparted, identityHash, carried, untilMs, at)
}

export async function forgetDeparted(db: Db, identityHash: string) {
  await db.execute(q.forgetDeparted, identityHash)
}

export async function purgeDeparted(db: Db, nowMs: number) {
  await db.execute(q.purgeUnpaidBy, nowMs)
  return await db.execute(q.purgeDeparted, nowMs)
}

export async function dayCountersSince(db: Db, openid: string, fromDay: string) {
  return (await db.query(q.dayCountersSince, openid, fromDay)).map((r) => ({ day: r.day, key: r.factor_id, grams: Number(r.grams) }))
}

export async function stationDropsOf(db: Db, openid: string, limit = STATION_DROP_ROWS_LIMIT) {
  return (await db.query(q.stationDropsOf, openid, limit)).map((r) => ({ stationCode: r.station_code, drops: parseStationDrops(r.recent) }))
}

export async function displayUsesSince(db: Db, openid: string, fromWindow: number) {
  return (await db.query(q.displayUsesSince, openid, fromWindow)).map((r) => ({ stationCode: r.station_code, window: Number(r.window_no) }))
}
