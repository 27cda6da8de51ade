import dayjs from 'dayjs'
import type { Lang } from './messages'

/**
 * The weekday's Chinese name by dayjs's day() index: the one word the zh-cn locale gave these headings, written
 * here instead of shipping the locale (1 KB) in the main package every resident downloads.
 */
const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const

/** A ledger day (already an Asia/Shanghai calendar day) as a heading: 11月29日 星期日 / Sun, Nov 29. */
export function dayHeading(day: string, lang: Lang): string {
  const d = dayjs(day, 'YYYY-MM-DD')
  return lang === 'en' ? d.locale('en').format('ddd, MMM D') : `${d.format('M月D日')} ${WEEKDAYS_ZH[d.day()]}`
}

/** A calendar day with its year, for dates that may lie far back: 2026年11月29日 / Nov 29, 2026. */
export function formatDay(day: string, lang: Lang): string {
  const d = dayjs(day, 'YYYY-MM-DD')
  return lang === 'en' ? d.locale('en').format('MMM D, YYYY') : d.format('YYYY年M月D日')
}
