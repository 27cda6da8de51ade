import type { Lang } from './messages'

/**
 * Issue 23: a bilingual text in the resident's language. The Chinese text is always there (where the name always
 * was); English shows its own text when there is one and falls back to the Chinese.
 */
export const localText = (zh: string, en: string | undefined, lang: Lang): string => (lang === 'en' && en ? en : zh)

/** A reward's, project's or event's title, or a station's or community's name, in the resident's language. */
export const localName = (item: { title: string; titleEn?: string } | { name: string; nameEn?: string }, lang: Lang): string =>
  'title' in item ? localText(item.title, item.titleEn, lang) : localText(item.name, item.nameEn, lang)
