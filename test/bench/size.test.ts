import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sizeReport } from '../../bench/size'

/** Writes a fake build: a weapp folder with app.json and sized files, an H5 folder with index.html + scripts. */
function fakeBuild(root: string, weapp: { mainBytes: number; subpackages?: Record<string, number> }, h5ScriptText: string) {
  const weappDir = join(root, 'weapp')
  mkdirSync(weappDir, { recursive: true })
  const subRoots = Object.keys(weapp.subpackages ?? {})
  const appJson = JSON.stringify({ pages: ['pages/index/index'], subPackages: subRoots.map((r) => ({ root: r, pages: [] })) })
  writeFileSync(join(weappDir, 'app.json'), appJson)
  writeFileSync(join(weappDir, 'app.js'), Buffer.alloc(weapp.mainBytes - appJson.length, 'a'))
  for (const [subRoot, bytes] of Object.entries(weapp.subpackages ?? {})) {
    mkdirSync(join(weappDir, subRoot), { recursive: true })
    writeFileSync(join(weappDir, subRoot, 'index.js'), Buffer.alloc(bytes, 'b'))
  }
  const h5Dir = join(root, 'h5')
  mkdirSync(join(h5Dir, 'js'), { recursive: true })
  writeFileSync(join(h5Dir, 'index.html'), '<html><head><script defer="defer" src="/js/app.js"></script></head></html>')
  writeFileSync(join(h5Dir, 'js/app.js'), h5ScriptText)
  writeFileSync(join(h5Dir, 'js/lazy.js'), 'not loaded at start '.repeat(10_000))
  return { weapp: weappDir, h5: h5Dir }
}

// Incompressible (hash-derived) text, so gzip sizes scale with length and the test is deterministic.
const noise = (chars: number, seed: number) => {
  let out = ''
  for (let i = 0; out.length < chars; i++) out += createHash('sha256').update(`${seed}:${i}`).digest('base64')
  return out.slice(0, chars)
}

describe('size budgets', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glp-size-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('passes an app within every budget and reports ratios to the floor', () => {
    const floor = fakeBuild(join(dir, 'floor'), { mainBytes: 300_000 }, noise(20_000, 1))
    const app = fakeBuild(join(dir, 'app'), { mainBytes: 450_000, subpackages: { 'packages/a': 30_000 } }, noise(26_000, 2))
    const report = sizeReport(app, floor)
    expect(report.overBudget).toEqual([])
    expect(report.rows[0][3]).toMatch(/^1\.50×/)
    // only the script index.html loads counts, not lazily loaded chunks
    expect(report.rows.find((r) => r[0] === 'H5 initial JS (raw)')![1]).toBe('25.4 KB')
  })

  it('names every budget an app breaks', () => {
    const floor = fakeBuild(join(dir, 'floor'), { mainBytes: 300_000 }, noise(20_000, 1))
    const app = fakeBuild(join(dir, 'app'), { mainBytes: 620_000, subpackages: { 'packages/big': 1_600_000 } }, noise(40_000, 3))
    const report = sizeReport(app, floor)
    expect(report.overBudget).toHaveLength(4)
    expect(report.overBudget[0]).toMatch(/main package is 2\.07× the floor/)
    expect(report.overBudget[1]).toMatch(/main package is 605\.5 KB/)
    expect(report.overBudget[2]).toMatch(/packages\/big is 1,562\.5 KB/)
    expect(report.overBudget[3]).toMatch(/H5 initial JS is 2\.\d\d× the floor gzipped/)
  })
})
