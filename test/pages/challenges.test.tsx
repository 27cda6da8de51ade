import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import ChallengePage from '../../src/packages/community/pages/challenge'
import ChallengesPage from '../../src/pages/challenges'
import { resetAppStore, useAppStore } from '../../src/store'
import { devCaller, inProcessCloud, showPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const as = (handle: string) => devCaller(cloud, handle)

beforeEach(async () => {
  Taro.clearStorageSync()
  cloud = await inProcessCloud()
  resetAppStore()
  testUtils = new TestUtils()
})

afterEach(async () => {
  testUtils.unmout()
  document.body.innerHTML = ''
  await cloud.close()
})

describe('challenges tab', () => {
  it('lets a leader create a group and a challenge, and shows the invite code', async () => {
    await useAppStore.getState().loginWithHandle('leader')
    await testUtils.mount(ChallengesPage, {})
    await showPage(testUtils.act)
    await typeInto(testUtils, '#group-name', '银杏社区')
    await tapLabel(testUtils, '创建小组')
    await testUtils.queries.waitForQueryByText('1 名成员 · 组长')
    const group = useAppStore.getState().groups[0]
    expect(testUtils.queries.querySelector(`#invite-${group.id}`)!.textContent).toBe(group.inviteCode)
    await typeInto(testUtils, '#ch-title', '一周骑行')
    await tapLabel(testUtils, '骑行公里')
    await typeInto(testUtils, '#ch-target', '20')
    await tapLabel(testUtils, '发起挑战 · 银杏社区')
    expect(await testUtils.queries.waitForQueryByText('挑战已发起')).toBeTruthy()
    const [open] = useAppStore.getState().challenges.open
    expect(open).toMatchObject({ title: '一周骑行', metric: 'travelKm', mode: 'bike', targetPerMember: 20, daysLeft: 7 })
    await tapLabel(testUtils, '参加 一周骑行')
    await testUtils.queries.waitForQueryByText('0 / 20 公里')
  })
})

describe('shared invitation', () => {
  it('opens with the invite code from a shared card filled in, and joins with it', async () => {
    const { group } = await (await as('host'))('createGroup', { name: '分享组' })
    await useAppStore.getState().loginWithHandle('guest')
    Current.router = { params: { invite: group.inviteCode }, path: '/pages/challenges/index' } as any
    await testUtils.mount(ChallengesPage, {})
    await showPage(testUtils.act)
    const input = (await testUtils.queries.waitForQuerySelector('#invite-code input')) as HTMLInputElement
    expect(input.value).toBe(group.inviteCode)
    await tapLabel(testUtils, '加入小组')
    await testUtils.queries.waitForQueryByText('分享组')
    expect(useAppStore.getState().groups.map((g) => g.name)).toEqual(['分享组'])
  })
})

describe('challenge page', () => {
  it('shows my progress and the leaderboard with my rank', async () => {
    const lead = await as('lead')
    const { group } = await lead('createGroup', { name: 'G' })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const { challenge } = await lead('createChallenge', {
      groupId: group.id,
      title: '减排周',
      metric: 'gramsCo2e',
      targetPerMember: 1000,
      startDay: today,
      endDay: today,
      bonusPoints: 10,
    })
    await lead('joinChallenge', { challengeId: challenge.id })
    await lead('checkIn', { requestId: 'lead-bus-1', kind: 'travel', mode: 'bus', distanceKm: 10, durationMin: 30 })
    await useAppStore.getState().loginWithHandle('me')
    const me = await as('me')
    await me('joinGroup', { inviteCode: group.inviteCode })
    await me('joinChallenge', { challengeId: challenge.id })
    await me('checkIn', { requestId: 'me-bike-1', kind: 'travel', mode: 'bike', distanceKm: 3, durationMin: 12 })
    Current.router = { params: { id: challenge.id }, path: '/packages/community/pages/challenge/index' } as any
    await testUtils.mount(ChallengePage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('我的排名：第 2 名')).toBeTruthy()
    expect(testUtils.queries.queryByText('99 / 1000 克')).toBeTruthy()
    const rows = Array.from(testUtils.queries.querySelectorAll('.entry')).map((r) => r.textContent)
    expect(rows).toEqual(['1. lead260 克', '2. me99 克'])
  })

  it('says there is no points budget, and lets an organizer fund one from the page', async () => {
    const lead = await as('lead')
    const { group } = await lead('createGroup', { name: 'G' })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const { challenge } = await lead('createChallenge', {
      groupId: group.id,
      title: '打卡周',
      metric: 'checkins',
      targetPerMember: 3,
      startDay: today,
      endDay: today,
      bonusPoints: 25,
    })
    // a city organizer's budgets are drawn from the treasury: points issued into it first
    await (
      await as('organizer')
    )('issuePoints', { requestId: 'issue-for-fund-1', points: 100, reason: '挑战奖励' })
    await useAppStore.getState().loginWithHandle('organizer')
    Current.router = { params: { id: challenge.id }, path: '/packages/community/pages/challenge/index' } as any
    await testUtils.mount(ChallengePage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('这个挑战没有积分预算：完成后获得徽章，不发积分')).toBeTruthy()
    await typeInto(testUtils, '#fund-points', '50')
    await tapLabel(testUtils, '资助')
    expect(await testUtils.queries.waitForQueryByText('奖励积分由组织者资助，还可发放 50 积分')).toBeTruthy()
    expect(testUtils.queries.querySelector('#challenge-reward')!.textContent).toBe('完成奖励 25 积分')
    // the funding is on the books: the audit says so
    const audit = ((await cloud.call('auditEconomy', {}, `Bearer ${useAppStore.getState().session!.token}`)).body as any).result
    expect(audit).toMatchObject({ ok: true, budgetSpent: 0 })
  })

  it('funds only a whole number of points typed as digits, as every other points field reads them', async () => {
    const lead = await as('lead')
    const { group } = await lead('createGroup', { name: 'G' })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    const { challenge } = await lead('createChallenge', {
      groupId: group.id,
      title: '打卡周',
      metric: 'checkins',
      targetPerMember: 3,
      startDay: today,
      endDay: today,
      bonusPoints: 25,
    })
    await useAppStore.getState().loginWithHandle('organizer')
    Current.router = { params: { id: challenge.id }, path: '/packages/community/pages/challenge/index' } as any
    await testUtils.mount(ChallengePage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('这个挑战没有积分预算：完成后获得徽章，不发积分')).toBeTruthy()
    // '1e2' is a number to JavaScript (100), not a whole number a person typed
    await typeInto(testUtils, '#fund-points', '1e2')
    await tapLabel(testUtils, '资助')
    expect(await testUtils.queries.waitForQueryByText('请输入正整数积分')).toBeTruthy()
    const { challenge: after } = await lead('getChallenge', { challengeId: challenge.id })
    expect(after).toMatchObject({ budgetPoints: 0, paysPoints: false })
  })
})
