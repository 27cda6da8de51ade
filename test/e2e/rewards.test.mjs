// A resident and an organizer in separate browser contexts: the resident redeems and shows the voucher,
// the organizer types its code and sees it fulfilled, the resident's voucher then shows it collected.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { launchBrowser, login, phoneContext, ROOT, startApp } from './support.mjs'

let app
let browser
let resident
let organizer
let code

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
  resident = await (await phoneContext(browser)).newPage()
  organizer = await (await phoneContext(browser)).newPage()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

test('a resident earns points, redeems a reward and sees a QR voucher', async () => {
  await login(resident, app.url, 'e2e-carol')
  await resident.getByRole('button', { name: '回收投递' }).click()
  await resident.getByRole('radio', { name: /社区服务中心/ }).click()
  await resident.getByRole('radio', { name: '纸板' }).click()
  await resident.locator('#weight input').fill('1')
  await resident.getByRole('button', { name: '提交打卡' }).click()
  await resident.getByText('获得 346 积分').waitFor()

  await resident.goto(`${app.url}/#/pages/rewards/index`)
  await resident.getByText('剩余 500 件').waitFor()
  await resident.getByRole('button', { name: '兑换 公交乘车券 Bus ride voucher' }).click()
  await resident.getByText('用 50 积分兑换「公交乘车券 Bus ride voucher」？').waitFor()
  await resident.getByRole('button', { name: '确认兑换' }).click()
  await resident.locator('#voucher-code').waitFor()
  code = (await resident.locator('#voucher-code').innerText()).replace(/\s/g, '')
  assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/)
  const qr = resident.getByRole('img', { name: `兑换码 ${code} 的二维码` })
  await qr.waitFor()
  assert.equal((await resident.locator('#voucher-status').innerText()).trim(), '待领取')
  await resident.waitForTimeout(400)
  await resident.screenshot({ path: join(ROOT, 'docs/screenshots/voucher.png') })
})

test('the organizer types the code and sees it fulfilled; a second scan is refused', async () => {
  await login(organizer, app.url, 'organizer')
  await organizer.goto(`${app.url}/#/pages/me/index`)
  await organizer.getByRole('button', { name: '核销兑换券' }).click()
  await organizer.locator('#voucher-code-input input').fill(code.toLowerCase())
  await organizer.getByRole('button', { name: '核销', exact: true }).click()
  await organizer.getByText('核销成功：公交乘车券 Bus ride voucher').waitFor()
  await organizer.screenshot({ path: join(ROOT, 'docs/screenshots/verify.png') })
  await organizer.getByRole('button', { name: '核销下一张' }).click()
  await organizer.locator('#voucher-code-input input').fill(code)
  await organizer.getByRole('button', { name: '核销', exact: true }).click()
  await organizer.getByText('不能发放奖品').waitFor()
  await organizer.getByText(/already used/).waitFor()
})

test("the resident's voucher now shows it collected, with no QR", async () => {
  await resident.reload()
  await resident.waitForFunction(() => document.querySelector('#voucher-status')?.textContent?.trim() === '已领取')
  assert.equal(await resident.getByRole('img', { name: /二维码/ }).count(), 0)
})
