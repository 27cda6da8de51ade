import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { Lang } from './messages'

/** A ledger day (already an Asia/Shanghai calendar day) as a heading: 11月29日 星期日 / Sun, Nov 29. */
export function dayHeading(day: string, lang: Lang): string {
  const d = dayjs(day, 'YYYY-MM-DD')
  return lang === 'en' ? d.locale('en').format('ddd, MMM D') : d.locale('zh-cn').format('M月D日 dddd')
}
