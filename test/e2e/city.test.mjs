// An organizer sets up a city from nothing in the browser (communities, a station with its printed QR, a
// project, a community organizer), residents of two communities join theirs and see only their community's
// reward, and the public pages work without logging in and show no one's data.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { appNow, assertAccessible, assertNoProblems, expectCloudRefusal, launchBrowser, login, phoneContext, startApp, shot } from './support.mjs'

let app
let browser
let city
let lead
let east
let west
let certificateCode
/** 东湖岸边 (WGS-84), where the lake clean-up is held */
const LAKE = { latitude: 30.5535, longitude: 114.3711 }

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
  city = await (await phoneContext(browser)).newPage()
  // The organizer stands at the lake when placing the event; the east resident is ~110 m from it when checking in.
  lead = await (await phoneContext(browser, 'zh-CN', { geolocation: LAKE, permissions: ['geolocation'] })).newPage()
  east = await (
    await phoneContext(browser, 'zh-CN', { geolocation: { latitude: LAKE.latitude + 0.001, longitude: LAKE.longitude }, permissions: ['geolocation'] })
  ).newPage()
  west = await (await phoneContext(browser)).newPage()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

async function openFromMe(page, button) {
  // A full load of the Me tab rather than a hash change from whatever page is on screen: under load, Taro's
  // H5 router could leave the tab blank when the hash changed while a pushed page was still sliding in (a CI
  // run on a busy machine). People reach Me by its tab; the test only needs to start from it.
  await page.goto('about:blank')
  await page.goto(`${app.url}/#/pages/me/index`)
  await page.locator('#me-nickname').waitFor()
  await page.getByRole('button', { name: button }).first().click()
}

test('a city organizer opens two communities and appoints a community organizer by their id', async () => {
  await login(city, app.url, 'organizer')
  await openFromMe(city, '社区与组织者')
  await city.getByText('你管理全市').waitFor()
  for (const name of ['东湖社区', '西山社区']) {
    await city.getByRole('button', { name: '新建社区' }).click()
    await city.locator('#community-name input').fill(name)
    await city.getByRole('button', { name: '保存', exact: true }).click()
    await city.locator('.card__title', { hasText: name }).waitFor()
  }
  // The person to appoint reads their id on their own Me page.
  await login(lead, app.url, 'e2e-lead')
  await lead.goto(`${app.url}/#/pages/me/index`)
  const leadId = (await lead.locator('#me-openid').innerText()).replace(/^ID\s*/, '').trim()
  assert.match(leadId, /^o_/)
  await city.locator('#appoint-openid input').fill(leadId)
  await city.getByRole('radiogroup', { name: '管理的社区' }).getByRole('radio', { name: '东湖社区' }).click()
  await city.getByRole('button', { name: '任命社区组织者' }).click()
  await city.getByText('已任命：对方下次操作时生效').waitFor()
  await city.getByRole('button', { name: '东湖社区 的加入二维码' }).click()
  await city.getByRole('img', { name: '东湖社区 的加入二维码' }).waitFor()
})

test('the community organizer adds a station to their community and prints its QR sign', async () => {
  await lead.reload()
  await openFromMe(lead, '回收站点')
  await lead.getByText('你管理 东湖社区').waitFor()
  await lead.getByRole('button', { name: '新建站点' }).click()
  await lead.locator('#station-code input').fill('ST-EH01')
  await lead.locator('#station-name input').fill('东湖回收亭')
  await lead.locator('#station-address input').fill('东湖路 8 号')
  await lead.locator('#station-hours input').fill('07:00–21:00')
  await lead.getByRole('checkbox', { name: '塑料' }).click()
  // a community organizer is not offered another community
  assert.equal(await lead.getByRole('radiogroup', { name: '所属社区' }).count(), 0)
  await lead.getByRole('button', { name: '保存', exact: true }).click()
  const row = lead.locator('#station-ST-EH01')
  await row.getByText('ST-EH01 · 东湖社区').waitFor()
  await row.getByText('纸张、塑料').waitFor()
  // The city's seeded stations belong to the city: not in this organizer's list.
  assert.equal(await lead.locator('#station-ST-HQ01').count(), 0)
  await lead.screenshot({ path: shot('stations.png') })

  await row.getByRole('button', { name: '打印 东湖回收亭 的二维码' }).click()
  const qr = lead.getByRole('img', { name: '东湖回收亭 的站点二维码' })
  await qr.waitFor()
  assert.equal(await qr.getAttribute('data-qr-text'), 'pages/recycling/index?station=ST-EH01')
  await lead.locator('.station-sign').getByText('东湖路 8 号').waitFor()
  await lead.waitForTimeout(400)
  await lead.screenshot({ path: shot('station-sign.png') })
  await assertAccessible(lead, 'the station sign')

  // …and stocks a reward for their community only.
  await openFromMe(lead, '奖品管理')
  await lead.getByRole('button', { name: '新建奖品' }).click()
  await lead.locator('#reward-title input').fill('东湖茶饮券')
  await lead.locator('#reward-cost input').fill('10')
  await lead.locator('#reward-stock input').fill('5')
  await lead.getByRole('button', { name: '保存', exact: true }).click()
  await lead.getByText('东湖茶饮券').waitFor()
})

test('the city organizer opens a public-good project', async () => {
  await openFromMe(city, '公益项目')
  await city.getByRole('button', { name: '新建公益项目' }).click()
  await city.locator('#project-title input').fill('湿地修复')
  await city.locator('#project-goal input').fill('2000')
  await city.getByRole('button', { name: '保存', exact: true }).click()
  await city.getByText('湿地修复').waitFor()
  await city.getByText('已筹 0 / 2000 积分 · 0 人捐赠').first().waitFor()
})

test('residents join their communities (one from the list, one from the join QR) and see only their own reward', async () => {
  await login(east, app.url, 'e2e-east')
  await openFromMe(east, '我的社区')
  await east.getByRole('radio', { name: '东湖社区' }).click()
  await east.getByRole('button', { name: '加入这个社区' }).click()
  await east.getByText('已加入 东湖社区').waitFor()
  await east.getByText('你属于 东湖社区').waitFor()
  await east.getByText(/起可再次更换/).waitFor()

  await login(west, app.url, 'e2e-west')
  const westId = await west.evaluate(async () => {
    const res = await fetch('/cloud/listCommunities', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data: {} }) })
    return (await res.json()).result.communities.find((c) => c.name === '西山社区').id
  })
  await west.goto(`${app.url}/#/packages/me/pages/community/index?community=${westId}`)
  await west.getByRole('radio', { name: '西山社区', checked: true }).waitFor()
  await west.getByRole('button', { name: '加入这个社区' }).click()
  await west.getByText('你属于 西山社区').waitFor()

  await east.goto(`${app.url}/#/pages/rewards/index`)
  await east.getByText('东湖茶饮券').waitFor()
  await west.goto(`${app.url}/#/pages/rewards/index`)
  await west.getByText('公交乘车券', { exact: true }).waitFor()
  assert.equal(await west.getByText('东湖茶饮券').count(), 0)

  // The east resident drops at the new station (typed) and gives to the new project.
  await east.goto(`${app.url}/#/pages/recycling/index`)
  await east.getByRole('radio', { name: /东湖回收亭/ }).click()
  await east.getByRole('radio', { name: '纸张' }).click()
  await east.locator('#weight input').fill('2')
  await east.getByRole('button', { name: '提交打卡' }).click()
  await east.getByText(/获得 \d+ 积分/).waitFor()
  await east.goto(`${app.url}/#/pages/rewards/index`)
  await east.locator('#donate-pj-trees input').waitFor()
  const projectInput = east.locator('[id^="donate-pj_"] input').first()
  await projectInput.fill('20')
  await east.getByRole('button', { name: '捐赠给 湿地修复' }).click()
  await east.locator('#certificate-code').waitFor()
  certificateCode = (await east.locator('#certificate-code').innerText()).trim()
  assert.match(certificateCode, /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/)
})

/** Today's Asia/Shanghai date and a clock `minutes` from now, clamped to the day (the form takes one day). */
function shanghaiClock(minutes) {
  const shanghai = new Date(appNow() + 8 * 3_600_000 + minutes * 60_000)
  const day = new Date(appNow() + 8 * 3_600_000).toISOString().slice(0, 10)
  const clock = shanghai.toISOString().slice(0, 10) === day ? shanghai.toISOString().slice(11, 16) : minutes < 0 ? '00:00' : '23:59'
  return { day, clock }
}

test('the city organizer issues points into the treasury and gives 东湖社区 an allowance; its organizer sees it', async () => {
  await openFromMe(city, '城市积分库')
  await city.locator('#issue-points input').fill('5000')
  await city.locator('#issue-reason input').fill('十二月社区活动预算')
  await city.getByRole('button', { name: '发行', exact: true }).click()
  await city.getByText('已发行 5000 积分').waitFor()
  await city.getByRole('radiogroup', { name: '拨给' }).getByRole('radio', { name: '东湖社区' }).click()
  await city.locator('#allocate-points input').fill('500')
  await city.locator('#allocate-reason input').fill('东湖社区活动')
  await city.getByRole('button', { name: '分配', exact: true }).click()
  await city.getByText('已向 东湖社区 分配 500 积分').waitFor()
  await city.locator('#treasury-issuances').getByText('十二月社区活动预算').waitFor()
  await city.locator('#treasury-month').scrollIntoViewIfNeeded()
  await city.locator('#treasury-month').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await city.waitForTimeout(300)
  await city.screenshot({ path: shot('treasury.png') })
  await assertAccessible(city, 'the treasury page')
  // The community organizer sees their allowance, and no form to fill their own purse.
  await openFromMe(lead, '城市积分库')
  await lead.getByText('东湖社区 的额度').waitFor()
  await lead.getByText('已拨 500 · 已用 0 · 剩余 500 积分').waitFor()
  assert.equal(await lead.locator('#issue-form').count(), 0)
  assert.equal(await lead.locator('#allocate-form').count(), 0)
})

test('the community organizer runs an event: residents of that community see it, sign up and check in on site with the rotating code', async () => {
  await openFromMe(lead, '公益活动')
  await lead.getByRole('button', { name: '发布活动' }).click()
  const start = shanghaiClock(-10)
  await lead.locator('#event-title input').fill('湖边清洁')
  await lead.locator('#event-place input').fill('东湖岸边')
  await lead.locator('#event-day input').fill(start.day)
  await lead.locator('#event-start input').fill(start.clock)
  await lead.locator('#event-end input').fill(shanghaiClock(60).clock)
  await lead.locator('#event-slots input').fill('2')
  await lead.locator('#event-reward input').fill('15')
  await lead.getByText('预算 30 积分：名额 × 奖励，发布时由你资助').waitFor()
  await lead.getByText('可用于预算：社区额度剩余 500 积分').waitFor()
  // Attendance is checked on site: the event's place is where the organizer's phone stands now.
  await lead.getByRole('checkbox', { name: '签到需在现场定位' }).click()
  await lead.getByRole('button', { name: '使用我当前的位置' }).click()
  await lead.waitForFunction(() => document.querySelector('#event-latitude input')?.value?.startsWith('30.55'))
  await lead.locator('#event-form').getByRole('button', { name: '发布活动' }).click()
  await lead.getByText('已发布 湖边清洁').waitFor()
  await lead.getByText('签到需定位（300 米内）').first().waitFor()
  await lead.getByText('东湖社区 · 已报名 0 / 2 · 每人 15 积分').waitFor()

  // Home tells the east resident; the west resident's community has nothing.
  await east.goto(`${app.url}/#/pages/home/index`)
  await east.reload()
  await east.getByRole('link', { name: '社区活动：1 场即将举行' }).click()
  await east.getByRole('button', { name: '报名 湖边清洁' }).click()
  await east.getByText('已报名 湖边清洁。活动开始前 2 小时内不能取消。').waitFor()
  await west.goto(`${app.url}/#/packages/community/pages/events/index`)
  await west.getByText('近期没有你所在社区的活动。').waitFor()
  assert.equal(await west.getByText('湖边清洁').count(), 0)

  await lead.getByRole('button', { name: '显示 湖边清洁 的签到码' }).click()
  await lead.getByRole('img', { name: '湖边清洁 的签到码，每 30 秒更新' }).waitFor()
  const code = (await lead.locator('#event-code-text').innerText()).trim()
  assert.match(code, /^GLE\./)
  await lead.waitForTimeout(300)
  await lead.screenshot({ path: shot('event-code.png') })
  await east.locator('#event-code input').fill(code)
  await east.getByRole('button', { name: '签到', exact: true }).click()
  // The phone's position goes with the code (the browser's geolocation): 111 m from the lake, inside 300 m.
  await east.getByText('签到成功：湖边清洁，获得 15 积分').waitFor()
  await east.getByText('已签到').waitFor()
  await east.screenshot({ path: shot('events.png') })
  await assertAccessible(east, 'the events page')
})

test('anyone, without logging in, sees the city dashboard and verifies the certificate; no one is named', async () => {
  const visitor = await (await phoneContext(browser)).newPage()
  await visitor.goto(`${app.url}/#/packages/public/pages/city/index`)
  await visitor.locator('#city-week').waitFor()
  // Each community has one or two residents taking part: too few to show alone, so they show only together.
  await visitor.getByText('其他社区').waitFor()
  await visitor.getByText('参与居民不足 5 人的 2 个社区合计（不单独公开，以免认出个人）').waitFor()
  assert.equal(await visitor.getByText('东湖社区').count(), 0)
  // the treasury's issuance this month, for anyone to see
  await visitor.getByText(/：发行 5000 积分/).waitFor()
  await visitor.locator('#city-project-pj-trees').waitFor()
  await visitor.getByText('湿地修复').waitFor()
  const residents = Number(await visitor.locator('#city-residents .city__value').innerText())
  assert.ok(residents >= 1, `residents taking part: ${residents}`)
  // The visitor agreed to nothing and has no session: nothing about a person was asked for or shown.
  const text = await visitor.locator('.taro_page:visible').innerText()
  for (const who of ['e2e-east', 'e2e-west', 'e2e-lead']) assert.ok(!text.includes(who), `${who} appears on the public page`)
  assert.equal(await visitor.evaluate(() => localStorage.getItem('glp.session.v1')), null)
  await visitor.waitForTimeout(300)
  await visitor.screenshot({ path: shot('city-dashboard.png') })
  await assertAccessible(visitor, 'the city dashboard')

  await visitor.getByRole('button', { name: '查验一张捐赠证书' }).click()
  await visitor.locator('#verify-code input').fill(certificateCode.toLowerCase())
  await visitor.getByRole('button', { name: '查验', exact: true }).click()
  const result = visitor.locator('#verify-result')
  await result.getByText('✓ 真实有效').waitFor()
  await result.getByText('捐给：湿地修复').waitFor()
  await result.getByText('20 积分').waitFor()
  assert.ok(!(await result.innerText()).includes('e2e-east'))
  await visitor.screenshot({ path: shot('verify-certificate.png') })
  await assertAccessible(visitor, 'the certificate check')

  await visitor.locator('#verify-code input').fill('0000-0000-0000-0000')
  await visitor.getByRole('button', { name: '查验', exact: true }).click()
  await result.getByText('✗ 无法证实').waitFor()
})

test('the community organizer retires the station: a drop there is refused, its history stays', async () => {
  await openFromMe(lead, '回收站点')
  await lead.getByRole('button', { name: '停用 东湖回收亭' }).click()
  await lead.getByText('停用后 东湖回收亭 不再接收投放，且不能恢复；历史记录保留。').waitFor()
  await lead.getByRole('button', { name: '确认停用 东湖回收亭' }).click()
  await lead.getByText('东湖回收亭 已停用：不再接收投放，历史记录保留').waitFor()
  await lead
    .locator('#station-ST-EH01')
    .getByText(/已停用（\d{4}-\d{2}-\d{2}）/)
    .waitFor()
  // A phone that listed the station before it was retired is refused, and told why…
  await east.goto(`${app.url}/#/pages/recycling/index`)
  await east.getByRole('radio', { name: /东湖回收亭/ }).click()
  await east.getByRole('radio', { name: '纸张' }).click()
  await east.locator('#weight input').fill('1')
  expectCloudRefusal('checkIn', 409)
  await east.getByRole('button', { name: '提交打卡' }).click()
  await east.getByText(/东湖回收亭）已于 \d{4}-\d{2}-\d{2} 停用，请到其他站点投递/).waitFor()
  // …and a fresh start no longer lists it.
  await east.reload()
  await east.locator('#weight').waitFor()
  await east.getByRole('radio', { name: /社区服务中心/ }).waitFor()
  assert.equal(await east.getByRole('radio', { name: /东湖回收亭/ }).count(), 0)
  // the drop made there and the donation stay in the resident's chain, which still verifies
  await east.goto(`${app.url}/#/pages/wallet/index`)
  await east.getByRole('button', { name: '校验我的账本' }).click()
  await east.getByText('账本完整：3 条记录，哈希链校验通过').waitFor()
})
