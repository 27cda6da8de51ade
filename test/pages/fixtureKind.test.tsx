/**
 * The client side of a kind defined only in a test fixture (test/support/fixtureKind.ts): a check-in of it is kept
 * in the phone's queue while offline, survives the app being closed and opened again (the queue guard is the
 * kind's own), is named in the kind's own words, and is sent and credited once the phone is back online.
 */
import Taro from '@tarojs/taro'
import type TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import HomePage from '../../src/pages/home'
import WalletPage from '../../src/pages/wallet'
import { setTransport } from '../../src/services/cloud'
import { resetAppStore, useAppStore } from '../../src/store'
import { translator } from '../../src/i18n'
import { MESSAGES as ORGANIZER_MESSAGES } from '../../src/packages/organizer/messages'
import { CUP_FACTOR, CUP_KIND, registerCupKind } from '../support/fixtureKind'
import { closePage, freshPage, offlineTransport, remountPage, tapLabel, waitUntil } from './cloudHarness'

registerCupKind()

let cloud: Cloud
let testUtils: TestUtils

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage())
})

afterEach(() => closePage(testUtils, cloud))

const online = () => setTransport(async (name, data, token) => (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as any)

it('queues a check-in of a kind defined only in a fixture, keeps it across a relaunch, names it, and sends it', async () => {
  await useAppStore.getState().loginWithHandle('cupper')
  offlineTransport()
  // The app's own types know the built-in kinds only: the fixture's payload is its own.
  const payload = { kind: CUP_KIND, cafe: 'BEAN-1', cups: 2 } as never
  expect((await useAppStore.getState().submitCheckIn(payload)).status).toBe('queued')
  const [queued] = Taro.getStorageSync('glp.queue.v1')
  expect(queued.payload).toMatchObject({ kind: CUP_KIND, cafe: 'BEAN-1', cups: 2, requestId: queued.requestId })

  // Closed and opened again: the queue is read back through the kind's own guard, not dropped as unknown.
  resetAppStore()
  expect(useAppStore.getState().queue.map((q) => q.requestId)).toEqual([queued.requestId])
  expect(Taro.getStorageSync('glp.queue.v1')).toEqual([queued])

  // Home names it in the kind's own words (its label is a message the fixture brings).
  testUtils = await remountPage(testUtils, HomePage)
  expect(await testUtils.queries.waitForQueryByText('自带杯 × 2 · 待发送')).toBeTruthy()

  // Back online, sent with the requestId it was queued under, and credited with the fixture's factor.
  online()
  await tapLabel(testUtils, '立即发送')
  await waitUntil(() => useAppStore.getState().queue.length === 0)
  expect(Taro.getStorageSync('glp.queue.v1')).toEqual([])
  const token = useAppStore.getState().session!.token
  const { entries } = ((await cloud.call('listLedger', {}, `Bearer ${token}`)).body as any).result
  expect(entries).toEqual([
    expect.objectContaining({
      id: expect.any(String),
      factorId: CUP_FACTOR.id,
      gramsCo2e: 70,
      points: 7,
      quantity: 2,
      unit: 'cup',
      occurredAt: expect.any(String),
    }),
  ])
  expect((await cloud.call('checkIn', queued.payload, `Bearer ${token}`)).body).toMatchObject({ result: { entry: { id: entries[0].id } } })

  // The wallet's ledger names the entry by the kind's label too.
  testUtils = await remountPage(testUtils, WalletPage)
  expect(await testUtils.queries.waitForQueryByText('自带杯')).toBeTruthy()
})

it("words the fixture's factor and review reason from the messages it brings, in both languages, in the app and the organizer's package", () => {
  const zh = translator('zh-CN', ORGANIZER_MESSAGES)
  const en = translator('en', ORGANIZER_MESSAGES)
  expect([zh('fixtureCup.own' as never), zh('reason.cup_rush' as never)]).toEqual(['自带杯', '一小时内在同一家咖啡馆再次自带杯'])
  expect([en('fixtureCup.own' as never), en('reason.cup_rush' as never)]).toEqual(['Own cup', 'Another own-cup visit at the same café within the hour'])
  // The built-in kinds' words are where they always were.
  expect(en('reason.near_max_speed')).toBe('Speed close to the limit for the mode')
})
