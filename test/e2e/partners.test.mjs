// Issue 24 in the browser: a city organizer registers a bike-share operator, a smart bin and a café; a resident
// links the operator and the bin; the operator's trips and the bin's weighing reach the wallet at their evidence
// levels (a re-sent batch changes nothing); the café's staff hand out their own offer's voucher and refuse
// another merchant's; the resident checks in "own cup" at the café's venue with its scene code; the public
// dashboard shows the grams by evidence level. The partners' side is signed here, as a partner's server would.
import assert from 'node:assert/strict'
import { createHmac, randomBytes } from 'node:crypto'
import { after, afterEach, before, test } from 'node:test'
import { appNow, assertNoProblems, expectCloudRefusal, launchBrowser, login, phoneContext, shot, startApp } from './support.mjs'

let app
let browser
let organizer
let resident
let staff
const partners = {}

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
  organizer = await (await phoneContext(browser)).newPage()
  resident = await (await phoneContext(browser)).newPage()
  staff = await (await phoneContext(browser)).newPage()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

/** A call to the cloud as the app makes it, for what this test sets up around the pages it drives. */
async function cloud(name, data, token) {
  const res = await fetch(`${app.url}/cloud/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ data }),
  })
  const body = await res.json()
  if (body.error) throw new Error(`${name}: ${body.error.code} ${body.error.message}`)
  return body.result
}
const tokenOf = async (handle) => (await cloud('login', { code: `dev:${handle}` })).token

/** A signed partner request, by docs/partner-api.md: HMAC-SHA256 over method, path, timestamp, nonce and body. */
async function partnerPost(partner, op, rows) {
  const path = `/partner/v1/${op}`
  const body = JSON.stringify({ rows })
  // the cloud runs on the app's clock (noon in Shanghai): a partner's clock must agree with it within 5 minutes
  const timestamp = Math.floor(appNow() / 1000)
  const nonce = randomBytes(16).toString('hex')
  const signature = createHmac('sha256', partner.secret).update(`POST\n${path}\n${timestamp}\n${nonce}\n${body}\n`).digest('hex')
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `GLP-HMAC-SHA256 partner="${partner.id}",timestamp="${timestamp}",nonce="${nonce}",signature="${signature}"`,
    },
    body,
  })
  const answer = await res.json()
  assert.equal(res.status, 200, JSON.stringify(answer))
  return answer.result.rows
}

/** Registers one partner on the organizer's page and reads its id and its secret, shown once. */
async function register(name, kindLabel, stationLabel) {
  await organizer.locator('#partner-name input').fill(name)
  await organizer.getByRole('radio', { name: kindLabel, exact: true }).click()
  if (stationLabel) await organizer.getByRole('checkbox', { name: stationLabel }).click()
  await organizer.getByRole('button', { name: '登记并生成密钥' }).click()
  await organizer.getByText(`已登记 ${name}`).waitFor()
  // its secret box: shown on this page once, beside the others registered here
  const value = organizer.locator('.partner-secret', { hasText: `${name} 的签名密钥` }).locator('[id^="partner-secret-value-"]')
  const id = (await value.getAttribute('id')).replace('partner-secret-value-', '')
  const secret = (await value.innerText()).trim()
  return { id, secret }
}

test('a city organizer registers a bike-share operator, a smart bin and a café, each secret shown once', async () => {
  await login(organizer, app.url, 'organizer')
  await organizer.goto(`${app.url}/#/packages/organizer/pages/partners/index`)
  await organizer.getByText('还没有合作方。').waitFor()
  partners.bike = await register('哈啰单车', '共享单车')
  partners.bin = await register('小黄狗回收', '智能回收箱', '社区服务中心回收站（ST-HQ01）')
  partners.cafe = await register('街角咖啡', '商户')
  for (const p of Object.values(partners)) assert.match(p.secret, /^[A-Za-z0-9_-]{43}$/)
  await organizer.screenshot({ path: shot('partners-admin.png') })
})

test('a resident links the operator and the bin, and their trip and weighing reach the wallet at their evidence', async () => {
  await login(resident, app.url, 'e2e-ann')
  await resident.goto(`${app.url}/#/packages/me/pages/partners/index`)
  for (const [key, name, userId] of [
    ['bike', '哈啰单车', 'hb-42'],
    ['bin', '小黄狗回收', 'bin-7'],
  ]) {
    await resident.getByRole('button', { name: `为 ${name} 生成关联码` }).click()
    const code = (await resident.locator('#link-code').innerText()).replace(/\s/g, '')
    assert.match(code, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
    const [linked] = await partnerPost(partners[key], 'link', [{ rowId: `link-${userId}`, linkCode: code, partnerUserId: userId }])
    assert.equal(linked.status, 'accepted', JSON.stringify(linked))
    await resident.getByRole('button', { name: '我已在对方完成关联，刷新' }).click()
    await resident
      .locator(`#partner-status-${partners[key].id}`)
      .getByText(/已关联/)
      .waitFor()
  }

  const endMs = appNow() - 10 * 60_000
  const trip = {
    rowId: 'ride-1001',
    partnerUserId: 'hb-42',
    mode: 'bike',
    distanceKm: 3,
    startedAt: new Date(endMs - 15 * 60_000).toISOString(),
    endedAt: new Date(endMs).toISOString(),
  }
  assert.equal((await partnerPost(partners.bike, 'trips', [trip]))[0].status, 'accepted')
  const weighing = { rowId: 'w-1', partnerUserId: 'bin-7', stationCode: 'ST-HQ01', material: 'paper', weightG: 1200, weighedAt: new Date(endMs).toISOString() }
  assert.equal((await partnerPost(partners.bin, 'weights', [weighing]))[0].status, 'accepted')
  const ann = await tokenOf('e2e-ann')
  const before = (await cloud('getWallet', {}, ann)).wallet
  // the same batch again, as a partner's retry would send it: answered duplicate, nothing credited twice
  const again = await partnerPost(partners.bike, 'trips', [trip])
  assert.equal(again[0].status, 'duplicate')
  assert.deepEqual((await cloud('getWallet', {}, ann)).wallet, before)

  await resident.goto(`${app.url}/#/pages/wallet/index`)
  await resident
    .getByText(/运营方数据/)
    .first()
    .waitFor()
  await resident.getByText(/称重/).first().waitFor()
  await resident.screenshot({ path: shot('wallet-partners.png') })
})

test("the café's staff hand out a voucher for their own offer and are refused another merchant's", async () => {
  const city = await tokenOf('organizer')
  const barista = await tokenOf('e2e-barista')
  const baristaId = (await cloud('login', { code: 'dev:e2e-barista' })).openid
  const counter = { address: '滨河路 20 号', openingHours: '08:00–20:00', latitude: 28.87, longitude: 105.44 }
  await cloud('upsertMerchant', { merchantId: partners.cafe.id, ...counter }, city)
  await cloud('appointMerchantStaff', { merchantId: partners.cafe.id, openid: baristaId }, city)
  const latte = (await cloud('upsertOffer', { merchantId: partners.cafe.id, title: '自带杯拿铁', pointsCost: 30, stock: 10, subsidyFen: 500 }, city)).reward
  const bakery = (await cloud('registerPartner', { name: '城南面包', kind: 'merchant', feeds: [] }, city)).partner
  await cloud('upsertMerchant', { merchantId: bakery.id, ...counter }, city)
  const loaf = (await cloud('upsertOffer', { merchantId: bakery.id, title: '全麦面包', pointsCost: 40, stock: 10, subsidyFen: 300 }, city)).reward
  const ann = await tokenOf('e2e-ann')
  const mine = (await cloud('redeem', { requestId: 'e2e-redeem-latte', rewardId: latte.id }, ann)).redemption
  const theirs = (await cloud('redeem', { requestId: 'e2e-redeem-loaf', rewardId: loaf.id }, ann)).redemption
  assert.ok(barista)

  await login(staff, app.url, 'e2e-barista')
  await staff.goto(`${app.url}/#/packages/merchant/pages/desk/index`)
  await staff.locator('#merchant-code-input input').fill(theirs.code)
  // another merchant's voucher is answered NOT_FOUND: the browser logs that 404, and this test expects it
  expectCloudRefusal('verifyOffer', 404)
  await staff.getByRole('button', { name: '核销', exact: true }).click()
  await staff.getByText('这张券不是本店优惠的兑换券，请不要发放任何物品。').waitFor()
  await staff.getByRole('button', { name: '核销下一张' }).click()
  await staff.locator('#merchant-code-input input').fill(mine.code)
  await staff.getByRole('button', { name: '核销', exact: true }).click()
  await staff.getByText('可以发放：自带杯拿铁').first().waitFor()
  await staff.screenshot({ path: shot('merchant-desk.png') })
  const statuses = Object.fromEntries((await cloud('listMyRedemptions', {}, ann)).redemptions.map((r) => [r.id, r.status]))
  assert.deepEqual([statuses[mine.id], statuses[theirs.id]], ['fulfilled', 'pending'])
})

test("a resident checks in 'own cup' at the café with its scene code, and the dashboard shows grams by evidence", async () => {
  const city = await tokenOf('organizer')
  await cloud('upsertStation', { code: 'CAFE-E2E', name: '街角咖啡', address: '滨河路 20 号', materials: [], behaviours: ['cup'] }, city)
  const { code } = await cloud('stationDisplayCode', { stationCode: 'CAFE-E2E' }, city)
  await resident.goto(`${app.url}/#/packages/me/pages/scene/index`)
  await resident.locator('#scene-code input').fill(code)
  await resident.getByRole('radio', { name: '自带杯', exact: true }).click()
  await resident.getByRole('button', { name: '提交打卡' }).click()
  await resident.getByText(/获得 \d+ 积分/).waitFor()
  await resident.screenshot({ path: shot('scene.png') })

  await resident.goto(`${app.url}/#/packages/public/pages/city/index`)
  const level = async (id) => (await resident.locator(`#city-evidence-${id}`).innerText()).trim()
  await resident.locator('#city-evidence-operator').waitFor()
  // the dashboard caches its answer for 10 s: the scene's grams show on a later refresh at the latest
  for (let i = 0; i < 30 && /：0%/.test(await level('venue-display')); i++) await resident.waitForTimeout(1_000)
  for (const [id, name] of [
    ['operator', '运营方数据'],
    ['scale', '称重数据'],
    ['venue-display', '场所动态码'],
  ]) {
    assert.match(await level(id), new RegExp(`^${name}：[1-9]\\d*%（\\d+\\.\\d{2} kg）$`))
  }
  await resident.screenshot({ path: shot('city-evidence.png') })
})
