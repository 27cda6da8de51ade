import { MESSAGES, type Lang, type MessageKey } from './messages'

export type { Lang, MessageKey }
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function translator(lang: Lang): Translate {
  const table = MESSAGES[lang] ?? MESSAGES['zh-CN']
  return (key, params) => {
    const text: string = table[key] ?? MESSAGES['zh-CN'][key] ?? key
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text
  }
}

export function formatKg(grams: number): string {
  return (grams / 1000).toFixed(grams >= 100_000 ? 0 : 2)
}
