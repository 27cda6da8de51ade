// A new resident's first launch in a real browser against npm start: the privacy notice comes first and
// nothing reaches the cloud until it is agreed; then login, Home, and the agreement recorded in the cloud.
// The app is served under its Content-Security-Policy, so any violation shows up here.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertNoProblems, launchBrowser, phoneContext, startApp, shot } from './support.mjs'

let app
let browser

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

test('first launch: notice, agree, log in, home — nothing sent before agreeing, no CSP violation', async () => {
  const page = await (await phoneContext(browser)).newPage()
  const cloudCalls = []
  const problems = []
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path.startsWith('/cloud/')) cloudCalls.push(path)
  })
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))

  const response = await page.goto(`${app.url}/`)
  const csp = response.headers()['content-security-policy'] ?? ''
  assert.match(csp, /frame-ancestors 'none'/)
  assert.equal(response.headers()['x-content-type-options'], 'nosniff')

  // the first-run path: what counts, how it is computed, then the notice
  await page.getByText('第 1 / 3 步').waitFor()
  await page.getByRole('heading', { name: '哪些行为算数' }).waitFor()
  await page.getByRole('button', { name: '下一步' }).click()
  await page.getByRole('heading', { name: '怎么算、为什么可信' }).waitFor()
  await page.getByText('10 克 = 1 积分', { exact: false }).waitFor()
  await page.getByRole('button', { name: '下一步' }).click()
  for (const title of ['我们收集什么', '为什么收集', '保存多久', '谁能看到', '导出与删除']) await page.getByRole('heading', { name: title }).waitFor()
  assert.deepEqual(cloudCalls, [], 'nothing is sent before the notice is agreed')
  // Home opened the notice with navigateTo: let Taro's slide-in finish before the picture.
  await page.waitForTimeout(400)
  await page.screenshot({ path: shot('privacy.png') })

  await page.getByRole('button', { name: '同意并继续' }).click()
  await page.locator('#handle input').fill('e2e-newcomer')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByText('积分余额').first().waitFor()
  assert.deepEqual(cloudCalls.slice(0, 2), ['/cloud/login', '/cloud/agreePrivacy'])

  // Home: a seed, and the first check-in one tap away
  await page.locator('#green-bud[data-stage="seed"]').waitFor()
  await page.getByRole('button', { name: '记录一次绿色出行' }).click()
  await page.getByRole('radio', { name: '地铁' }).click()
  await page.locator('#distance input').fill('8')
  await page.locator('#duration input').fill('25')
  await page.getByRole('button', { name: '提交打卡' }).click()
  await page.getByText(/已记入 368 克 CO₂e/).waitFor()
  await page.goBack()
  // 8 km of metro at 46 g/km (the methodology's 46.8, rounded down): 368 g, a sprout on its way to first leaves
  await page.locator('#green-bud[data-stage="sprout"]').waitFor()
  await page.locator('#first-step').waitFor({ state: 'detached' })
  assert.match(await page.locator('#home-equivalents').innerText(), /少开 2\.1 公里汽油车/)
  await page.waitForTimeout(1000) // the growing animation ends
  await page.screenshot({ path: shot('home-bud.png') })

  // English, and back home: the bud and its words follow
  await page.goto(`${app.url}/#/pages/me/index`)
  await page.getByRole('radio', { name: 'English' }).click()
  await page.goto(`${app.url}/#/pages/home/index`)
  await page.getByText('Your green bud: sprout (stage 2 of 6)').waitFor()
  await page.getByText('132 g more to reach the next stage, first leaves', { exact: false }).waitFor()
  await page.screenshot({ path: shot('home-bud-en.png') })

  // A second device (another context) of the same person: the cloud already has the agreement.
  const other = await (await phoneContext(browser)).newPage()
  const otherCalls = []
  other.on('request', (r) => new URL(r.url()).pathname.startsWith('/cloud/') && otherCalls.push(new URL(r.url()).pathname))
  await other.goto(`${app.url}/#/packages/about/pages/privacy/index`)
  await other.getByRole('button', { name: '同意并继续' }).click()
  await other.locator('#handle input').fill('e2e-newcomer')
  await other.getByRole('button', { name: '登录' }).click()
  await other.getByText('积分余额').first().waitFor()
  assert.equal(otherCalls.includes('/cloud/agreePrivacy'), false, 'an agreement the cloud already holds is not sent again')
  assert.deepEqual(problems, [])
})
