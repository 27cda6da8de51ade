// A resident in a real browser against `npm start`: log in, check in a bike trip and a recycling drop,
// see both in the wallet with the right grams, hit a daily cap, verify the ledger, switch language.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertNoProblems, expectCloudRefusal, launchBrowser, login, phoneContext, shot, startApp } from './support.mjs'

let app
let browser
let page

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
  page = await (await phoneContext(browser)).newPage()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

async function openHomeCard(name) {
  await page.goto(`${app.url}/#/pages/home/index`)
  await page.getByRole('button', { name, exact: true }).click()
}

test('a resident logs in and sees an empty wallet', async () => {
  await login(page, app.url, 'e2e-alice')
  await page.waitForFunction(() => document.querySelector('#points-balance')?.textContent?.trim() !== '—')
  assert.equal((await page.locator('#points-balance').innerText()).trim(), '0')
  assert.equal((await page.locator('#today-grams').innerText()).trim(), '0 克')
})

test('a bike trip is credited with the grams the methodology gives', async () => {
  await openHomeCard('绿色出行')
  await page.getByRole('radio', { name: '骑行' }).click()
  await page.locator('#distance input').fill('5')
  await page.locator('#duration input').fill('20')
  await page.getByText('预计约 165 克 CO₂e').waitFor()
  await page.getByRole('button', { name: '提交打卡' }).click()
  await page.getByText('已记入 165 克 CO₂e，获得 16 积分').waitFor()
})

test('a recycling drop at a picked station is credited', async () => {
  await openHomeCard('回收投递')
  await page.getByRole('radio', { name: /社区服务中心/ }).click()
  await page.getByRole('radio', { name: '纸板' }).click()
  await page.locator('#weight input').fill('2.5')
  await page.getByRole('button', { name: '提交打卡' }).click()
  await page.getByText('已记入 8650 克 CO₂e，获得 865 积分').waitFor()
})

test('the daily cap clips, then refuses, with a message', async () => {
  await openHomeCard('绿色出行')
  await page.getByRole('radio', { name: '步行' }).click()
  await page.locator('#distance input').fill('20')
  await page.locator('#duration input').fill('120')
  // the bike trip above ended just now: this walk ended half an hour ago, so the two do not overlap
  await page.getByRole('radio', { name: '30 分钟前' }).click()
  await page.getByRole('button', { name: '提交打卡' }).click()
  await page.getByText('已记入 296 克 CO₂e，获得 29 积分').waitFor()
  await page.getByText('已达到今日上限').waitFor()
  await page.locator('#distance input').fill('1')
  // a walk of its own, four hours ago: one overlapping the walk above would be refused as an overlap first
  await page.locator('#duration input').fill('30')
  await page.getByRole('radio', { name: '240 分钟前' }).click()
  expectCloudRefusal('checkIn', 422) // DAILY_CAP_REACHED: the contract's status for it
  await page.getByRole('button', { name: '提交打卡' }).click()
  // worded from the refusal's reason and figures, in Chinese
  await page.getByText(/这一项 \d{4}-\d{2}-\d{2} 已达每日上限 296 克/).waitFor()
})

test('home shows the balance and today; the wallet lists every entry and verifies', async () => {
  await page.goto(`${app.url}/#/pages/home/index`)
  await page.reload()
  await page.waitForFunction(() => document.querySelector('#points-balance')?.textContent?.trim() === '910')
  // the balance kept on the device shows at once; today's figure waits for the fresh wallet (Home's whole load)
  await page.waitForFunction(() => document.querySelector('#today-grams')?.textContent?.trim() !== '—')
  // one unit on the card: the total passed a kilogram, so today is in kilograms too
  assert.match(await page.locator('#today-grams').innerText(), /9\.11 千克/)
  assert.match(await page.locator('#total-kg').innerText(), /千克/)
  await page.screenshot({ path: shot('home.png') })
  await page.goto(`${app.url}/#/pages/wallet/index`)
  await page.reload()
  await page.getByText('纸板').first().waitFor()
  assert.equal(await page.getByText('+865').count(), 1)
  assert.equal(await page.getByText('+16').count(), 1)
  assert.equal(await page.getByText('+29').count(), 1)
  await page.getByRole('button', { name: '校验我的账本' }).click()
  await page.getByText('账本完整：3 条记录，哈希链校验通过').waitFor()
  await page.screenshot({ path: shot('wallet.png') })
})

test('steps from the labelled dev WeRun source are verified and credited once', async () => {
  await page.goto(`${app.url}/#/pages/home/index`)
  await page.reload()
  await page.waitForFunction(() => document.querySelector('#points-balance')?.textContent?.trim() === '910')
  const sync = page.getByRole('button', { name: '同步示例步数（开发数据源）' })
  await sync.click()
  // today's walking was already 296 g (the cap): only the two earlier days' steps add (194 + 154 g)
  await page.getByText('步数已同步：新记入 348 克 CO₂e，获得 34 积分').waitFor()
  await page.waitForFunction(() => document.querySelector('#points-balance')?.textContent?.trim() === '944')
  await sync.click()
  await page.getByText('步数已同步：没有新的步行可记入（每天的步行只计一次）').waitFor()
})

test('switching to English changes the interface and survives a reload', async () => {
  await page.goto(`${app.url}/#/pages/me/index`)
  await page.getByRole('radio', { name: 'English' }).click()
  await page.getByText('Language').waitFor()
  await page.goto(`${app.url}/#/pages/home/index`)
  await page.reload()
  await page.getByText('Points balance').waitFor()
  await page.getByText('Green travel').waitFor()
  // the tab bar and the title follow the language too
  await page.getByText('Challenges', { exact: true }).waitFor()
  await page.waitForFunction(() => document.title === 'Green-life points')
})
