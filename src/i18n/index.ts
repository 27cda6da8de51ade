import { MESSAGES, type Lang, type MessageKey } from './messages'

export type { Lang, MessageKey }
export type Translate<K extends string = MessageKey> = (key: K, params?: Record<string, string | number>) => string
/** A subpackage's own strings, in both languages. */
export type MessageTable<K extends string> = Record<Lang, Record<K, string>>

/** Translates the app's strings, plus a subpackage's own table when given. */
export function translator<K extends string = never>(lang: Lang, extra?: MessageTable<K>): Translate<MessageKey | K> {
  const table: Record<string, string> = { ...(MESSAGES[lang] ?? MESSAGES['zh-CN']), ...(extra ? extra[lang] : {}) }
  const fallback: Record<string, string> = { ...MESSAGES['zh-CN'], ...(extra ? extra['zh-CN'] : {}) }
  return (key, params) => {
    const text: string = table[key] ?? fallback[key] ?? key
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text
  }
}

export function formatKg(grams: number): string {
  return (grams / 1000).toFixed(grams >= 100_000 ? 0 : 2)
}
