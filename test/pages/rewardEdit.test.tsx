/**
 * An organizer's reward form sends the stock it showed (contract `stockWas`): vouchers redeemed while the form was
 * open stay taken, and the organizer's change (here: two more) is what moves the stock.
 */
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import RewardsAdminPage from '../../src/packages/organizer/pages/rewards'
import { resetAppStore, useAppStore } from '../../src/store'
import { devCaller, inProcessCloud, showPage, tapLabel, typeInto, waitUntil } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

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

it('keeps the vouchers redeemed while the edit form was open', async () => {
  const organizer = await devCaller(cloud, 'organizer')
  const { reward } = await organizer('upsertReward', { title: '帆布袋', pointsCost: 5, stock: 10, perUserLimit: 5 })
  await useAppStore.getState().loginWithHandle('organizer')
  await testUtils.mount(RewardsAdminPage, {})
  await showPage(testUtils.act)
  await tapLabel(testUtils, '编辑 帆布袋')
  // While the form shows 10, a resident redeems two.
  const ann = await devCaller(cloud, 'ann')
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
