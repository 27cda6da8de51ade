import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import ReviewPage from '../../src/packages/organizer/pages/review'
import RewardsAdminPage from '../../src/packages/organizer/pages/rewards'
import StatsPage from '../../src/packages/organizer/pages/stats'
import StationDisplayPage from '../../src/packages/organizer/pages/display'
import RecyclingPage from '../../src/pages/recycling'
import CertificatePage from '../../src/packages/rewards/pages/certificate'
import RewardsPage from '../../src/pages/rewards'
import { resetAppStore, useAppStore } from '../../src/store'
import { devCaller, inProcessCloud, showPage, tapLabel, typeInto, waitUntil } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const asHandle = (handle: string) => devCaller(cloud, handle)

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

describe('donations', () => {
  it('donates points to a project and shows a certificate tied to the ledger', async () => {
    await (
      await asHandle('dana')
    )('checkIn', { requestId: 'earn-dana-1', kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    await useAppStore.getState().loginWithHandle('dana')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await testUtils.mount(RewardsPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('已筹 0 / 50000 积分 · 0 人参与')).toBeTruthy()
    await typeInto(testUtils, '#donate-pj-trees', '400')
    await tapLabel(testUtils, '捐赠给 社区植树')
    expect(await testUtils.queries.waitForQueryByText('请输入 1 到余额之间的整数积分')).toBeTruthy()
    await typeInto(testUtils, '#donate-pj-trees', '120')
    await tapLabel(testUtils, '捐赠给 社区植树')
    expect(await testUtils.queries.waitForQueryByText('已筹 120 / 50000 积分 · 1 人参与')).toBeTruthy()
    const url = navigate.mock.calls[0][0].url as string
    const entryId = decodeURIComponent(url.split('entryId=')[1])
    navigate.mockRestore()
    testUtils.unmout()
    document.body.innerHTML = ''

    Current.router = { params: { entryId }, path: '/packages/rewards/pages/certificate/index' } as any
    testUtils = new TestUtils()
    await testUtils.mount(CertificatePage, {})
    await showPage(testUtils.act)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    expect(await testUtils.queries.waitForQueryByText(`dana 于 ${today} 向「社区植树」捐赠 120 积分`)).toBeTruthy()
    const head = (await (await asHandle('dana'))('verifyLedger')).headHash as string
    const code = (await testUtils.queries.waitForQuerySelector('#certificate-code'))!.textContent
    expect(code).toBe(
      head
        .slice(0, 16)
        .toUpperCase()
        .replace(/(.{4})(?=.)/g, '$1-'),
    )
  })
})

describe('organizer console', () => {
  it('reverses a flagged check-in from the review queue', async () => {
    const heavy = (
      await (
        await asHandle('erin')
      )('checkIn', { requestId: 'heavy-erin-1', kind: 'recycling', material: 'paper', weightKg: 9, stationCode: 'ST-HQ01' })
    ).entry
    await useAppStore.getState().loginWithHandle('organizer')
    await testUtils.mount(ReviewPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('单次重量接近每日上限')).toBeTruthy()
    // a typed station code: self-reported, so credited up to half the paper cap
    expect(testUtils.queries.queryByText(`纸张 9 kg @ ST-HQ01 (手填站点码) · ${heavy.gramsCo2e} g · +${heavy.points}`)).toBeTruthy()
    await tapLabel(testUtils, '撤销 erin 的打卡')
    expect(await testUtils.queries.waitForQueryByText('没有待审核的打卡')).toBeTruthy()
    expect((await (await asHandle('erin'))('getWallet')).wallet).toMatchObject({ gramsCo2eTotal: 0, pointsBalance: 0 })
  })

  it('shows the week’s totals and a bar per day', async () => {
    await (
      await asHandle('fay')
    )('checkIn', { requestId: 'fay-bike-1', kind: 'travel', mode: 'bike', distanceKm: 10, durationMin: 40 })
    await useAppStore.getState().loginWithHandle('organizer')
    await testUtils.mount(StatsPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('0.33 千克')).toBeTruthy()
    const bars = testUtils.queries.querySelectorAll('.daybars__col')
    expect(bars.length).toBe(7)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    expect(bars[6].getAttribute('aria-label')).toBe(`${today} 330 克`)
    await tapLabel(testUtils, '近 30 天')
    await testUtils.queries.waitForQuerySelector('.daybars__col:nth-child(30)')
    expect(testUtils.queries.querySelectorAll('.daybars__col').length).toBe(30)
  })
})

describe('station display', () => {
  it("shows the station's rotating code as a QR; a resident's drop with it counts as scanned at the station", async () => {
    await useAppStore.getState().loginWithHandle('organizer')
    await testUtils.mount(StationDisplayPage, {})
    await showPage(testUtils.act)
    await tapLabel(testUtils, '社区服务中心回收站')
    for (let i = 0; i < 40 && !testUtils.queries.querySelector('#display-code-text'); i++) await new Promise((r) => setTimeout(r, 50))
    const code = testUtils.queries.querySelector('#display-code-text')!.textContent!
    expect(testUtils.queries.querySelector('.display__left')!.textContent).toMatch(/^\d+ 秒后更新$/)
    expect(code).toMatch(/^GL1\.ST-HQ01\.\d+\.[0-9A-F]{16}$/)
    expect(testUtils.queries.querySelector('[role="img"]')!.getAttribute('data-qr-text')).toBe(code)
    testUtils.unmout()
    document.body.innerHTML = ''

    // the resident types (or scans) the code: the station fills itself in, and the drop is station-display
    await useAppStore.getState().loginWithHandle('rita')
    await useAppStore.getState().loadCatalogue()
    testUtils = new TestUtils()
    await testUtils.mount(RecyclingPage, {})
    await typeInto(testUtils, '#display-code', code)
    await tapLabel(testUtils, '纸板')
    await typeInto(testUtils, '#weight', '6')
    await tapLabel(testUtils, '提交打卡')
    expect(await testUtils.queries.waitForQueryByText('已记入 20760 克 CO₂e，获得 2076 积分')).toBeTruthy()
    const mine = ((await cloud.call('listLedger', {}, `Bearer ${useAppStore.getState().session!.token}`)).body as any).result.entries
    expect(mine[0]).toMatchObject({ stationCode: 'ST-HQ01', evidence: 'station-display', gramsCo2e: 20_760 })
  })
})

describe('reward editing', () => {
  // The form sends the stock it showed (contract `stockWas`): what the organizer changed moves the stock.
  it('keeps the vouchers redeemed while the edit form was open', async () => {
    const organizer = await asHandle('organizer')
    const { reward } = await organizer('upsertReward', { title: '帆布袋', pointsCost: 5, stock: 10, perUserLimit: 5 })
    await useAppStore.getState().loginWithHandle('organizer')
    await testUtils.mount(RewardsAdminPage, {})
    await showPage(testUtils.act)
    await tapLabel(testUtils, '编辑 帆布袋')
    // While the form shows 10, a resident redeems two.
    const ann = await asHandle('ann')
    await ann('checkIn', { requestId: 'earn-ann-1', kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    for (const n of [1, 2]) await ann('redeem', { requestId: `redeem-ann-${n}`, rewardId: reward.id })
    // The organizer adds two (types 12) and saves: 8 left + 2, not 12.
    await typeInto(testUtils, '#reward-stock', '12')
    await tapLabel(testUtils, '保存')
    expect(await testUtils.queries.waitForQueryByText('已保存')).toBeTruthy()
    const stored = (await organizer('listRewards')).rewards.find((r: { id: string }) => r.id === reward.id)
    expect(stored.stock).toBe(10)
    // and the list the organizer returns to says so
    await waitUntil(() => document.body.textContent?.includes('剩余 10 件') ?? false)
  })
})
