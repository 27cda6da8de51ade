/**
 * Page load: the app's Home (a signed-in resident with demo data) and the empty Taro app's page, each served
 * by the same mock-cloud server binary, in headless Debian Chromium at a phone viewport with 4× CPU
 * throttling. Reports the median LCP and total blocking time over several cold loads (fresh context each).
 *
 * TBT here: the sum over long tasks (> 50 ms) that start after first contentful paint of their time beyond
 * 50 ms, until the page has been quiet for QUIET_MS (Lighthouse stops at time-to-interactive; on a page that
 * goes quiet this is the same window).
 */
import type { Browser, BrowserContextOptions } from 'playwright-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchBrowser, login, phoneContext } from '../test/e2e/support.mjs'
import { startServer } from '../test/support/server'
import { median } from './stats'

const CPU_SLOWDOWN = 4
const QUIET_MS = 2_000

export interface LoadFigures {
  lcpMs: number
  fcpMs: number
  tbtMs: number
  lcpElement: string
}

// Runs in the page before any of its scripts: collects paint, LCP and long-task entries as they happen.
const OBSERVE = `(() => {
  const w = window
  w.__perf = { lcp: 0, lcpElement: '', fcp: 0, longTasks: [], lastActivity: performance.now() }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__perf.lcp = e.startTime
      const el = e.element
      w.__perf.lcpElement = el ? (el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 24) + '"') : ''
      w.__perf.lastActivity = performance.now()
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.__perf.fcp = e.startTime
  }).observe({ type: 'paint', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__perf.longTasks.push([e.startTime, e.duration])
      w.__perf.lastActivity = performance.now()
    }
  }).observe({ type: 'longtask', buffered: true })
})()`

async function loadOnce(browser: Browser, url: string, storageState: BrowserContextOptions['storageState'], expectText: string): Promise<LoadFigures> {
  const context = await phoneContext(browser, 'zh-CN', { storageState })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    await page.addInitScript(OBSERVE)
    await page.goto(url, { waitUntil: 'load' })
    await page.getByText(expectText).first().waitFor({ timeout: 60_000 })
    // Wait until neither a new LCP candidate nor a long task has appeared for QUIET_MS.
    await page.waitForFunction((quietMs) => performance.now() - (window as any).__perf.lastActivity > quietMs, QUIET_MS, { timeout: 60_000, polling: 250 })
    const perf = await page.evaluate(() => (window as any).__perf as { lcp: number; lcpElement: string; fcp: number; longTasks: [number, number][] })
    const tbtMs = perf.longTasks.filter(([start]) => start >= perf.fcp).reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0)
    return { lcpMs: perf.lcp, fcpMs: perf.fcp, tbtMs, lcpElement: perf.lcpElement }
  } finally {
    await context.close()
  }
}

function summarize(runs: LoadFigures[]): LoadFigures {
  return {
    lcpMs: median(runs.map((r) => r.lcpMs)),
    fcpMs: median(runs.map((r) => r.fcpMs)),
    tbtMs: median(runs.map((r) => r.tbtMs)),
    lcpElement: runs[runs.length - 1].lcpElement,
  }
}

export interface PageLoadResult {
  home: LoadFigures
  floor: LoadFigures
  /**
   * Median over runs of Home's LCP divided by the empty page's LCP in the same round. Each round loads both
   * back to back, so a slow moment on this shared machine slows both sides of that round's ratio.
   */
  pairedLcpRatio: number
}

export async function pageLoad(appDist: string, floorDist: string, runs: number): Promise<PageLoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'glp-pageload-'))
  const app = await startServer({ STATIC_DIR: appDist, DB_PATH: join(dataDir, 'app.sqlite'), DEMO_DATA: '1' }, 60_000)
  const floor = await startServer({ STATIC_DIR: floorDist, DB_PATH: join(dataDir, 'floor.sqlite') }, 60_000)
  const browser = await launchBrowser()
  try {
    // Sign a resident in once through the real login page, then start every measured load from that
    // device storage, as a returning resident opening the app.
    // A returning resident's device holds what their last visit left: the session and the last wallet seen,
    // so Home is let finish loading once before the storage is taken.
    const setup = await phoneContext(browser)
    const first = await setup.newPage()
    await login(first, app.url, 'bench-resident')
    await first.waitForFunction(() => localStorage.getItem('glp.wallet.v1') !== null, undefined, { timeout: 60_000 })
    const storageState = await setup.storageState()
    await setup.close()

    const homeRuns: LoadFigures[] = []
    const floorRuns: LoadFigures[] = []
    // Interleaved, so a noisy neighbour slows both sides alike.
    for (let i = 0; i < runs; i++) {
      floorRuns.push(await loadOnce(browser, `${floor.url}/`, undefined, 'Hello'))
      homeRuns.push(await loadOnce(browser, `${app.url}/`, storageState, '积分余额'))
    }
    const pairedLcpRatio = median(homeRuns.map((home, i) => home.lcpMs / floorRuns[i].lcpMs))
    return { home: summarize(homeRuns), floor: summarize(floorRuns), pairedLcpRatio }
  } finally {
    await browser.close()
    await app.stop()
    await floor.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
