import { REMINDER_KINDS, type ReminderKind } from '../contract/constants'
import { addDays, shanghaiDayStartMs } from './time'

/**
 * Reminders a resident can opt into. Each is written to the outbox by the transaction of the event that
 * makes it due (a check-in, joining a challenge, redeeming a voucher), keyed so a retried transaction
 * cannot write it twice, and cancelled by the event that makes it moot (the next day's check-in, using or
 * cancelling the voucher). Nothing here knows a database or WeChat.
 */

export { REMINDER_KINDS, type ReminderKind }

export const isReminderKind = (v: unknown): v is ReminderKind => typeof v === 'string' && (REMINDER_KINDS as readonly string[]).includes(v)

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** A streak is about to break at 20:00 of a day without a check-in: still time to walk home. */
export const STREAK_REMINDER_HOUR = 20
/** A challenge ends tomorrow: said at 10:00 the day before its last day. */
export const CHALLENGE_REMINDER_HOUR = 10
/** A voucher expiring: said two days before it does. */
export const VOUCHER_REMINDER_LEAD_MS = 2 * DAY_MS

/** A send that failed for certain is tried again later, this many times at most, waiting longer each time. */
export const MAX_SEND_ATTEMPTS = 6
export function retryDelayMs(attempts: number): number {
  return Math.min(HOUR_MS, 30_000 * 2 ** Math.max(0, attempts - 1))
}

/** sent: WeChat took it; retry: certainly not delivered; refused: never will be (no subscription); unknown: lost */
export type SendOutcome = 'sent' | 'retry' | 'refused' | 'unknown'

/**
 * How a claimed reminder ends after its `attempts`-th send: a lost answer is never tried again (nobody is told
 * twice), a certain non-delivery waits for a later try until MAX_SEND_ATTEMPTS, and a send that was not
 * delivered is given back to the person.
 */
export function afterSend(
  outcome: SendOutcome,
  attempts: number,
  nowMs: number,
): { status: 'sent' | 'unknown' | 'pending' | 'failed'; giveBackSend: boolean; nextMs?: number } {
  if (outcome === 'sent' || outcome === 'unknown') return { status: outcome, giveBackSend: false }
  if (outcome === 'refused') return { status: 'failed', giveBackSend: false }
  return attempts < MAX_SEND_ATTEMPTS
    ? { status: 'pending', giveBackSend: true, nextMs: nowMs + retryDelayMs(attempts) }
    : { status: 'failed', giveBackSend: true }
}

export interface ScheduledReminder {
  id: string
  kind: ReminderKind
  /** what it is about: the day it is for, the challenge, the voucher */
  ref: string
  dueMs: number
  /** what the message says, filled into its template in the resident's language when shown */
  params: Record<string, string | number>
}

/** After a check-in on `day`: tomorrow evening, if tomorrow has no check-in by then. */
export function streakReminder(openid: string, day: string): ScheduledReminder {
  const next = addDays(day, 1)
  return {
    id: `streak:${openid}:${next}`,
    kind: 'streak',
    ref: next,
    dueMs: shanghaiDayStartMs(next) + STREAK_REMINDER_HOUR * HOUR_MS,
    params: { day: next },
  }
}

/** The id of the streak reminder a check-in on `day` makes moot. */
export const streakReminderId = (openid: string, day: string) => `streak:${openid}:${day}`

/** On joining: the day before the challenge's last day, unless that moment has passed. */
export function challengeEndingReminder(
  openid: string,
  challenge: { id: string; title: string; endDay: string },
  nowMs: number,
): ScheduledReminder | undefined {
  const dueMs = shanghaiDayStartMs(addDays(challenge.endDay, -1)) + CHALLENGE_REMINDER_HOUR * HOUR_MS
  if (dueMs <= nowMs) return undefined
  return {
    id: `challengeEnding:${openid}:${challenge.id}`,
    kind: 'challengeEnding',
    ref: challenge.id,
    dueMs,
    params: { title: challenge.title, endDay: challenge.endDay },
  }
}

/** On redeeming: two days before the voucher expires, unless it is valid for less than that. */
export function voucherExpiringReminder(
  openid: string,
  redemption: { id: string; rewardTitle: string; expiresAtMs: number; expiresAt: string },
  nowMs: number,
): ScheduledReminder | undefined {
  const dueMs = redemption.expiresAtMs - VOUCHER_REMINDER_LEAD_MS
  if (dueMs <= nowMs) return undefined
  return {
    id: voucherReminderId(openid, redemption.id),
    kind: 'voucherExpiring',
    ref: redemption.id,
    dueMs,
    params: { title: redemption.rewardTitle, expiresAt: redemption.expiresAt.slice(0, 16).replace('T', ' ') },
  }
}

export const voucherReminderId = (openid: string, redemptionId: string) => `voucherExpiring:${openid}:${redemptionId}`
