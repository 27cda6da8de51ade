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
  'community.current': '你属于 {name}',
  'community.none': '你还没有选择社区。选择后，你的减排会计入该社区，也能看到社区的活动和奖品。',
  'community.choose': '选择社区',
  'community.save': '加入这个社区',
  'community.joined': '已加入 {name}',
  'community.nextChange': '每 30 天可更换一次社区：{day} 起可再次更换。',
  'community.changeRule': '每 30 天可更换一次社区，之前的减排仍计入原社区。',
  'community.empty': '城市里还没有社区。',
  'community.scan': '扫描社区二维码',
  'community.scanned': '已从二维码选中 {name}，确认后加入',
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
  'community.current': 'You belong to {name}',
  'community.none': 'You have not chosen a community yet. Once you do, your reductions count for it, and you see its events and rewards.',
  'community.choose': 'Choose a community',
  'community.save': 'Join this community',
  'community.joined': 'You joined {name}',
  'community.nextChange': 'A community can be changed once in 30 days: you can change again from {day}.',
  'community.changeRule': 'A community can be changed once in 30 days; what you reduced before still counts for the old one.',
  'community.empty': 'The city has no communities yet.',
  'community.scan': "Scan a community's QR",
  'community.scanned': 'Picked {name} from the QR: confirm to join',
}

export type PackageKey = keyof typeof zh
export const MESSAGES: MessageTable<PackageKey> = { 'zh-CN': zh, en }
