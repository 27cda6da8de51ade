/**
 * Reviews of flagged check-ins, the bonuses they hold, and the kinds' memory per key (a station's recent drops).
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { ReviewItem, ReviewStatus } from '../../src/contract/types'
import type { StationDrop } from '../../src/core/review'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'
import { PARTICIPATIONS_LIMIT } from '../challenges/queries'

/**
 * Bonuses one review holds: at most one per challenge of the flagged entry's person, as many as the crediting
 * read of their challenges sees. Each is released or taken back when the review is decided, so all are read.
 */
const REVIEW_HOLDS_BOUND = PARTICIPATIONS_LIMIT

export interface ReviewRecord {
  id: string
  entryId: string
  openid: string
  reasons: ReviewItem['reasons']
  status: ReviewStatus
  createdAt: string
  decidedBy?: string
  decidedAt?: string
  adjustEntryId?: string
  /** the community of the person when the check-in was made (who may review it) */
  communityId: string
  /** the points this review holds in the person's wallet: released exactly, whatever else is held */
  heldPoints: number
}

export interface ReviewHoldRecord {
  reviewId: string
  /** the bonus entry */
  entryId: string
  openid: string
  challengeId: string
  points: number
}

export interface ReviewRow {
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

export function reviewFromRow(row: ReviewRow): ReviewRecord {
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

const q = {
  stationDrops: sql<[string, string], { recent: string }>('SELECT recent FROM station_drops WHERE openid = ? AND station_code = ?'),
  saveStationDrops: sql(
    'INSERT INTO station_drops (openid, station_code, recent) VALUES (?, ?, ?) ON CONFLICT (openid, station_code) DO UPDATE SET recent = excluded.recent',
  ),
  insertReview: sql(
    'INSERT INTO reviews (id, entry_id, openid, reasons, status, created_at, community_id, held_points) VALUES (@id, @entryId, @openid, @reasons, @status, @createdAt, @communityId, @heldPoints)',
  ),
  insertReviewHold: sql('INSERT INTO review_holds (review_id, entry_id, openid, challenge_id, points) VALUES (?, ?, ?, ?, ?)'),
  reviewHolds: sql<[string, number], { review_id: string; entry_id: string; openid: string; challenge_id: string; points: number }>(
    'SELECT * FROM review_holds WHERE review_id = ? ORDER BY entry_id LIMIT ?',
  ),
  review: sql<[string], ReviewRow>('SELECT * FROM reviews WHERE id = ?'),
  communityReviews: sql<[string, string, number], ReviewRow>(
    'SELECT * FROM reviews WHERE community_id = ? AND status = ? ORDER BY created_at DESC, id LIMIT ?',
  ),
  reviews: sql<[string, number], ReviewRow>('SELECT * FROM reviews WHERE status = ? ORDER BY created_at DESC, id LIMIT ?'),
  reviewOfEntry: sql<[string], ReviewRow>('SELECT * FROM reviews WHERE entry_id = ?'),
}

/**
 * A kind's memory kept per person and key (src/core/kinds KindMemory): a station's recent drops under the station's
 * code, a later kind's under `<kind>:…`. The rows are the station_drops table's, which departure carries whole.
 */
export async function keyedMemory(db: Db, openid: string, key: string): Promise<string | undefined> {
  return (await db.get(q.stationDrops, openid, key))?.recent
}

export async function saveKeyedMemory(db: Db, openid: string, key: string, text: string) {
  await db.defer(q.saveStationDrops, openid, key, text)
}

export async function saveStationDrops(db: Db, openid: string, stationCode: string, drops: StationDrop[]) {
  await saveKeyedMemory(db, openid, stationCode, JSON.stringify(drops))
}

export async function insertReview(db: Db, r: ReviewRecord) {
  await db.defer(q.insertReview, { ...r, reasons: r.reasons.join(',') })
}

export async function insertReviewHold(db: Db, x: ReviewHoldRecord) {
  await db.defer(q.insertReviewHold, x.reviewId, x.entryId, x.openid, x.challengeId, x.points)
}

export async function reviewHolds(db: Db, reviewId: string) {
  return everyRow(await db.query(q.reviewHolds, reviewId, pastBound(REVIEW_HOLDS_BOUND)), REVIEW_HOLDS_BOUND, `holds of review ${reviewId}`).map((r) => ({
    reviewId: r.review_id,
    entryId: r.entry_id,
    openid: r.openid,
    challengeId: r.challenge_id,
    points: Number(r.points),
  }))
}

export async function getReview(db: Db, id: string) {
  const row = await db.get(q.review, id)
  return row && reviewFromRow(row)
}

export async function listReviews(db: Db, status: ReviewRecord['status'], limit: number, communityId?: string) {
  const rows = communityId === undefined ? await db.query(q.reviews, status, limit) : await db.query(q.communityReviews, communityId, status, limit)
  return rows.map(reviewFromRow)
}

export async function reviewOfEntry(db: Db, entryId: string) {
  const row = await db.get(q.reviewOfEntry, entryId)
  return row && reviewFromRow(row)
}
