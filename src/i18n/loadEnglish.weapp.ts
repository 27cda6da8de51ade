/**
 * weapp: English is packages/about/en.js, a file of the about subpackage (config/index.ts makes it an entry of
 * its own), fetched with the base library's require.async (分包异步化, base library ≥ 2.11.2) when a resident
 * chooses English. The path is relative to the main package's root, where this module's chunk (common.js) sits.
 */
import type { MessageKey } from './messages'

declare const __non_webpack_require__: { async(path: string): Promise<{ ENGLISH: Record<MessageKey, string> }> }

export const preloadedEnglish: Record<MessageKey, string> | undefined = undefined

export function loadEnglishTable(): Promise<Record<MessageKey, string>> {
  return __non_webpack_require__.async('./packages/about/en.js').then((m) => m.ENGLISH)
}
