/**
 * The public city dashboard over 100,000 entries (1,000 residents, 4 communities, seeded through the cloud's own
 * append path): getCityDashboard computed from the community counters, against the same figures summed from
 * the ledger (what a dashboard without counters would do on every view); and the page in Chromium at 4× CPU,
 * against the empty Taro page loaded in the same rounds.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCloud } from '../mock/cloud'
import { openSqlite } from '../mock/storage/sqlitePort'
import { weekRanges } from '../src/core/community'
import { shanghaiDay } from '../src/core/time'
import { launchBrowser, phoneContext } from '../test/e2e/support.mjs'
import { startServer } from '../test/support/server'
import { seedCity } from '../test/support/seedCity'
import { median } from './stats'

export interface CityFigures {
  entries: number
  countersP50Ms: number
  ledgerScanP50Ms: number
  /** by CPU slowdown (1: this machine as it is; 4: a mid-range phone) */
  pageShownMs: Record<1 | 4, number>
  emptyPageShownMs: Record<1 | 4, number>
}

export async function cityDashboard(appH5: string, floorH5: string, residents = 1_000, entriesEach = 100): Promise<CityFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'glp-city-'))
  const dbPath = join(dir, 'city.sqlite')
  try {
    const city = await seedCity(dbPath, residents, entriesEach, 4)
    // In process: every call past the cache (the clock moves on by more than its 10 s each time).
    let clock = Date.now()
    const cloud = await createCloud({ storage: openSqlite({ path: dbPath }), now: () => clock, rateLimit: { burst: 0, perSecond: 1 } })
    const counters: number[] = []
    for (let i = 0; i < 25; i++) {
      clock += 11_000
      const t0 = performance.now()
      const out = await cloud.call('getCityDashboard', {}, undefined)
      counters.push(performance.now() - t0)
      if ((out.body as any).result?.gramsCo2eTotal !== city.gramsCo2e)
        throw new Error(`dashboard disagrees with the seed: ${JSON.stringify(out.body).slice(0, 200)}`)
    }
    await cloud.close()
    // The floor: the same totals summed from the ledger, as a dashboard without counters would.
    const db = new Database(dbPath, { readonly: true })
    const { thisWeek, lastWeek } = weekRanges(shanghaiDay(Date.now()))
    const scan = db.prepare(
      `SELECT community_id, COUNT(DISTINCT openid) AS residents, SUM(grams) AS grams,
         SUM(CASE WHEN day BETWEEN ? AND ? THEN grams ELSE 0 END) AS this_week, SUM(CASE WHEN day BETWEEN ? AND ? THEN grams ELSE 0 END) AS last_week
       FROM entries GROUP BY community_id`,
    )
    const scans: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now()
      scan.all(thisWeek.fromDay, thisWeek.toDay, lastWeek.fromDay, lastWeek.toDay)
      scans.push(performance.now() - t0)
    }
    db.close()

    // In the browser: from navigation until the residents figure is on screen, against the empty page's first text.
    const app = await startServer({ STATIC_DIR: appH5, DB_PATH: dbPath }, 60_000)
    const floor = await startServer({ STATIC_DIR: floorH5, DB_PATH: join(dir, 'floor.sqlite') }, 60_000)
    const browser = await launchBrowser()
    const shown = async (url: string, selector: string, rate: 1 | 4) => {
      const context = await phoneContext(browser)
      try {
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate })
        await page.goto(url)
        await page.locator(selector).first().waitFor({ timeout: 60_000 })
        return await page.evaluate(() => performance.now())
      } finally {
        await context.close()
      }
    }
    const pageMs: Record<1 | 4, number[]> = { 1: [], 4: [] }
    const emptyMs: Record<1 | 4, number[]> = { 1: [], 4: [] }
    try {
      for (const rate of [1, 4] as const) {
        for (let i = 0; i < 5; i++) {
          emptyMs[rate].push(await shown(`${floor.url}/`, 'text=Hello', rate))
          pageMs[rate].push(await shown(`${app.url}/#/packages/public/pages/city/index`, '#city-residents .city__value', rate))
        }
      }
    } finally {
      await browser.close()
      await app.stop()
      await floor.stop()
    }
    return {
      entries: city.entries,
      countersP50Ms: median(counters.slice(5)),
      ledgerScanP50Ms: median(scans.slice(2)),
      pageShownMs: { 1: median(pageMs[1]), 4: median(pageMs[4]) },
      emptyPageShownMs: { 1: median(emptyMs[1]), 4: median(emptyMs[4]) },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
