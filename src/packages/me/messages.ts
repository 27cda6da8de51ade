import type { MessageTable } from '@/i18n'

/** Strings only the reminders page shows: kept with its subpackage. */
const zh = {
  'reminders.title': '提醒与消息',
  'reminders.choose': '我想收到这些提醒',
  'reminders.kind.streak': '连续打卡要断了（当天 20 点还没打卡）',
  'reminders.kind.challengeEnding': '参加的挑战明天结束',
  'reminders.kind.voucherExpiring': '兑换券 2 天后过期',
  'reminders.save': '保存提醒设置',
  'reminders.saved': '已保存。提醒到时会出现在下方的消息里。',
  'reminders.savedWeChat': '已保存。微信还可以给你发送：{sends}。每次同意订阅，微信允许发送一条。',
  'reminders.sendsOf': '{kind} {count} 条',
  'reminders.inbox': '消息',
  'reminders.empty': '还没有消息。开启提醒后，到时间的提醒会出现在这里。',
  'reminders.markAll': '全部标为已读',
  'reminders.viaWeChat': '已通过微信发送',
  'reminders.unreadMark': '未读',
}

const en: Record<keyof typeof zh, string> = {
  'reminders.title': 'Reminders and messages',
  'reminders.choose': 'Remind me when',
  'reminders.kind.streak': 'my streak is about to break (no check-in by 20:00)',
  'reminders.kind.challengeEnding': 'a challenge I joined ends tomorrow',
  'reminders.kind.voucherExpiring': 'a voucher expires in 2 days',
  'reminders.save': 'Save reminder settings',
  'reminders.saved': 'Saved. Reminders show in the messages below when they are due.',
  'reminders.savedWeChat': 'Saved. WeChat may still send you: {sends}. Each accepted subscription lets WeChat send one.',
  'reminders.sendsOf': '{kind}: {count}',
  'reminders.inbox': 'Messages',
  'reminders.empty': 'No messages yet. With reminders on, the ones that are due appear here.',
  'reminders.markAll': 'Mark all as read',
  'reminders.viaWeChat': 'also sent through WeChat',
  'reminders.unreadMark': 'unread',
}

export type PackageKey = keyof typeof zh
export const MESSAGES: MessageTable<PackageKey> = { 'zh-CN': zh, en }
