/**
 * Reminders: the kinds a person opted into, the sends WeChat granted, and the reminders themselves.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import { isReminderKind, type ReminderKind } from '../../src/core/reminders'
import { sql, type Db } from '../storage/port'
import { heldIn } from '../wallet/queries'

/** pending: waiting to be due; sending: claimed by a sender; sent: delivered by WeChat; inbox: due, shown in the
 * app only (no send granted); unknown: the send's outcome was lost, so it is never tried again; failed: WeChat
 * refused it every time; cancelled: made moot before it was due */
export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'inbox' | 'unknown' | 'failed' | 'cancelled'

export interface ReminderRecord {
  id: string
  openid: string
  kind: ReminderKind
  ref: string
  dueMs: number
  params: Record<string, string | number>
  status: ReminderStatus
  attempts: number
  nextMs: number
  deliveredAt?: string
  readAt?: string
}

export interface ReminderRow {
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

export function reminderFromRow(row: ReminderRow): ReminderRecord {
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

const q = {
  reminderKinds: sql<[string], { reminder_kinds: string | null }>('SELECT reminder_kinds FROM wallets WHERE openid = ?'),
  setReminderKinds: sql('UPDATE wallets SET reminder_kinds = ? WHERE openid = ?'),
  reminderCredits: sql<[string], { kind: string; credits: number }>('SELECT kind, credits FROM reminder_credits WHERE openid = ?'),
  addReminderCredit: sql(
    'INSERT INTO reminder_credits (openid, kind, credits) VALUES (?, ?, ?) ON CONFLICT (openid, kind) DO UPDATE SET credits = credits + excluded.credits',
  ),
  takeReminderCredit: sql('UPDATE reminder_credits SET credits = credits - 1 WHERE openid = ? AND kind = ? AND credits > 0'),
  scheduleReminder: sql(
    `INSERT OR IGNORE INTO reminders (id, openid, kind, ref, due_ms, params, status, attempts, next_ms)
     VALUES (@id, @openid, @kind, @ref, @dueMs, @params, 'pending', 0, @dueMs)`,
  ),
  cancelPendingReminder: sql("UPDATE reminders SET status = 'cancelled' WHERE id = ? AND status = 'pending'"),
  // A tombstone when there is nothing to cancel yet: a later schedule of the same id then writes nothing.
  cancelReminder: sql(
    `INSERT INTO reminders (id, openid, kind, ref, due_ms, params, status, attempts, next_ms)
     VALUES (@id, @openid, @kind, @ref, 0, '{}', 'cancelled', 0, 0)
     ON CONFLICT (id) DO UPDATE SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END`,
  ),
  dueReminders: sql<[number, number], ReminderRow>("SELECT * FROM reminders WHERE status = 'pending' AND next_ms <= ? ORDER BY next_ms, id LIMIT ?"),
  claimReminder: sql("UPDATE reminders SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending' AND next_ms <= ?"),
  finishReminder: sql('UPDATE reminders SET status = ?, delivered_at = ?, next_ms = ? WHERE id = ?'),
  abandonSending: sql("UPDATE reminders SET status = 'unknown' WHERE status = 'sending'"),
  inbox: sql<[string, number, number], ReminderRow>(
    "SELECT * FROM reminders WHERE openid = ? AND due_ms <= ? AND status <> 'cancelled' ORDER BY due_ms DESC LIMIT ?",
  ),
  markRead: sql('UPDATE reminders SET read_at = ? WHERE openid = ? AND id = ? AND read_at IS NULL'),
}

export async function reminderKinds(db: Db, openid: string): Promise<ReminderKind[]> {
  // read with the wallet's lock when this transaction took it: no round trip of its own
  const held = heldIn(db).kinds.get(openid)
  const text = held !== undefined ? held : ((await db.get(q.reminderKinds, openid))?.reminder_kinds ?? null)
  return (text ?? '').split(',').filter(isReminderKind)
}

export async function setReminderKinds(db: Db, openid: string, kinds: ReminderKind[]) {
  const text = kinds.length > 0 ? kinds.join(',') : null
  if (heldIn(db).kinds.has(openid)) heldIn(db).kinds.set(openid, text)
  await db.execute(q.setReminderKinds, text, openid)
}

export async function reminderCredits(db: Db, openid: string) {
  const credits: Partial<Record<ReminderKind, number>> = {}
  for (const r of await db.query(q.reminderCredits, openid)) if (isReminderKind(r.kind)) credits[r.kind] = Number(r.credits)
  return credits
}

export async function addReminderCredit(db: Db, openid: string, kind: ReminderKind, credits: number) {
  await db.execute(q.addReminderCredit, openid, kind, credits)
}

export async function takeReminderCredit(db: Db, openid: string, kind: ReminderKind) {
  return (await db.execute(q.takeReminderCredit, openid, kind)) === 1
}

export async function scheduleReminder(db: Db, r: Omit<ReminderRecord, 'status' | 'attempts' | 'nextMs'>) {
  await db.defer(q.scheduleReminder, { id: r.id, openid: r.openid, kind: r.kind, ref: r.ref, dueMs: r.dueMs, params: JSON.stringify(r.params) })
}

export async function cancelReminder(db: Db, r: { id: string; openid: string; kind: ReminderKind; ref: string }, tombstone: boolean) {
  if (tombstone) await db.defer(q.cancelReminder, r)
  else await db.defer(q.cancelPendingReminder, r.id)
}

export async function dueReminders(db: Db, nowMs: number, limit: number) {
  return (await db.query(q.dueReminders, nowMs, limit)).map(reminderFromRow)
}

export async function claimReminder(db: Db, id: string, nowMs: number) {
  return (await db.execute(q.claimReminder, id, nowMs)) === 1
}

export async function finishReminder(db: Db, id: string, status: ReminderStatus, at: string, nextMs?: number) {
  await db.execute(q.finishReminder, status, status === 'pending' ? null : at, nextMs ?? 0, id)
}

export async function abandonSending(db: Db) {
  return await db.execute(q.abandonSending)
}

export async function inbox(db: Db, openid: string, nowMs: number, limit: number) {
  return (await db.query(q.inbox, openid, nowMs, limit)).map(reminderFromRow)
}

export async function markRead(db: Db, openid: string, ids: string[], at: string) {
  for (const id of ids) await db.execute(q.markRead, at, openid, id)
}
