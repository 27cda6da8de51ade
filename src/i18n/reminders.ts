import type { ReminderKind } from '../contract/constants'
import { translator, type Lang, type MessageTable } from '.'

/**
 * What a reminder says, from its kind and params: the app's inbox (the reminders page) and WeChat's subscribe
 * message alike. Its own table, loaded by that page's subpackage and the cloud, not by every page.
 */
const zh = {
  'reminder.streak.title': '连续打卡要断了',
  'reminder.streak.detail': '今天还没有打卡，20 点前记一次绿色出行吧',
  'reminder.challengeEnding.title': '挑战明天结束',
  'reminder.challengeEnding.detail': '「{title}」{endDay} 结束，还来得及冲刺',
  'reminder.voucherExpiring.title': '兑换券快过期了',
  'reminder.voucherExpiring.detail': '「{title}」将于 {expiresAt} 过期，记得去领取',
}

const en: Record<keyof typeof zh, string> = {
  'reminder.streak.title': 'Your streak is about to break',
  'reminder.streak.detail': 'No check-in yet today: log a green trip before 20:00',
  'reminder.challengeEnding.title': 'A challenge ends tomorrow',
  'reminder.challengeEnding.detail': '"{title}" ends on {endDay}: there is still time',
  'reminder.voucherExpiring.title': 'A voucher expires soon',
  'reminder.voucherExpiring.detail': '"{title}" expires at {expiresAt}: remember to collect it',
}

export const REMINDER_MESSAGES: MessageTable<keyof typeof zh> = { 'zh-CN': zh, en }

const translators = new Map<Lang, ReturnType<typeof translator<keyof typeof zh>>>()

export function reminderText(kind: ReminderKind, params: Record<string, string | number>, lang: Lang): { title: string; detail: string } {
  let t = translators.get(lang)
  if (!t) translators.set(lang, (t = translator(lang, REMINDER_MESSAGES)))
  return { title: t(`reminder.${kind}.title`, params), detail: t(`reminder.${kind}.detail`, params) }
}
