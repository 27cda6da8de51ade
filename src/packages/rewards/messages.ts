import type { MessageTable } from '@/i18n'
import { enSubpackageRefusals, zhSubpackageRefusals, type SubpackageRefusalKey } from '@/i18n/subpackageRefusals'

/** Strings only this subpackage's pages show: kept with it, out of the main package. */
const zh = {
  'voucher.code': '兑换码',
  'voucher.qr': '兑换码 {code} 的二维码',
  'voucher.expires': '有效期至 {time}',
  'voucher.cancel': '取消兑换并退回积分',
  'voucher.cancelled': '已取消，{points} 积分已退回',
  'cert.title': '捐赠证书',
  'cert.body': '{nickname} 于 {day} 向「{project}」捐赠 {points} 积分',
  'cert.code': '校验码',
  'cert.chain': '第 {seq} 条账本记录 · 可在“校验我的账本”中核对哈希链',
}

const en: Record<keyof typeof zh, string> = {
  'voucher.code': 'Code',
  'voucher.qr': 'QR code of voucher {code}',
  'voucher.expires': 'Valid until {time}',
  'voucher.cancel': 'Cancel and refund the points',
  'voucher.cancelled': 'Cancelled: {points, plural, one {# point} other {# points}} refunded',
  'cert.title': 'Donation certificate',
  'cert.body': '{nickname} gave {points, plural, one {# point} other {# points}} to “{project}” on {day}',
  'cert.code': 'Verification code',
  'cert.chain': 'Ledger entry {seq} · check the hash chain with “Verify my ledger”',
}

export type PackageKey = keyof typeof zh
export const MESSAGES: MessageTable<PackageKey | SubpackageRefusalKey> = { 'zh-CN': { ...zh, ...zhSubpackageRefusals }, en: { ...en, ...enSubpackageRefusals } }
