// The wallet with 5,000 entries (paged, timed and printed, not asserted), the methodology page, data
// export and account deletion, in a real browser against npm start.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, afterEach, before, test } from 'node:test'
import { assertNoProblems, launchBrowser, login, phoneContext, ROOT, startApp, shot } from './support.mjs'

const BULK = 5000
let app
let browser
let page

before(async () => {
  app = await startApp({}, async (dbPath) => {
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/e2e/seed-ledger.ts'), dbPath, 'e2e-bulk', String(BULK)], { cwd: ROOT })
  })
  browser = await launchBrowser()
  page = await (await phoneContext(browser)).newPage()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

test(`the wallet pages through ${BULK} entries 20 at a time`, async () => {
  await login(page, app.url, 'e2e-bulk')
  const t0 = performance.now()
  await page.goto(`${app.url}/#/pages/wallet/index`)
  await page.locator('.entry').nth(19).waitFor()
  const firstPageMs = performance.now() - t0
  assert.equal(await page.locator('.entry').count(), 20)
  const t1 = performance.now()
  await page.mouse.wheel(0, 20000)
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  await page.locator('.entry').nth(39).waitFor()
  const nextPageMs = performance.now() - t1
  assert.equal(await page.locator('.entry').count(), 40)
  await page.getByRole('button', { name: '校验我的账本' }).click()
  await page.getByText(`账本完整：${BULK} 条记录，哈希链校验通过`).waitFor()
  console.log(`wallet with ${BULK} entries: first page ${firstPageMs.toFixed(0)} ms, next page on scroll ${nextPageMs.toFixed(0)} ms`)
})

test('the methodology page lists every factor with its source', async () => {
  await page.goto(`${app.url}/#/packages/about/pages/methodology/index`)
  await page.reload()
  await page.getByText('方法学 2026.3').waitFor()
  assert.equal(await page.locator('.factor').count(), 16)
  await page.locator('#credit-rules').getByText('只记入 48 小时内发生的行为。').waitFor()
  await page.locator('#factor-metro').getByText('46 克 / km').waitFor()
  await page
    .locator('#factor-metro')
    .getByText(/深圳市低碳公共出行碳普惠方法学/)
    .waitFor()
  await page.waitForTimeout(400)
  await page.screenshot({ path: shot('methodology.png') })
})

test('a resident exports their data as JSON and deletes the account', async () => {
  await page.goto(`${app.url}/#/pages/me/index`)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出我的数据' }).click()
  const file = await download
  const data = JSON.parse(await readFile(await file.path(), 'utf8'))
  assert.equal(data.entries.length, BULK)
  assert.equal(data.verification.ok, true)
  assert.equal(data.profile.nickname, 'e2e-bulk')
  await page.getByRole('button', { name: '注销账户' }).click()
  await page.getByText('注销后无法恢复').waitFor()
  await page.getByRole('button', { name: '确认注销' }).click()
  await page.locator('#handle input').waitFor()
  // the same handle now opens a new, empty wallet
  await login(page, app.url, 'e2e-bulk')
  await page.waitForFunction(() => document.querySelector('#points-balance')?.textContent?.trim() === '0')
})
