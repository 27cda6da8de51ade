import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchBrowser, login, phoneContext } from '../../test/e2e/support.mjs'
import { startServer } from '../../test/support/server'

const OBS = `(() => {
  const w = window; w.__ev = []
  const mark = (s) => w.__ev.push([Math.round(performance.now()), s])
  new PerformanceObserver((l) => { for (const e of l.getEntries()) mark('LCP ' + Math.round(e.startTime) + ' ' + (e.element ? e.element.tagName + ' ' + (e.element.textContent||'').slice(0,20) : '')) }).observe({ type: 'largest-contentful-paint', buffered: true })
  new PerformanceObserver((l) => { for (const e of l.getEntries()) mark('paint ' + e.name + ' ' + Math.round(e.startTime)) }).observe({ type: 'paint', buffered: true })
  new PerformanceObserver((l) => { for (const e of l.getEntries()) mark('long ' + Math.round(e.startTime) + '+' + Math.round(e.duration)) }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((l) => { for (const e of l.getEntries()) mark('res ' + e.name.slice(-40) + ' ' + Math.round(e.startTime) + '..' + Math.round(e.responseEnd)) }).observe({ type: 'resource', buffered: true })
  const seen = new Set()
  new MutationObserver(() => {
    for (const sel of ['.taro_page', '.home__welcome', '#first-step', '#green-bud', '.taro-tabbar__tabbar', '#points-balance']) {
      if (!seen.has(sel) && document.querySelector(sel)) { seen.add(sel); mark('dom ' + sel) }
    }
  }).observe(document, { subtree: true, childList: true })
  const raf = () => { mark('raf'); if (performance.now() < 1500) requestAnimationFrame(raf) }
  requestAnimationFrame(raf)
})()`

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'glp-trace-'))
  const app = await startServer({ STATIC_DIR: 'dist/h5', DB_PATH: join(dataDir, 'app.sqlite'), DEMO_DATA: '1' }, 60_000)
  const browser = await launchBrowser()
  const setup = await phoneContext(browser)
  const first = await setup.newPage()
  await login(first, app.url, 'bench-resident')
  await first.waitForFunction(() => localStorage.getItem('glp.wallet.v1') !== null, undefined, { timeout: 60_000 })
  const storageState = await setup.storageState()
  await setup.close()
  for (let i = 0; i < 2; i++) {
    const context = await phoneContext(browser, 'zh-CN', { storageState })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    await page.addInitScript(OBS)
    await page.goto(app.url + '/', { waitUntil: 'load' })
    await page.waitForTimeout(3000)
    const ev = await page.evaluate(() => (window as any).__ev)
    const collapsed: string[] = []
    let rafRun = 0
    for (const [t, s] of ev) { if (s === 'raf') { rafRun++; continue } if (rafRun) { collapsed.push(`   (${rafRun} rafs)`); rafRun = 0 } collapsed.push(`${t} ${s}`) }
    console.log('--- run', i); console.log(collapsed.join('\n'))
    await context.close()
  }
  await browser.close(); await app.stop()
}
main().catch((e) => { console.error(e); process.exit(1) })
