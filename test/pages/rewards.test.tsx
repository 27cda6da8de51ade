import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import VerifyPage from '../../src/packages/organizer/pages/verify'
import RewardsPage from '../../src/pages/rewards'
import RecyclingPage from '../../src/pages/recycling'
import VoucherPage from '../../src/packages/rewards/pages/voucher'
import CertificatePage from '../../src/packages/rewards/pages/certificate'
import VerifyPublicPage from '../../src/packages/public/pages/verify'
import { resetAppStore, useAppStore } from '../../src/store'
import { devCaller, inProcessCloud, showPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const asHandle = (handle: string) => devCaller(cloud, handle)

beforeEach(async () => {
  Taro.clearStorageSync()
  cloud = await inProcessCloud()
  resetAppStore()
  // 300 points, earned through a real check-in: 0.8675 kg of cardboard = 3,002 g
  await (
    await asHandle('alice')
  )('checkIn', { requestId: 'earn-0001', kind: 'recycling', material: 'cardboard', weightKg: 0.8675, stationCode: 'ST-HQ01' })
  await useAppStore.getState().loginWithHandle('alice')
  testUtils = new TestUtils()
})

afterEach(async () => {
  testUtils.unmout()
  document.body.innerHTML = ''
  await cloud.close()
})

describe('rewards page', () => {
  it('lists rewards with cost, stock and my limit, and redeems after a confirmation', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await testUtils.mount(RewardsPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('剩余 50 件')).toBeTruthy()
    expect(testUtils.queries.queryByText('帆布购物袋')).toBeTruthy()
    // the plant costs 500: the button is disabled for a 300-point wallet
    expect((await testUtils.queries.waitForQuerySelector('[aria-label="兑换 绿萝盆栽"]'))!.getAttribute('aria-disabled')).toBe('true')
    await tapLabel(testUtils, '兑换 帆布购物袋')
    expect(await testUtils.queries.waitForQueryByText('用 200 积分兑换「帆布购物袋」？')).toBeTruthy()
    await tapLabel(testUtils, '确认兑换')
    await testUtils.queries.waitForQueryByText('待领取')
    const [voucher] = useAppStore.getState().redemptions
    expect(voucher).toMatchObject({ rewardId: 'rw-tote', status: 'pending', pointsCost: 200 })
    expect(navigate).toHaveBeenCalledWith({ url: `/packages/rewards/pages/voucher/index?id=${voucher.id}` })
    expect(useAppStore.getState().walletView?.wallet.pointsBalance).toBe(100)
    expect(await testUtils.queries.waitForQueryByText('已兑 1/1')).toBeTruthy()
    navigate.mockRestore()
  })

  it('shows the voucher as a QR code and text, and cancels it with a refund', async () => {
    const redeem = await (await asHandle('alice'))('redeem', { requestId: 'redeem-0001', rewardId: 'rw-bus' })
    Current.router = { params: { id: redeem.redemption.id }, path: '/packages/rewards/pages/voucher/index' } as any
    await testUtils.mount(VoucherPage, {})
    await showPage(testUtils.act)
    const code = redeem.redemption.code as string
    expect(await testUtils.queries.waitForQueryByText(`${code.slice(0, 5)} ${code.slice(5)}`)).toBeTruthy()
    const qr = testUtils.queries.querySelector('[role="img"]')!
    expect(qr.getAttribute('aria-label')).toBe(`兑换码 ${code} 的二维码`)
    expect(qr.querySelectorAll('.qr__cell--dark').length).toBeGreaterThan(100)
    await tapLabel(testUtils, '取消兑换并退回积分')
    expect(await testUtils.queries.waitForQueryByText('已取消，50 积分已退回')).toBeTruthy()
    expect(testUtils.queries.querySelector('[role="img"]')).toBeNull()
    expect((await (await asHandle('alice'))('getWallet')).wallet.pointsBalance).toBe(300)
  })

  it('says in Chinese that a certificate is not found, without the id or the English sentence', async () => {
    Current.router = { params: { entryId: 'e_no_such_gift' }, path: '/packages/rewards/pages/certificate/index' } as any
    await testUtils.mount(CertificatePage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('没有找到这笔捐赠的证书：它不是你的捐赠记录，或已不存在。')).toBeTruthy()
    expect(document.body.textContent).not.toMatch(/e_no_such_gift|No donation/)
  })
})

describe("names in the resident's language (issue 23)", () => {
  it('shows the Chinese name in Chinese and the English one in English, never the two run together', async () => {
    const organizer = await asHandle('organizer')
    await organizer('upsertReward', { title: '帆布袋', titleEn: 'Canvas bag', description: '可重复使用', descriptionEn: 'Reusable', pointsCost: 90, stock: 5 })
    await organizer('upsertReward', { title: '旧书交换券', pointsCost: 80, stock: 5 })
    await testUtils.mount(RewardsPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('帆布袋')).toBeTruthy()
    expect(testUtils.queries.queryByText('可重复使用')).toBeTruthy()
    expect(testUtils.queries.querySelector('[aria-label="兑换 帆布袋"]')).toBeTruthy()
    expect(document.body.textContent).not.toContain('Canvas bag')
    expect(document.body.textContent).not.toContain('Reusable')

    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    expect(await testUtils.queries.waitForQueryByText('Canvas bag')).toBeTruthy()
    expect(testUtils.queries.queryByText('Reusable')).toBeTruthy()
    expect(testUtils.queries.queryByText('Canvas tote bag')).toBeTruthy()
    expect(document.body.textContent).not.toContain('帆布袋')
    expect(document.body.textContent).not.toContain('帆布购物袋')
    // no English name: the Chinese one, in English too
    expect(testUtils.queries.queryByText('旧书交换券')).toBeTruthy()
    const redeem = Array.from(document.querySelectorAll('[aria-label]')).map((e) => e.getAttribute('aria-label'))
    expect(redeem.some((label) => /Canvas bag/.test(label!) && !/帆布袋/.test(label!))).toBe(true)
  })
})

describe("station names in the resident's language (issue 23)", () => {
  it('the recycling page picks stations by their English names in English and their Chinese names in Chinese', async () => {
    await useAppStore.getState().loadCatalogue()
    await testUtils.mount(RecyclingPage, {})
    expect(await testUtils.queries.waitForQuerySelector('[aria-label="学校旧衣回收箱"]')).toBeTruthy()
    expect(document.body.textContent).not.toContain('School clothes bin')
    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    expect(await testUtils.queries.waitForQuerySelector('[aria-label="School clothes bin"]')).toBeTruthy()
    expect(document.body.textContent).not.toContain('学校旧衣回收箱')
  })
})

describe('organizer verify page', () => {
  it('fulfils a typed code once and refuses it the second time', async () => {
    const { redemption } = await (await asHandle('alice'))('redeem', { requestId: 'redeem-0002', rewardId: 'rw-bus' })
    await useAppStore.getState().loginWithHandle('organizer')
    await testUtils.mount(VerifyPage, {})
    await typeInto(testUtils, '#voucher-code-input', redemption.code.toLowerCase())
    await tapLabel(testUtils, '核销')
    expect(await testUtils.queries.waitForQueryByText('核销成功：公交乘车券')).toBeTruthy()
    await tapLabel(testUtils, '核销下一张')
    await typeInto(testUtils, '#voucher-code-input', redemption.code)
    await tapLabel(testUtils, '核销')
    expect(await testUtils.queries.waitForQueryByText('不能发放奖品')).toBeTruthy()
    // the refusal's reason, worded in Chinese with when it was used; never the cloud's English sentence
    expect(document.body.textContent).toMatch(/这张兑换券已于 \d{2}-\d{2} \d{2}:\d{2} 使用过，请不要发放奖品。/)
    expect(document.body.textContent).not.toMatch(/already used|Do not hand out/)
    expect((await (await asHandle('alice'))('listMyRedemptions')).redemptions[0].status).toBe('fulfilled')
  })

  it('tells a resident they may not verify', async () => {
    const { redemption } = await (await asHandle('alice'))('redeem', { requestId: 'redeem-0003', rewardId: 'rw-bus' })
    await testUtils.mount(VerifyPage, {})
    await typeInto(testUtils, '#voucher-code-input', redemption.code)
    await tapLabel(testUtils, '核销')
    expect(await testUtils.queries.waitForQueryByText('只有组织者可以这样做。')).toBeTruthy()
    expect((await (await asHandle('alice'))('listMyRedemptions')).redemptions[0].status).toBe('pending')
  })
})

describe('public certificate check', () => {
  it('words the answer for an unknown code in Chinese, never the English sentence that came with it', async () => {
    Current.router = { params: {}, path: '/packages/public/pages/verify/index' } as any
    await testUtils.mount(VerifyPublicPage, {})
    await typeInto(testUtils, '#verify-code', '0000-0000-0000-0000')
    await tapLabel(testUtils, '查验')
    expect(await testUtils.queries.waitForQueryByText('账本中没有记录带有这个查验码，请核对是否按证书上的内容输入。')).toBeTruthy()
    expect(document.body.textContent).toContain('无法证实')
    expect(document.body.textContent).not.toMatch(/No entry|typed as printed/)
  })
})
