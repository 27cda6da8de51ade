/**
 * The English table, which the weapp main package does not carry: it arrives when a resident chooses English
 * (or launches with English chosen) through ./loadEnglish, whose platform files fetch it (weapp: require.async
 * of the about subpackage's en.js; H5: a lazy chunk; tests: at once). Until it is here the app shows Chinese.
 */
import type { MessageKey } from './messages'
import { loadEnglishTable, preloadedEnglish } from './loadEnglish'

let english: Record<MessageKey, string> | undefined = preloadedEnglish
let loading: Promise<boolean> | undefined

/** The English table when it has arrived. */
export function englishTable(): Record<MessageKey, string> | undefined {
  return english
}

/** Resolves true once English is here (at once when it already is), false when it could not be fetched: the app stays in Chinese. */
export function loadEnglish(): Promise<boolean> {
  if (english) return Promise.resolve(true)
  loading ??= loadEnglishTable().then(
    (table) => {
      english = table
      return true
    },
    (error: unknown) => {
      loading = undefined
      console.warn('English could not be loaded; staying in Chinese', error)
      return false
    },
  )
  return loading
}
