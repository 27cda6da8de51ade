/**
 * Events and their sign-ups.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import { fromMicroDegrees, toMicroDegrees } from '../../src/core/geo'
import { sql, type Db } from '../storage/port'

export interface EventRecord {
  id: string
  communityId: string
  title: string
  /** '' when it has no English title */
  titleEn: string
  place: string
  startsMs: number
  endsMs: number
  slots: number
  /** places taken by residents signed up or attended */
  taken: number
  rewardPoints: number
  budgetPoints: number
  budgetSpent: number
  /** signs the rotating attendance code; never leaves the cloud */
  secret: string
  creator: string
  createdAt: string
  cancelledAt?: string
  /** where attendance is checked, if it is (micro-degrees are the stored form; these are degrees) */
  location?: { latitude: number; longitude: number; radiusM: number }
}

export type SignupStatus = 'signed' | 'cancelled' | 'attended'

export interface SignupRecord {
  eventId: string
  openid: string
  status: SignupStatus
  signedAt: string
  attendedAt?: string
  bonusEntryId?: string
  /** how far from the event's place the phone reported itself at attendance (for an event that checks it) */
  distanceM?: number
}

export interface EventRow {
  id: string
  community_id: string
  title: string
  title_en: string
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

export function eventFromRow(row: EventRow): EventRecord {
  const e: EventRecord = {
    id: row.id,
    communityId: row.community_id,
    title: row.title,
    titleEn: row.title_en,
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

export interface SignupRow {
  event_id: string
  openid: string
  status: SignupRecord['status']
  signed_at: string
  attended_at: string | null
  bonus_entry_id: string | null
  distance_m?: number | null
}

export function signupFromRow(row: SignupRow): SignupRecord {
  const x: SignupRecord = { eventId: row.event_id, openid: row.openid, status: row.status, signedAt: row.signed_at }
  if (row.attended_at !== null) x.attendedAt = row.attended_at
  if (row.bonus_entry_id !== null) x.bonusEntryId = row.bonus_entry_id
  if (row.distance_m != null) x.distanceM = Number(row.distance_m)
  return x
}

const q = {
  insertEvent: sql(
    `INSERT INTO events (id, community_id, title, title_en, place, starts_ms, ends_ms, slots, taken, reward_points, budget_points, budget_spent, secret, creator, created_at,
       latitude_e6, longitude_e6, radius_m)
     VALUES (@id, @communityId, @title, @titleEn, @place, @startsMs, @endsMs, @slots, 0, @rewardPoints, @budgetPoints, 0, @secret, @creator, @createdAt,
       @latitudeE6, @longitudeE6, @radiusM)`,
  ),
  event: sql<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
  allEvents: sql<[number, number], EventRow>('SELECT * FROM events WHERE ends_ms > ? ORDER BY starts_ms, id LIMIT ?'),
  eventsOfCommunity: sql<[string, number, number], EventRow>('SELECT * FROM events WHERE community_id = ? AND ends_ms > ? ORDER BY starts_ms, id LIMIT ?'),
  eventsOfCommunityAndCity: sql<[string, number, number], EventRow>(
    "SELECT * FROM events WHERE community_id IN (?, '') AND ends_ms > ? ORDER BY starts_ms, id LIMIT ?",
  ),
  signup: sql<[string, string], SignupRow>('SELECT * FROM event_signups WHERE event_id = ? AND openid = ?'),
  insertSignup: sql(
    'INSERT INTO event_signups (event_id, openid, status, signed_at, attended_at, bonus_entry_id) VALUES (@eventId, @openid, @status, @signedAt, @attendedAt, @bonusEntryId)',
  ),
  signupsOf: sql<[string, number], SignupRow & { title: string }>(
    'SELECT s.*, e.title FROM event_signups s JOIN events e ON e.id = s.event_id WHERE s.openid = ? ORDER BY s.signed_at DESC, s.event_id LIMIT ?',
  ),
  eventSignups: sql<[string, number], SignupRow & { nickname: string }>(
    `SELECT s.*, u.nickname FROM event_signups s JOIN users u ON u.openid = s.openid WHERE s.event_id = ? ORDER BY s.signed_at, s.openid LIMIT ?`,
  ),
}

export async function insertEvent(db: Db, e: EventRecord) {
  const { location, ...rest } = e
  await db.execute(q.insertEvent, {
    ...rest,
    budgetPoints: 0,
    latitudeE6: location ? toMicroDegrees(location.latitude) : null,
    longitudeE6: location ? toMicroDegrees(location.longitude) : null,
    radiusM: location?.radiusM ?? null,
  })
}

export async function getEvent(db: Db, id: string) {
  const row = await db.get(q.event, id)
  return row && eventFromRow(row)
}

export async function listEvents(db: Db, communityId: string | undefined, withCity: boolean, endsAfterMs: number, limit: number) {
  const rows =
    communityId === undefined
      ? await db.query(q.allEvents, endsAfterMs, limit)
      : withCity
        ? await db.query(q.eventsOfCommunityAndCity, communityId, endsAfterMs, limit)
        : await db.query(q.eventsOfCommunity, communityId, endsAfterMs, limit)
  return rows.map(eventFromRow)
}

export async function getSignup(db: Db, eventId: string, openid: string) {
  const row = await db.get(q.signup, eventId, openid)
  return row && signupFromRow(row)
}

export async function insertSignup(db: Db, x: SignupRecord) {
  await db.execute(q.insertSignup, { ...x, attendedAt: x.attendedAt ?? null, bonusEntryId: x.bonusEntryId ?? null })
}

export async function signupsOf(db: Db, openid: string, limit: number) {
  return (await db.query(q.signupsOf, openid, limit)).map((row) => ({ ...signupFromRow(row), title: row.title }))
}

export async function eventSignups(db: Db, eventId: string, limit: number) {
  return (await db.query(q.eventSignups, eventId, limit)).map((row) => ({ ...signupFromRow(row), nickname: row.nickname }))
}
