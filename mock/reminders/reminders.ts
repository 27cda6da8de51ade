import { MAX_REMINDER_SENDS, REMINDER_KINDS, type ReminderKind } from '../../src/contract/constants'
import type { Inbox, InboxMessage, ReminderSettings } from '../../src/contract/types'
import {
  challengeEndingReminder,
  streakReminder,
  streakReminderId,
  voucherExpiringReminder,
  voucherReminderId,
  type ScheduledReminder,
} from '../../src/core/reminders'
import { toShanghaiIso } from '../../src/core/time'
import type { Services } from '../function'
import type { ReminderRecord } from './queries'
import { reminderKinds, scheduleReminder, cancelReminder, reminderCredits, addReminderCredit, inbox } from './queries'

/**
 * The reminders' side of the events that cause them: each is called inside the event's own transaction,
 * after the person's lock, so a reminder exists exactly when its event does. A person who did not opt into a
 * kind gets none of it (the kinds come with the wallet's lock: no read of their own).
 */
async function optedIn(services: Services, openid: string, kind: ReminderKind): Promise<boolean> {
  return (await reminderKinds(services.store, openid)).includes(kind)
}

async function schedule(services: Services, openid: string, r: ScheduledReminder | undefined) {
  if (r) await scheduleReminder(services.store, { id: r.id, openid, kind: r.kind, ref: r.ref, dueMs: r.dueMs, params: r.params })
}

/** A check-in on `day`: that day's "streak about to break" is moot, and the next day's is set. */
export async function remindAfterCheckIn(services: Services, openid: string, day: string) {
  if (!(await optedIn(services, openid, 'streak'))) return
  await cancelReminder(services.store, { id: streakReminderId(openid, day), openid, kind: 'streak', ref: day }, true)
  const next = streakReminder(openid, day)
  if (next.dueMs > services.now()) await schedule(services, openid, next)
}

export async function remindOnJoin(services: Services, openid: string, challenge: { id: string; title: string; endDay: string }) {
  if (await optedIn(services, openid, 'challengeEnding')) await schedule(services, openid, challengeEndingReminder(openid, challenge, services.now()))
}

export async function remindOnRedeem(
  services: Services,
  openid: string,
  redemption: { id: string; rewardTitle: string; expiresAtMs: number; expiresAt: string },
) {
  if (await optedIn(services, openid, 'voucherExpiring')) await schedule(services, openid, voucherExpiringReminder(openid, redemption, services.now()))
}

/** The voucher was used or cancelled: its expiry reminder would only confuse. */
export async function voucherSettled(services: Services, openid: string, redemptionId: string) {
  await cancelReminder(services.store, { id: voucherReminderId(openid, redemptionId), openid, kind: 'voucherExpiring', ref: redemptionId }, false)
}

export async function reminderSettings(services: Services, openid: string): Promise<ReminderSettings> {
  const credits = await reminderCredits(services.store, openid)
  const sends = Object.fromEntries(REMINDER_KINDS.map((k) => [k, credits[k] ?? 0])) as Record<ReminderKind, number>
  return { kinds: await reminderKinds(services.store, openid), sends }
}

/** Adds the sends WeChat granted, never keeping more than MAX_REMINDER_SENDS of a kind. */
export async function grantSends(services: Services, openid: string, accepted: readonly ReminderKind[]) {
  const credits = await reminderCredits(services.store, openid)
  for (const kind of new Set(accepted)) {
    if ((credits[kind] ?? 0) < MAX_REMINDER_SENDS) await addReminderCredit(services.store, openid, kind, 1)
  }
}

export const INBOX_SIZE = 50

function message(r: ReminderRecord): InboxMessage {
  return { id: r.id, kind: r.kind, params: r.params, dueAt: toShanghaiIso(r.dueMs), read: r.readAt !== undefined, sentByWeChat: r.status === 'sent' }
}

export async function inboxOf(services: Services, openid: string): Promise<Inbox> {
  const messages = (await inbox(services.store, openid, services.now(), INBOX_SIZE)).map(message)
  return { messages, unread: messages.filter((m) => !m.read).length }
}
