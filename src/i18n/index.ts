import { kindMessages } from '../core/kinds/faces'
import { englishTable } from './english'
import { ZH, type Lang, type MessageKey } from './messages'

export type { Lang, MessageKey }
export type Translate<K extends string = MessageKey> = (key: K, params?: Record<string, string | number>) => string
/** A subpackage's own strings, in both languages. */
export type MessageTable<K extends string> = Record<Lang, Record<K, string>>

/** Translates the app's strings and the check-in kinds' own (src/core/kinds), plus a subpackage's own table when given. */
export function translator<K extends string = never>(lang: Lang, extra?: MessageTable<K>): Translate<MessageKey | K> {
  // English only once it has arrived (./english.ts); the store shows Chinese until then.
  const base = (lang === 'en' ? englishTable() : undefined) ?? ZH
  const table: Record<string, string> = { ...base, ...kindMessages(lang), ...(extra ? extra[lang] : {}) }
  const fallback: Record<string, string> = { ...ZH, ...kindMessages('zh-CN'), ...(extra ? extra['zh-CN'] : {}) }
  return (key, params) => {
    const text: string = table[key] ?? fallback[key] ?? key
    return params ? fill(lang, text, params) : text
  }
}

const PLURAL = /\{(\w+), (plural|selectordinal),((?: \w+ \{[^{}]*\})+)\}/g
const FORM = / (\w+) \{([^{}]*)\}/g

/** One rule set per language and kind, made when first needed: a page translates on every render. */
const pluralRules = new Map<string, Intl.PluralRules>()

/** The plural or ordinal category of n in the language: Intl.PluralRules where the engine has it. */
function categoryOf(lang: Lang, n: number, type: 'cardinal' | 'ordinal'): string {
  if (typeof Intl !== 'undefined' && typeof Intl.PluralRules === 'function') {
    const key = `${lang}:${type}`
    let rules = pluralRules.get(key)
    if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(lang, { type })))
    return rules.select(n)
  }
  // An engine without PluralRules: English's cardinal rule, and the ordinal written as a numeral's "other".
  return type === 'cardinal' && n === 1 ? 'one' : 'other'
}

/**
 * Fills {name} and the plural forms English needs, written as a small subset of ICU MessageFormat that
 * translators know: `{n, plural, one {# donor} other {# donors}}` and `{n, selectordinal, one {#st} two {#nd}
 * few {#rd} other {#th}}`, where # is the number as given. Chinese strings need neither.
 */
function fill(lang: Lang, text: string, params: Record<string, string | number>): string {
  const chosen = text.replace(PLURAL, (whole, name: string, kind: string, forms: string) => {
    if (!(name in params)) return whole
    const shown = String(params[name])
    const n = Number(shown.replace(/[,\s]/g, ''))
    const byCategory = Object.fromEntries([...forms.matchAll(FORM)].map(([, category, form]) => [category, form]))
    const category = Number.isFinite(n) ? categoryOf(lang, n, kind === 'plural' ? 'cardinal' : 'ordinal') : 'other'
    return (byCategory[category] ?? byCategory.other ?? whole).replace(/#/g, shown)
  })
  return chosen.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

export function formatKg(grams: number): string {
  return (grams / 1000).toFixed(grams >= 100_000 ? 0 : 2)
}
