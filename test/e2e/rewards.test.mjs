// A resident and an organizer in separate browser contexts: the resident redeems and shows the voucher,
// the organizer types its code and sees it fulfilled, the resident's voucher then shows it collected.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertAccessible, assertNoProblems, expectCloudRefusal, launchBrowser, login, phoneContext, startApp, shot } from './support.mjs'

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

afterEach(assertNoProblems)

test('a resident earns points, redeems a reward and sees a QR voucher', async () => {
  await login(resident, app.url, 'e2e-carol')
  await resident.getByRole('button', { name: '回收投递', exact: true }).click()
  await resident.getByRole('radio', { name: /社区服务中心/ }).click()
  await resident.getByRole('radio', { name: '纸板' }).click()
  await resident.locator('#weight input').fill('1')
  await resident.getByRole('button', { name: '提交打卡' }).click()
  await resident.getByText('获得 346 积分').waitFor()

  await resident.goto(`${app.url}/#/pages/rewards/index`)
  await resident.getByText('剩余 500 件').waitFor()
  await resident.getByRole('button', { name: '兑换 公交乘车券' }).click()
  await resident.getByText('用 50 积分兑换「公交乘车券」？').waitFor()
  await resident.getByRole('button', { name: '确认兑换' }).click()
  await resident.locator('#voucher-code').waitFor()
  code = (await resident.locator('#voucher-code').innerText()).replace(/\s/g, '')
  assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/)
  const qr = resident.getByRole('img', { name: `兑换码 ${code} 的二维码` })
  await qr.waitFor()
  assert.equal((await resident.locator('#voucher-status').innerText()).trim(), '待领取')
  await resident.waitForTimeout(400)
  await resident.screenshot({ path: shot('voucher.png') })
  await assertAccessible(resident, 'the voucher')
})

test('the organizer types the code and sees it fulfilled; a second scan is refused', async () => {
  await login(organizer, app.url, 'organizer')
  await organizer.goto(`${app.url}/#/pages/me/index`)
  await organizer.getByRole('button', { name: '核销兑换券' }).click()
  await organizer.locator('#voucher-code-input input').fill(code.toLowerCase())
  await organizer.getByRole('button', { name: '核销', exact: true }).click()
  await organizer.getByText('核销成功：公交乘车券').waitFor()
  await organizer.waitForTimeout(400) // the result slides in over the scanner: let it finish before the picture
  await organizer.screenshot({ path: shot('verify.png') })
  await organizer.getByRole('button', { name: '核销下一张' }).click()
  expectCloudRefusal('verifyRedemption', 409) // the second scan: CONFLICT, as the contract says
  await organizer.locator('#voucher-code-input input').fill(code)
  await organizer.getByRole('button', { name: '核销', exact: true }).click()
  await organizer.getByText('不能发放奖品').waitFor()
  // the refusal in the desk's language, with when it was used: no English server sentence
  await organizer.getByText(/这张兑换券已于 \d{2}-\d{2} \d{2}:\d{2} 使用过/).waitFor()
})

test("the resident's voucher now shows it collected, with no QR", async () => {
  await resident.reload()
  await resident.waitForFunction(() => document.querySelector('#voucher-status')?.textContent?.trim() === '已领取')
  assert.equal(await resident.getByRole('img', { name: /二维码/ }).count(), 0)
})

test('the resident donates to the tree project and gets a certificate', async () => {
  await resident.goto(`${app.url}/#/pages/rewards/index`)
  await resident.getByText('已筹 0 / 50000 积分 · 0 人参与').waitFor()
  await resident.locator('#donate-pj-trees input').fill('100')
  await resident.getByRole('button', { name: '捐赠给 社区植树' }).click()
  await resident.locator('#certificate-code').waitFor()
  assert.match(await resident.locator('#certificate-body').innerText(), /e2e-carol 于 \d{4}-\d{2}-\d{2} 向「社区植树」捐赠 100 积分/)
  assert.match(await resident.locator('#certificate-code').innerText(), /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/)
  await resident.waitForTimeout(400)
  await resident.screenshot({ path: shot('certificate.png') })
  await assertAccessible(resident, 'the donation certificate')
})

test('the organizer sees the impact of the day and downloads the CSV', async () => {
  await organizer.goto(`${app.url}/#/packages/organizer/pages/stats/index`)
  await organizer.locator('#stats-total').waitFor()
  assert.equal((await organizer.locator('#stats-total').innerText()).trim(), '3.46 千克')
  const download = organizer.waitForEvent('download')
  await organizer.getByRole('button', { name: '导出 CSV' }).click()
  const file = await download
  assert.match(file.suggestedFilename(), /^impact-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
  const { readFile } = await import('node:fs/promises')
  const csv = await readFile(await file.path(), 'utf8')
  assert.ok(csv.startsWith('\uFEFFsection,key,name,gramsCo2e'))
  assert.match(csv, /station,ST-HQ01,社区服务中心回收站,3460,1,,1000,,,,,Community Centre/)
  await organizer.getByText(/已导出 impact-/).waitFor()
  await organizer.screenshot({ path: shot('stats.png') })
})

test("the station display shows a code that changes; a resident's drop with it counts as scanned there", async () => {
  await organizer.goto(`${app.url}/#/pages/me/index`)
  await organizer.getByRole('button', { name: '站点屏幕码' }).click()
  await organizer.getByRole('radio', { name: /社区服务中心/ }).click()
  await organizer.locator('#display-code-text').waitFor()
  const shown = (await organizer.locator('#display-code-text').innerText()).trim()
  assert.match(shown, /^GL1\.ST-HQ01\.\d+\.[0-9A-F]{16}$/)
  assert.equal(await organizer.getByRole('img', { name: /ST-HQ01 的站点屏幕码/ }).count(), 1)
  await organizer.screenshot({ path: shot('station-display.png') })
  await assertAccessible(organizer, 'the station display showing a code')

  await resident.goto(`${app.url}/#/pages/home/index`)
  await resident.getByRole('button', { name: '回收投递', exact: true }).click()
  await resident.locator('#display-code input').fill(shown)
  await resident.getByRole('radio', { name: '纸板' }).click()
  await resident.locator('#weight input').fill('0.5')
  await resident.getByRole('button', { name: '提交打卡' }).click()
  await resident.getByText('已记入 1730 克 CO₂e，获得 173 积分').waitFor()
  await resident.goto(`${app.url}/#/pages/wallet/index`)
  await resident.reload()
  await resident.getByText('纸板 · 已扫站点屏幕').waitFor()
})
