/**
 * The bud drawn in code: one SVG whose stem, leaves and crown follow a continuous growth value, so every
 * gram shows and no stage needs its own picture. Returned as a data URI, which WeChat's <image> and the
 * browser's <img> both render (WeChat's SVG takes no percentages: every length here is absolute).
 */
const SIZE = 240
const SOIL_Y = 196

/** growth: stage index plus progress toward the next stage, 0..(stages − 1) */
export function budSvg(growth: number, stages: number): string {
  const g = Math.max(0, Math.min(growth, stages - 1))
  const parts: string[] = []
  // pot and soil
  parts.push(`<path d="M70 196 L170 196 L158 234 L82 234 Z" fill="#b45309"/>`)
  parts.push(`<rect x="64" y="188" width="112" height="12" rx="6" fill="#92400e"/>`)
  parts.push(`<ellipse cx="120" cy="190" rx="50" ry="5" fill="#451a03"/>`)
  if (g < 0.02) {
    parts.push(`<ellipse cx="120" cy="184" rx="9" ry="6" fill="#a16207"/><path d="M116 182 Q120 178 124 182" stroke="#fde68a" stroke-width="1.5" fill="none"/>`)
    return wrap(parts)
  }
  const stemHeight = 12 + (g / (stages - 1)) * 128
  const top = SOIL_Y - stemHeight
  const stemWidth = 3 + g * 1.6
  const trunk = g >= 3 ? '#7c5a2e' : '#15803d'
  parts.push(
    `<path d="M120 ${SOIL_Y} C ${118 - g} ${SOIL_Y - stemHeight / 2}, ${122 + g} ${top + stemHeight / 3}, 120 ${r(top)}" stroke="${trunk}" stroke-width="${r(stemWidth)}" stroke-linecap="round" fill="none"/>`,
  )
  // leaf pairs along the stem: one more pair per stage, each unfolding with the progress
  const pairs = Math.min(5, Math.ceil(g + 0.001))
  for (let i = 0; i < pairs; i++) {
    const unfolded = Math.min(1, g - i + 1)
    const y = SOIL_Y - stemHeight * (0.35 + (0.6 * i) / Math.max(1, pairs))
    const scale = (0.45 + 0.55 * unfolded) * (1 + Math.min(g, 3) * 0.12)
    parts.push(leaf(120, y, -1, scale, i % 2 === 0 ? '#22c55e' : '#16a34a'))
    parts.push(leaf(120, y - 6, 1, scale, i % 2 === 0 ? '#16a34a' : '#22c55e'))
  }
  if (g >= 3.5) {
    // the crown of a young tree, filling out toward the last stage
    const crown = 22 + (g - 3.5) * 28
    parts.push(`<circle cx="120" cy="${r(top + 6)}" r="${r(crown)}" fill="#15803d" opacity="0.9"/>`)
    parts.push(`<circle cx="${r(120 - crown * 0.7)}" cy="${r(top + crown * 0.5)}" r="${r(crown * 0.7)}" fill="#16a34a" opacity="0.9"/>`)
    parts.push(`<circle cx="${r(120 + crown * 0.7)}" cy="${r(top + crown * 0.5)}" r="${r(crown * 0.7)}" fill="#22c55e" opacity="0.9"/>`)
  } else {
    // the bud itself at the tip
    parts.push(`<ellipse cx="120" cy="${r(top - 4)}" rx="${r(5 + g * 1.5)}" ry="${r(8 + g * 2)}" fill="#4ade80"/>`)
  }
  return wrap(parts)
}

function leaf(x: number, y: number, side: -1 | 1, scale: number, fill: string): string {
  const len = 34 * scale
  const w = 12 * scale
  const tipX = x + side * len
  return `<path d="M${r(x)} ${r(y)} C ${r(x + side * len * 0.3)} ${r(y - w)}, ${r(x + side * len * 0.8)} ${r(y - w)}, ${r(tipX)} ${r(y - w * 0.4)} C ${r(x + side * len * 0.8)} ${r(y + w * 0.5)}, ${r(x + side * len * 0.3)} ${r(y + w * 0.5)}, ${r(x)} ${r(y)} Z" fill="${fill}"/>`
}

const r = (n: number) => Math.round(n * 10) / 10

function wrap(parts: string[]): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">${parts.join('')}</svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
