#!/usr/bin/env node
// Renders the tab-bar icons (SVG below) to 81×81 PNGs with Debian's Chromium: the grey ones once, the selected
// ones in each city's primary colour (src/branding/cities/<city>.ts) into src/assets/tab/<city>/. weapp's tabBar
// takes only PNG/JPG files, so the PNGs are committed; run this again after changing a drawing, a colour or a city.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import UPNG from 'upng-js'
import { launchBrowser, ROOT } from '../test/e2e/support.mjs'

const ICONS = {
  home: '<path d="M40 10C22 18 14 32 16 52c2 10 10 18 24 18s22-8 24-18C66 32 58 18 40 10z" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/><path d="M40 26v44M40 44l-10-8M40 54l10-8" stroke="C" stroke-width="6" stroke-linecap="round"/>',
  wallet:
    '<rect x="10" y="20" width="60" height="46" rx="8" fill="none" stroke="C" stroke-width="6"/><path d="M18 20l30-10 6 10" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/><circle cx="56" cy="43" r="5" fill="C"/>',
  challenges:
    '<path d="M24 12h32v14c0 10-7 18-16 18s-16-8-16-18z" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/><path d="M24 18H12c0 10 6 14 12 14M56 18h12c0 10-6 14-12 14M40 44v12M28 68h24M32 56h16v12H32z" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/>',
  rewards:
    '<rect x="12" y="30" width="56" height="38" rx="4" fill="none" stroke="C" stroke-width="6"/><path d="M8 30h64M40 30v38M40 30c-6-14-22-16-22-6 0 6 12 6 22 6 10 0 22 0 22-6 0-10-16-8-22 6z" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/>',
  me: '<circle cx="40" cy="28" r="14" fill="none" stroke="C" stroke-width="6"/><path d="M14 70c2-14 12-22 26-22s24 8 26 22" fill="none" stroke="C" stroke-width="6" stroke-linecap="round"/>',
}
const NORMAL = '#6b7280'
const citiesDir = join(ROOT, 'src/branding/cities')
const cities = readdirSync(citiesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => {
    const primary = /primary:\s*'(#[0-9a-fA-F]{6})'/.exec(readFileSync(join(citiesDir, f), 'utf8'))?.[1]
    if (!primary) throw new Error(`no primary colour in ${f}`)
    return { city: f.slice(0, -3), primary }
  })

/**
 * Chromium writes 8-bit RGBA; an icon is one colour at a few dozen levels of coverage, so an indexed PNG of
 * PALETTE_COLOURS entries looks the same at a third of the bytes. The tab icons ship in the weapp main package
 * every resident downloads first.
 */
const PALETTE_COLOURS = 48
function paletteOf(png) {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength))
  return UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, PALETTE_COLOURS)
}

const browser = await launchBrowser()
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
async function render(body, colour, path) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80">${body.replaceAll('"C"', `"${colour}"`)}</svg>`
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
  const shot = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
  writeFileSync(path, Buffer.from(paletteOf(shot)))
}
for (const [name, body] of Object.entries(ICONS)) {
  await render(body, NORMAL, join(ROOT, 'src/assets/tab', `${name}.png`))
  for (const { city, primary } of cities) {
    mkdirSync(join(ROOT, 'src/assets/tab', city), { recursive: true })
    await render(body, primary, join(ROOT, 'src/assets/tab', city, `${name}-active.png`))
  }
}
await browser.close()
console.log(`tab icons written to src/assets/tab (selected ones for ${cities.map((c) => c.city).join(', ')})`)
