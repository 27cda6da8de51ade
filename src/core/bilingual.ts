/**
 * Issue 23: names were one mixed string ("帆布袋 Canvas bag") shown as-is in both languages; they are now a Chinese
 * name and an optional English one. `splitMixedName` is how migration 018 splits the strings already stored: a
 * Chinese part, then a separator, then a part with no Chinese in it and at least one Latin letter ("3号站 Station
 * 3" → "3号站" + "Station 3"). Anything else ("Café 咖啡", English only, Chinese only, Chinese after English) stays
 * whole as the Chinese name, with no English: a wrong split would be worse than none, and an organizer can add
 * the English name by hand.
 */

/** Han ideographs, CJK punctuation, kana and full-width forms: the Chinese side of a mixed name. */
const CJK = /[\u2E80-\u2FDF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/
/** What an English part may hold: ASCII, Latin letters with accents, and typographic punctuation (’ – — …). */
const ENGLISH = /^[\u0020-\u007E\u00A0-\u024F\u2010-\u2027\u2030-\u205E]+$/
/** Between the parts: spaces, or a separator such as · / | - – — with spaces around it. */
const SEPARATOR = /^[\s\u00A0]*(?:[·•/|\-–—:][\s\u00A0]*)?/

export interface BilingualName {
  zh: string
  /** absent when the text had no English part to split off */
  en?: string
}

export function splitMixedName(text: string): BilingualName {
  const whole = text.trim()
  let last = -1
  for (let i = 0; i < whole.length; i++) if (CJK.test(whole[i])) last = i
  if (last === -1) return { zh: whole }
  const zh = whole.slice(0, last + 1).trim()
  const rest = whole.slice(last + 1)
  // A separator is required: "一号楼A" is one Chinese name, not "一号楼" and "A".
  if (!/^[\s\u00A0]/.test(rest)) return { zh: whole }
  const en = rest.replace(SEPARATOR, '').trim()
  if (!HAN.test(zh) || en === '' || !ENGLISH.test(en) || !/[A-Za-z]/.test(en)) return { zh: whole }
  return { zh, en }
}
