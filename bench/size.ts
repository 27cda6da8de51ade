/** Build sizes beside the floor, and the budgets `npm run check:size` enforces in CI. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Dists } from './build'
import { fmt } from './stats'

/** Budgets from issue #6: ratios to the empty Taro app built in the same run, and absolute ceilings. */
export const SIZE_BUDGETS = {
  weappMainMaxRatio: 1.6,
  weappMainMaxBytes: 600 * 1024,
  weappSubpackageMaxBytes: 1.5 * 1024 * 1024,
  h5InitialGzipMaxRatio: 1.5,
} as const

export function dirBytes(dir: string): number {
  if (!existsSync(dir)) return NaN
  return readdirSync(dir).reduce((sum, name) => {
    const p = join(dir, name)
    const s = statSync(p)
    return sum + (s.isDirectory() ? dirBytes(p) : s.size)
  }, 0)
}

/** The JS the H5 index.html loads before the first page can render (its <script src> files). */
export function h5InitialJs(distDir: string): { raw: number; gzip: number; files: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<script[^>]*src="\/?([^"]+\.js)"/g)].map((m) => m[1])
  let raw = 0
  let gzip = 0
  for (const f of files) {
    const buf = readFileSync(join(distDir, f))
    raw += buf.length
    gzip += gzipSync(buf, { level: 9 }).length
  }
  return { raw, gzip, files }
}

/** weapp main package and each subpackage (roots from app.json), in bytes */
export function weappPackages(distDir: string): { main: number; subpackages: { root: string; bytes: number }[] } {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'))
  const subs: { root: string }[] = appJson.subPackages ?? appJson.subpackages ?? []
  const subpackages = subs.map((p) => ({ root: p.root, bytes: dirBytes(join(distDir, p.root)) }))
  return { main: dirBytes(distDir) - subpackages.reduce((s, p) => s + p.bytes, 0), subpackages }
}

export interface SizeReport {
  rows: string[][]
  /** One readable line per budget broken; empty when everything is within budget. */
  overBudget: string[]
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`

export function sizeReport(app: Dists, floor: Dists): SizeReport {
  const rows: string[][] = []
  const overBudget: string[] = []
  const appWeapp = weappPackages(app.weapp)
  const floorWeapp = weappPackages(floor.weapp)
  const mainRatio = appWeapp.main / floorWeapp.main
  rows.push([
    'weapp main package',
    kb(appWeapp.main),
    `${kb(floorWeapp.main)} empty Taro app`,
    `${fmt(mainRatio, 2)}× (budget ≤ ${SIZE_BUDGETS.weappMainMaxRatio}× and ≤ ${kb(SIZE_BUDGETS.weappMainMaxBytes)})`,
  ])
  if (mainRatio > SIZE_BUDGETS.weappMainMaxRatio)
    overBudget.push(`weapp main package is ${fmt(mainRatio, 2)}× the floor (budget ${SIZE_BUDGETS.weappMainMaxRatio}×)`)
  if (appWeapp.main > SIZE_BUDGETS.weappMainMaxBytes)
    overBudget.push(`weapp main package is ${kb(appWeapp.main)} (budget ${kb(SIZE_BUDGETS.weappMainMaxBytes)})`)
  for (const sub of appWeapp.subpackages) {
    rows.push([`weapp subpackage ${sub.root}`, kb(sub.bytes), '', `${fmt(sub.bytes / SIZE_BUDGETS.weappSubpackageMaxBytes, 2)}× of the 1,536 KB budget`])
    if (sub.bytes > SIZE_BUDGETS.weappSubpackageMaxBytes)
      overBudget.push(`weapp subpackage ${sub.root} is ${kb(sub.bytes)} (budget ${kb(SIZE_BUDGETS.weappSubpackageMaxBytes)})`)
  }
  const appH5 = h5InitialJs(app.h5)
  const floorH5 = h5InitialJs(floor.h5)
  const gzipRatio = appH5.gzip / floorH5.gzip
  rows.push(['H5 initial JS (raw)', kb(appH5.raw), `${kb(floorH5.raw)} empty Taro app`, `${fmt(appH5.raw / floorH5.raw, 2)}×`])
  rows.push([
    'H5 initial JS (gzip -9)',
    kb(appH5.gzip),
    `${kb(floorH5.gzip)} empty Taro app`,
    `${fmt(gzipRatio, 2)}× (budget ≤ ${SIZE_BUDGETS.h5InitialGzipMaxRatio}×)`,
  ])
  if (gzipRatio > SIZE_BUDGETS.h5InitialGzipMaxRatio)
    overBudget.push(`H5 initial JS is ${fmt(gzipRatio, 2)}× the floor gzipped (budget ${SIZE_BUDGETS.h5InitialGzipMaxRatio}×)`)
  return { rows, overBudget }
}
