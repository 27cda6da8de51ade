/**
 * Where the English table comes from. Taro builds pick loadEnglish.weapp.ts or loadEnglish.h5.ts; this file is
 * what tests (Jest) and Node read: English is there from the start.
 */
import type { MessageKey } from './messages'
import { ENGLISH } from './en'

export const preloadedEnglish: Record<MessageKey, string> | undefined = ENGLISH

export function loadEnglishTable(): Promise<Record<MessageKey, string>> {
  return Promise.resolve(ENGLISH)
}
