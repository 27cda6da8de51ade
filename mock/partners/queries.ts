/**
 * Partners, their nonces and rows, and the accounts residents linked at them.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { PartnerFeed, PartnerKind } from '../../src/core/partners'
import { sql, type Db } from '../storage/port'

export interface PartnerRecord {
  id: string
  name: string
  kind: PartnerKind
  feeds: PartnerFeed[]
  /** the stations a bin or scale reports weights for (the city's registration); none for other partners */
  stations: string[]
  /** the community whose organizers manage it, or '' for the city's */
  communityId: string
  sealedSecret: string
  secretVersion: number
  createdBy: string
  createdAt: string
  revokedAt?: string
  /** the last signed request the cloud took from it */
  lastSeenAt?: string
}

interface PartnerRow {
  id: string
  name: string
  kind: string
  feeds: string
  stations: string
  community_id: string
  sealed_secret: string
  secret_version: number
  created_by: string
  created_at: string
  revoked_at: string | null
  last_seen_at: string | null
}

const fromRow = (r: PartnerRow): PartnerRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind as PartnerKind,
  feeds: r.feeds === '' ? [] : (r.feeds.split(',') as PartnerFeed[]),
  stations: r.stations === '' ? [] : r.stations.split(','),
  communityId: r.community_id,
  sealedSecret: r.sealed_secret,
  secretVersion: r.secret_version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  ...(r.last_seen_at ? { lastSeenAt: r.last_seen_at } : {}),
})

export interface PartnerRowOutcome {
  status: 'accepted' | 'refused'
  code?: string
  ref?: string
}

/** A city has a few dozen partners; this bound is far above any city's and keeps the list one page. */
export const PARTNERS_LIST_LIMIT = 500
/** A person links a handful of partners; the bound keeps Me's list one read. */
export const LINKS_PER_PERSON_LIMIT = 100

const q = {
  insert: sql(
    `INSERT INTO partners (id, name, kind, feeds, stations, community_id, sealed_secret, secret_version, created_by, created_at)
     VALUES (@id, @name, @kind, @feeds, @stations, @communityId, @sealedSecret, 1, @createdBy, @createdAt)`,
  ),
  get: sql<[string], PartnerRow>('SELECT * FROM partners WHERE id = ?'),
  list: sql<[number], PartnerRow>('SELECT * FROM partners ORDER BY created_at DESC, id LIMIT ?'),
  // A nonce is taken once: the primary key refuses the second, whatever the engine.
  takeNonce: sql('INSERT OR IGNORE INTO partner_nonces (partner_id, nonce, seen_at_ms) VALUES (?, ?, ?)'),
  forgetNonces: sql('DELETE FROM partner_nonces WHERE seen_at_ms < ?'),
  row: sql<[string, string], { status: 'accepted' | 'refused'; code: string | null; ref: string | null }>(
    'SELECT status, code, ref FROM partner_rows WHERE partner_id = ? AND row_id = ?',
  ),
  // Inserted in the row's own transaction: a retry or a second sender finds it, and the key refuses a twin.
  recordRow: sql('INSERT INTO partner_rows (partner_id, row_id, op, status, code, ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  link: sql<[string, string], { openid: string }>('SELECT openid FROM partner_links WHERE partner_id = ? AND partner_user_hash = ?'),
  linkOf: sql<[string, string], { partner_user_hash: string }>('SELECT partner_user_hash FROM partner_links WHERE openid = ? AND partner_id = ?'),
  insertLink: sql('INSERT INTO partner_links (partner_id, partner_user_hash, openid, linked_at) VALUES (?, ?, ?, ?)'),
  removeLink: sql('DELETE FROM partner_links WHERE openid = ? AND partner_id = ?'),
  linksOf: sql<[string, number], { partner_id: string; linked_at: string }>(
    'SELECT partner_id, linked_at FROM partner_links WHERE openid = ? ORDER BY linked_at DESC LIMIT ?',
  ),
  insertCode: sql('INSERT INTO partner_link_codes (code, openid, partner_id, expires_at_ms) VALUES (?, ?, ?, ?)'),
  code: sql<[string], { code: string; openid: string; partner_id: string; expires_at_ms: number; used_at: string | null }>(
    'SELECT * FROM partner_link_codes WHERE code = ?',
  ),
  forgetCodes: sql('DELETE FROM partner_link_codes WHERE openid = ? AND expires_at_ms < ?'),
  // One batch's tally, added in its own short transaction after the rows' (a refused row rolled its own back).
  tally: sql(
    `INSERT INTO partner_feed_days (partner_id, day, accepted, duplicate, refused) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (partner_id, day) DO UPDATE SET accepted = accepted + excluded.accepted, duplicate = duplicate + excluded.duplicate,
       refused = refused + excluded.refused`,
  ),
  seen: sql('UPDATE partners SET last_seen_at = ? WHERE id = ?'),
  feedDay: sql<[string, number], { partner_id: string; accepted: number; duplicate: number; refused: number }>(
    'SELECT partner_id, accepted, duplicate, refused FROM partner_feed_days WHERE day = ? ORDER BY partner_id LIMIT ?',
  ),
  forgetLinksOf: sql('DELETE FROM partner_links WHERE openid = ?'),
  forgetCodesOf: sql('DELETE FROM partner_link_codes WHERE openid = ?'),
}

export async function insertPartner(db: Db, p: Omit<PartnerRecord, 'secretVersion' | 'revokedAt'>): Promise<void> {
  await db.execute(q.insert, { ...p, feeds: p.feeds.join(','), stations: p.stations.join(',') })
}

export async function getPartner(db: Db, id: string): Promise<PartnerRecord | undefined> {
  const row = await db.get(q.get, id)
  return row && fromRow(row)
}

export async function listPartners(db: Db, limit = PARTNERS_LIST_LIMIT): Promise<PartnerRecord[]> {
  return (await db.query(q.list, limit)).map(fromRow)
}

/** true when this nonce is new for this partner (and is now taken) */
export async function takeNonce(db: Db, partnerId: string, nonce: string, nowMs: number): Promise<boolean> {
  return (await db.execute(q.takeNonce, partnerId, nonce, nowMs)) === 1
}

export async function forgetNoncesBefore(db: Db, beforeMs: number): Promise<number> {
  return db.execute(q.forgetNonces, beforeMs)
}

export async function partnerRow(db: Db, partnerId: string, rowId: string): Promise<PartnerRowOutcome | undefined> {
  const row = await db.get(q.row, partnerId, rowId)
  return row && { status: row.status, ...(row.code ? { code: row.code } : {}), ...(row.ref ? { ref: row.ref } : {}) }
}

export async function recordPartnerRow(db: Db, partnerId: string, rowId: string, op: string, outcome: PartnerRowOutcome, at: string): Promise<void> {
  await db.execute(q.recordRow, partnerId, rowId, op, outcome.status, outcome.code ?? null, outcome.ref ?? null, at)
}

export interface FeedTally {
  accepted: number
  duplicate: number
  refused: number
}

/** Adds one batch's answers to the partner's day, and marks it seen. */
export async function recordFeedTally(db: Db, partnerId: string, day: string, tally: FeedTally, at: string): Promise<void> {
  await db.execute(q.tally, partnerId, day, tally.accepted, tally.duplicate, tally.refused)
  await db.execute(q.seen, at, partnerId)
}

/** Every partner's rows on one day, by partner id: at most one counter row per partner. */
export async function feedDay(db: Db, day: string, limit = PARTNERS_LIST_LIMIT): Promise<Map<string, FeedTally>> {
  const rows = await db.query(q.feedDay, day, limit)
  return new Map(rows.map((r) => [r.partner_id, { accepted: Number(r.accepted), duplicate: Number(r.duplicate), refused: Number(r.refused) }]))
}

export async function linkedPerson(db: Db, partnerId: string, partnerUserHash: string): Promise<string | undefined> {
  return (await db.get(q.link, partnerId, partnerUserHash))?.openid
}

export async function isLinked(db: Db, openid: string, partnerId: string): Promise<boolean> {
  return (await db.get(q.linkOf, openid, partnerId)) !== undefined
}

export async function insertLink(db: Db, partnerId: string, partnerUserHash: string, openid: string, at: string): Promise<void> {
  await db.execute(q.insertLink, partnerId, partnerUserHash, openid, at)
}

/** answers whether a link was there to remove */
export async function removeLink(db: Db, openid: string, partnerId: string): Promise<boolean> {
  return (await db.execute(q.removeLink, openid, partnerId)) > 0
}

export async function linksOf(db: Db, openid: string, limit = LINKS_PER_PERSON_LIMIT): Promise<{ partnerId: string; linkedAt: string }[]> {
  return (await db.query(q.linksOf, openid, limit)).map((r) => ({ partnerId: r.partner_id, linkedAt: r.linked_at }))
}

export async function insertLinkCode(db: Db, code: string, openid: string, partnerId: string, expiresAtMs: number, nowMs: number): Promise<void> {
  // A person's expired codes go as they make a new one: the table holds only what can still be used.
  await db.execute(q.forgetCodes, openid, nowMs)
  await db.execute(q.insertCode, code, openid, partnerId, expiresAtMs)
}

export async function getLinkCode(db: Db, code: string) {
  const row = await db.get(q.code, code)
  return row && { code: row.code, openid: row.openid, partnerId: row.partner_id, expiresAtMs: row.expires_at_ms, usedAt: row.used_at ?? undefined }
}

/** On account deletion: the person's links and codes go with them. */
export async function forgetPartnerLinksOf(db: Db, openid: string): Promise<void> {
  await db.execute(q.forgetLinksOf, openid)
  await db.execute(q.forgetCodesOf, openid)
}
