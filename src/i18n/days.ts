import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { Lang } from './messages'

/** A ledger day (already an Asia/Shanghai calendar day) as a heading: 11月29日 星期日 / Sun, Nov 29. */
export function dayHeading(day: string, lang: Lang): string {
  const d = dayjs(day, 'YYYY-MM-DD')
  return lang === 'en' ? d.locale('en').format('ddd, MMM D') : d.locale('zh-cn').format('M月D日 dddd')
}

/** A calendar day with its year, for dates that may lie far back: 2026年11月29日 / Nov 29, 2026. */
export function formatDay(day: string, lang: Lang): string {
  const d = dayjs(day, 'YYYY-MM-DD')
  return lang === 'en' ? d.locale('en').format('MMM D, YYYY') : d.locale('zh-cn').format('YYYY年M月D日')
}
