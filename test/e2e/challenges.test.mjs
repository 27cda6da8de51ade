// A leader creates a group and a challenge; a second resident in another browser context joins with the
// invite code and checks in; both see the leaderboard change.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { assertAccessible, assertNoProblems, launchBrowser, login, phoneContext, startApp, shot } from './support.mjs'

let app
let browser
let leader
let member
let inviteCode

before(async () => {
  app = await startApp()
  browser = await launchBrowser()
  leader = await (await phoneContext(browser)).newPage()
  member = await (await phoneContext(browser)).newPage()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

afterEach(assertNoProblems)

test('a leader creates a group and a challenge', async () => {
  await login(leader, app.url, 'e2e-leader')
  await leader.goto(`${app.url}/#/pages/challenges/index`)
  await leader.locator('#group-name input').fill('梧桐社区 Plane-tree')
  await leader.getByRole('button', { name: '创建小组' }).click()
  await leader.getByText('1 名成员 · 组长').waitFor()
  inviteCode = (await leader.locator('[id^="invite-gp_"]').innerText()).trim()
  assert.match(inviteCode, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)
  await leader.locator('#ch-title input').fill('地铁周 Metro week')
  await leader.locator('#ch-target input').fill('500')
  await leader.getByRole('button', { name: '发起挑战 · 梧桐社区 Plane-tree' }).click()
  await leader.getByText('挑战已发起').waitFor()
  await leader.getByRole('button', { name: '参加 地铁周 Metro week' }).click()
  await leader.getByText('0 / 500 克').waitFor()
})

test('a second resident joins with the code, checks in, and both boards change', async () => {
  await login(member, app.url, 'e2e-member')
  await member.goto(`${app.url}/#/pages/challenges/index`)
  await member.locator('#invite-code input').fill(inviteCode.toLowerCase())
  await member.getByRole('button', { name: '加入小组' }).click()
  await member.getByRole('button', { name: '参加 地铁周 Metro week' }).click()
  await member.getByText('0 / 500 克').waitFor()

  await member.goto(`${app.url}/#/pages/home/index`)
  await member.reload()
  await member.getByRole('button', { name: '绿色出行', exact: true }).click()
  await member.getByRole('radio', { name: '地铁' }).click()
  await member.locator('#distance input').fill('5')
  await member.locator('#duration input').fill('10')
  await member.getByRole('button', { name: '提交打卡' }).click()
  await member.getByText('已记入 230 克 CO₂e').waitFor()

  await member.goto(`${app.url}/#/pages/challenges/index`)
  await member.reload()
  await member.getByRole('link', { name: '地铁周 Metro week' }).click()
  await member.locator('#my-rank').waitFor()
  assert.equal((await member.locator('#my-rank').innerText()).trim(), '我的排名：第 1 名')

  await leader.goto(`${app.url}/#/pages/challenges/index`)
  await leader.reload()
  await leader.getByRole('link', { name: '地铁周 Metro week' }).click()
  await leader.getByText('1. e2e-member').waitFor()
  assert.equal((await leader.locator('#my-rank').innerText()).trim(), '我的排名：第 2 名')
  await leader.waitForTimeout(400)
  await leader.screenshot({ path: shot('challenge.png') })
  await assertAccessible(leader, 'the challenge and its board')
})
