import type { BadgeId } from '../../contract/types'

/**
 * Badge icons drawn in code as SVG data URIs (WeChat's <image> and the browser both show them): a medal
 * whose glyph says what it is for, in colour when earned and in grey when not.
 */
const GLYPHS: Record<BadgeId, string> = {
  // a sprout
  first_checkin:
    '<path d="M48 70 V46" stroke="#fff" stroke-width="5" stroke-linecap="round"/><path d="M48 50 C36 50 30 42 30 34 C40 34 48 40 48 50 Z M48 46 C48 36 56 30 66 30 C66 40 58 46 48 46 Z" fill="#fff"/>',
  // a weight marked 10
  kg10: '<path d="M34 40 H62 L68 68 H28 Z" fill="#fff"/><text x="48" y="62" font-size="16" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="COLOR">10</text><circle cx="48" cy="34" r="6" stroke="#fff" stroke-width="4" fill="none"/>',
  // a flame
  streak7: '<path d="M48 26 C58 40 66 46 62 60 C60 68 54 72 48 72 C40 72 33 66 34 56 C35 48 42 46 42 38 C46 42 47 46 46 50 C52 46 52 36 48 26 Z" fill="#fff"/>',
  // a flag
  challenge_done: '<path d="M36 72 V28" stroke="#fff" stroke-width="5" stroke-linecap="round"/><path d="M38 30 H64 L58 40 L64 50 H38 Z" fill="#fff"/>',
}

const EARNED_COLOR: Record<BadgeId, string> = {
  first_checkin: '#15803d',
  kg10: '#0f766e',
  streak7: '#c2410c',
  challenge_done: '#6d28d9',
}
const LOCKED_COLOR = '#6b7280'

export function badgeIcon(id: BadgeId, earned: boolean): string {
  const color = earned ? EARNED_COLOR[id] : LOCKED_COLOR
  const ring = earned ? '#facc15' : '#d1d5db'
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
    `<circle cx="48" cy="48" r="44" fill="${ring}"/><circle cx="48" cy="48" r="37" fill="${color}"/>` +
    GLYPHS[id].replace(/COLOR/g, color) +
    `</svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
