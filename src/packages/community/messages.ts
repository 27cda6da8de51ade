import type { MessageTable } from '@/i18n'

/** Strings only this subpackage's pages show: kept with it, out of the main package. */
const zh = {
  'ch.budgetLeft': '奖励积分由组织者资助，还可发放 {points} 积分',
  'ch.noBudget': '这个挑战没有积分预算：完成后获得徽章，不发积分',
  'ch.budgetOut': '积分预算已发完：之后完成获得徽章，不再发积分',
  'ch.reward': '完成奖励',
  'ch.fundField': '资助奖励积分（组织者）',
  'ch.fund': '资助',
  'ch.fundError': '请输入正整数积分',
  'ch.board': '排行榜',
  'ch.myRank': '我的排名：第 {rank} 名',
  'ch.groupProgress': '小组合计 {value} / {target} {unit}',
}

const en: Record<keyof typeof zh, string> = {
  'ch.budgetLeft': 'Bonuses are funded by the organizers: {points} points left to pay',
  'ch.noBudget': 'No points budget: completing it earns a badge, not points',
  'ch.budgetOut': 'The points budget is spent: completing it now earns a badge, not points',
  'ch.reward': 'Reward',
  'ch.fundField': 'Fund bonus points (organizers)',
  'ch.fund': 'Fund',
  'ch.fundError': 'Enter a whole number of points',
  'ch.board': 'Leaderboard',
  'ch.myRank': 'My rank: {rank}',
  'ch.groupProgress': 'Group total {value} / {target} {unit}',
}

export type PackageKey = keyof typeof zh
export const MESSAGES: MessageTable<PackageKey> = { 'zh-CN': zh, en }
