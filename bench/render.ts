/**
 * Home's first render on weapp beside the empty Taro app's: the setData calls and the bytes of their JSON that
 * cross from the logic layer to the view layer before the page settles (the launch check measures Home with a
 * resident's real data from a real cloud; the empty app's one page is rendered by the same stand-ins).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './build'

export interface FirstRender {
  setDataCalls: number
  setDataBytes: number
}

export function weappFirstRender(floorWeappDist: string): { home: FirstRender; floor: FirstRender } {
  // The launch check starts its own cloud, logs a seeded resident in and records Home's first render.
  execFileSync(process.execPath, [join(ROOT, 'scripts/weapp-check.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  const home = JSON.parse(readFileSync(join(ROOT, 'test-results/weapp-first-render.json'), 'utf8')) as FirstRender
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts/weapp-render-page.mjs'), floorWeappDist, 'pages/index/index'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const floor = JSON.parse(out.trim().split('\n').at(-1)!) as FirstRender
  return { home, floor }
}
