/**
 * Free text people type (nicknames, names, titles): what it may not carry, shared by the cloud's schemas and the
 * app's forms (no zod here, so a page can use it without the schemas).
 */
import { RESERVED_NAMES } from './constants'

/**
 * What free text may not carry: control characters (C0, DEL, C1; a description may keep line breaks), line and
 * paragraph separators, bidi overrides, isolates and marks (they make "txt.exe" read as "exe.txt"), every other
 * invisible format character (soft hyphen, word joiner, tag characters, U+180E…; a zero-width joiner only inside an
 * emoji sequence), blank fillers that draw as nothing (Hangul fillers, the Braille blank, the combining grapheme
 * joiner) and lone surrogates (no character at all).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/
const NEWLINE = /\n/
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
/** Format characters (Unicode Cf) but the zero-width joiner, which emoji sequences need (checked on its own below). */
const FORMAT = /(?!\u200D)\p{Cf}/u
const BLANK_FILLER = /\u034F|\u17B4|\u17B5|[\u115F\u1160\u2800\u3164\uFFA0]/
/** Emoji (roughly: the pictographic planes and blocks); a zero-width joiner may stand between two of them. */
const EMOJI = /[\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u2300-\u23FF]|\uD83C[\uDC00-\uDFFF]|\uD83D[\uDC00-\uDFFF]|\uD83E[\uDC00-\uDFFF]/

/** A lone surrogate is no character at all (a loop, not a lookbehind: older WeChat JavaScript engines refuse those). */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

/** A zero-width joiner outside an emoji sequence (👩‍💻 keeps its joiner). */
function strayJoiner(text: string): boolean {
  for (let i = text.indexOf('\u200D'); i !== -1; i = text.indexOf('\u200D', i + 1)) {
    const before = text.slice(Math.max(0, i - 3), i).replace(/\uFE0F$/, '')
    const after = text.slice(i + 1, i + 3)
    if (!EMOJI.test(before.slice(-2)) && !EMOJI.test(before.slice(-1))) return true
    if (!EMOJI.test(after)) return true
  }
  return false
}

/** Why a text is refused, or undefined when it may be kept. */
export function freeTextProblem(text: string, lines = false): string | undefined {
  if (hasLoneSurrogate(text)) return 'contains a broken character (a lone surrogate)'
  if (CONTROL.test(text) || (!lines && NEWLINE.test(text))) return 'contains a control character'
  if (BIDI.test(text)) return 'contains a text-direction override'
  if (FORMAT.test(text) || BLANK_FILLER.test(text) || strayJoiner(text)) return 'contains an invisible character'
  return undefined
}

/** Compared as NFKC (full-width ａｄｍｉｎ is admin), trimmed, case-folded, spaces removed. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')

export function isReservedName(text: string): boolean {
  const folded = fold(text)
  return RESERVED_NAMES.some((r) => fold(r) === folded)
}
