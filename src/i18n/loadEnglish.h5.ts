/** H5: English is a chunk of its own, fetched when a resident chooses it (not in the JS parsed before the first page). */
import type { MessageKey } from './messages'

export const preloadedEnglish: Record<MessageKey, string> | undefined = undefined

export function loadEnglishTable(): Promise<Record<MessageKey, string>> {
  return import(/* webpackChunkName: "en" */ './en').then((m) => m.ENGLISH)
}
