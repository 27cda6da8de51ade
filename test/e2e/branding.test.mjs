// A city's branding is chosen at build time: CITY=harbin builds Harbin's name, welcome and colours into its own
// H5 build (dist/h5-harbin), which a resident then sees on Home and in the title; nothing of the default shows.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertNoProblems, launchBrowser, login, phoneContext, startApp, shot } from './support.mjs'

let app
let browser

before(async () => {
  app = await startApp({ CITY: 'harbin', DEMO_DATA: '1' })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

test("Harbin's build shows Harbin's name, welcome and colours on Home", async () => {
  const page = await (await phoneContext(browser)).newPage()
  await login(page, app.url, 'demo')
  await page.locator('.home__welcome', { hasText: '冰城的每一次步行、骑行和回收，都在为松花江畔减碳。' }).waitFor()
  await page.waitForFunction(() => document.title === '碳冰城')
  const card = await page.locator('.wallet-card').evaluate((el) => getComputedStyle(el).backgroundImage)
  assert.match(card, /rgb\(29, 78, 216\)/) // #1d4ed8, Harbin's primary
  assert.equal(await page.getByText('绿色生活积分').count(), 0)
  await page.locator('#green-bud').waitFor()
  await page.waitForTimeout(400)
  await page.screenshot({ path: shot('home-harbin.png') })
})
