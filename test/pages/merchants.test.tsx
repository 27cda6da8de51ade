import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import RewardsPage from '../../src/pages/rewards'
import MerchantPlacePage from '../../src/packages/merchant/pages/place'
import MerchantDeskPage from '../../src/packages/merchant/pages/desk'
import ManageMerchantPage from '../../src/packages/merchant/pages/manage'
import { shanghaiMonth } from '../../src/core/treasury'
import { resetAppStore, useAppStore } from '../../src/store'
import { devCaller, inProcessCloud, showPage, tapLabel, typeInto, waitUntil } from './cloudHarness'
import { useMerchantStore } from '../../src/packages/merchant/store'

let cloud: Cloud
let testUtils: TestUtils
let vouchers: { cafe: string; bakery: string; city: string }
let cafeId: string

const asHandle = (handle: string) => devCaller(cloud, handle)
const openidOf = async (handle: string) => ((await cloud.call('login', { code: `dev:${handle}` })).body as any).result.openid as string

beforeEach(async () => {
  Taro.clearStorageSync()
  cloud = await inProcessCloud()
  resetAppStore()
  const city = await asHandle('organizer')
  const cafe = (await city('registerPartner', { name: '街角咖啡', kind: 'merchant', feeds: [] })).partner
  const bakery = (await city('registerPartner', { name: '城南面包', kind: 'merchant', feeds: [] })).partner
  await city('upsertMerchant', { merchantId: cafe.id, address: '东湖路 8 号', openingHours: '08:00–20:00', latitude: 30.5728, longitude: 104.0668 })
  await city('upsertMerchant', { merchantId: bakery.id, address: '人民南路 99 号', openingHours: '07:00–19:00', latitude: 30.6415, longitude: 104.0633 })
  await asHandle('cafe')
  await asHandle('baker')
  await city('appointMerchantStaff', { merchantId: cafe.id, openid: await openidOf('cafe') })
  await city('appointMerchantStaff', { merchantId: bakery.id, openid: await openidOf('baker') })
  cafeId = cafe.id
  const latte = (await city('upsertOffer', { merchantId: cafe.id, title: '拿铁', pointsCost: 30, stock: 10, subsidyFen: 500 })).reward
  const loaf = (await city('upsertOffer', { merchantId: bakery.id, title: '全麦面包', pointsCost: 40, stock: 10, subsidyFen: 300 })).reward
  const alice = await asHandle('alice')
  // 300 points, earned through a real check-in
  await alice('checkIn', { requestId: 'earn-0001', kind: 'recycling', material: 'cardboard', weightKg: 0.8675, stationCode: 'ST-HQ01' })
  vouchers = {
    cafe: (await alice('redeem', { requestId: 'redeem-cafe-1', rewardId: latte.id })).redemption.code,
    bakery: (await alice('redeem', { requestId: 'redeem-bakery-1', rewardId: loaf.id })).redemption.code,
    city: (await alice('redeem', { requestId: 'redeem-city-1', rewardId: 'rw-bus' })).redemption.code,
  }
  testUtils = new TestUtils()
})

afterEach(async () => {
  testUtils.unmout()
  document.body.innerHTML = ''
  await cloud.close()
})

describe('a merchant’s offer', () => {
  it('shows the resident where and when to pick it up, and opens its place', async () => {
    await useAppStore.getState().loginWithHandle('alice')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await testUtils.mount(RewardsPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('到 街角咖啡 领取 · 东湖路 8 号 · 08:00–20:00')).toBeTruthy()
    expect(testUtils.queries.queryByText('到 城南面包 领取 · 人民南路 99 号 · 07:00–19:00')).toBeTruthy()
    await tapLabel(testUtils, '街角咖啡 的位置')
    const { url } = navigate.mock.calls[0][0] as { url: string }
    expect(url.startsWith('/packages/merchant/pages/place/index?')).toBe(true)
    const params = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    expect(params).toEqual({ name: '街角咖啡', address: '东湖路 8 号', hours: '08:00–20:00', lat: '30.5728', lng: '104.0668' })
    navigate.mockRestore()
  })

  it('has a place page that reads its address and hours on H5, where no map opens', async () => {
    await useAppStore.getState().loginWithHandle('alice')
    const params = { name: '街角咖啡', address: '东湖路 8 号', hours: '08:00–20:00', lat: '30.5728', lng: '104.0668' }
    Current.router = {
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)])),
      path: '/packages/merchant/pages/place/index',
    } as any
    const openLocation = jest.spyOn(Taro, 'openLocation')
    await testUtils.mount(MerchantPlacePage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('地址：东湖路 8 号')).toBeTruthy()
    expect(testUtils.queries.queryByText('营业时间：08:00–20:00')).toBeTruthy()
    expect(testUtils.queries.queryByText('坐标：北纬 30.57280，东经 104.06680')).toBeTruthy()
    expect(testUtils.queries.queryByText('这里无法打开地图：请按上面的地址前往。')).toBeTruthy()
    expect(document.body.innerHTML).not.toMatch(/https?:/)
    expect(openLocation).not.toHaveBeenCalled()
    openLocation.mockRestore()
  })
})

describe('the merchant counter', () => {
  it('refuses another merchant’s voucher and a city reward’s in Chinese, hands out its own, and settles the month', async () => {
    await useAppStore.getState().loginWithHandle('cafe')
    await testUtils.mount(MerchantDeskPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('街角咖啡')).toBeTruthy()
    for (const code of [vouchers.bakery, vouchers.city]) {
      await typeInto(testUtils, '#merchant-code-input', code)
      await tapLabel(testUtils, '核销')
      expect(await testUtils.queries.waitForQueryByText('不要发放')).toBeTruthy()
      expect(testUtils.queries.queryByText('这张券不是本店优惠的兑换券，请不要发放任何物品。')).toBeTruthy()
      expect(document.body.textContent).not.toMatch(/城南面包|全麦面包|公交|No voucher|Do not/)
      await tapLabel(testUtils, '核销下一张')
    }
    const alice = await asHandle('alice')
    const statuses = () => alice('listMyRedemptions').then((r: any) => r.redemptions.map((v: any) => v.status).sort())
    expect(await statuses()).toEqual(['pending', 'pending', 'pending'])
    await typeInto(testUtils, '#merchant-code-input', vouchers.cafe.toLowerCase())
    await tapLabel(testUtils, '核销')
    expect(await testUtils.queries.waitForQueryByText('可以发放：拿铁')).toBeTruthy()
    expect(testUtils.queries.queryByText(`兑换码 ${vouchers.cafe} · 本券补贴 5.00 元`)).toBeTruthy()
    expect(await statuses()).toEqual(['fulfilled', 'pending', 'pending'])
    await tapLabel(testUtils, '核销下一张')
    await tapLabel(testUtils, '查看结算')
    const month = shanghaiMonth(Date.now())
    expect(await testUtils.queries.waitForQueryByText(`${month}：已发放 1 张，城市补贴合计 5.00 元`)).toBeTruthy()
  })

  it('lets its staff stock an offer, but not set the subsidy the city pays them', async () => {
    await useAppStore.getState().loginWithHandle('cafe')
    await testUtils.mount(MerchantDeskPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('拿铁 · 30 积分 · 剩余 9 件 · 每张补贴 5.00 元')).toBeTruthy()
    await typeInto(testUtils, '#offer-title', '美式')
    await typeInto(testUtils, '#offer-points', '20')
    await typeInto(testUtils, '#offer-stock', '5')
    await typeInto(testUtils, '#offer-subsidy', '2.5')
    await tapLabel(testUtils, '上架这项优惠')
    expect(await testUtils.queries.waitForQueryByText('每张券的补贴由城市支付，只有管理该商家的组织者可以设置或修改。')).toBeTruthy()
    const listed = async () => (await (await asHandle('alice'))('listRewards')).rewards.find((r: any) => r.title === '美式')
    expect(await listed()).toBeUndefined()
    await typeInto(testUtils, '#offer-subsidy', '0')
    await tapLabel(testUtils, '上架这项优惠')
    expect(await testUtils.queries.waitForQueryByText('已上架 美式')).toBeTruthy()
    expect(await testUtils.queries.waitForQueryByText('美式 · 20 积分 · 剩余 5 件 · 每张补贴 0.00 元')).toBeTruthy()
    expect(await listed()).toMatchObject({ pointsCost: 20, stock: 5, subsidyFen: 0, merchant: { name: '街角咖啡' } })
  })

  it('tells a resident who is on no merchant’s staff', async () => {
    await useAppStore.getState().loginWithHandle('alice')
    await testUtils.mount(MerchantDeskPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('你还不是任何商家的店员。商家所在社区的组织者或市级组织者可以任命你。')).toBeTruthy()
  })
})

describe('an organizer’s merchant page', () => {
  it('appoints and removes staff by the id their Me page shows', async () => {
    await useAppStore.getState().loginWithHandle('organizer')
    Current.router = { params: { merchantId: cafeId }, path: '/packages/merchant/pages/manage/index' } as any
    await testUtils.mount(ManageMerchantPage, {})
    await showPage(testUtils.act)
    const newcomer = await openidOf('newcomer')
    await typeInto(testUtils, '#merchant-staff-openid', newcomer)
    await tapLabel(testUtils, '任命为店员')
    const staffNow = async () => (await (await asHandle('organizer'))('listMerchantStaff', { merchantId: cafeId })).staff
    await waitUntil(() => useMerchantStore.getState().staff?.length === 2)
    expect((await staffNow()).map((m: any) => m.openid)).toEqual([await openidOf('cafe'), newcomer])
    const shown = (await staffNow())[1]
    await tapLabel(testUtils, `移除 ${shown.nickname || shown.openid}`)
    await waitUntil(() => useMerchantStore.getState().staff?.length === 1)
    expect((await staffNow()).map((m: any) => m.openid)).toEqual([await openidOf('cafe')])
    await typeInto(testUtils, '#merchant-staff-openid', 'nobody-here')
    await tapLabel(testUtils, '任命为店员')
    expect(await testUtils.queries.waitForQueryByText('没有这个账号：对方需要先登录一次（在“我的”页面可以看到编号）。')).toBeTruthy()
  })

  it('tells a resident, in Chinese, that only an organizer manages a merchant', async () => {
    await useAppStore.getState().loginWithHandle('alice')
    Current.router = { params: { merchantId: cafeId }, path: '/packages/merchant/pages/manage/index' } as any
    await testUtils.mount(ManageMerchantPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('只有组织者可以这样做。')).toBeTruthy()
  })
})
