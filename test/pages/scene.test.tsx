/**
 * The low-carbon scene page (issue 24, packages/me): a resident picks own cup, enters the café's rotating code and
 * reads the credit; a code of another venue is refused in Chinese.
 */
import type TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import SceneCheckInPage from '../../src/packages/me/pages/scene'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, remountPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage())
})
afterEach(() => closePage(testUtils, cloud))

async function cafeCode(venue = 'CAFE-01'): Promise<string> {
  const boss = await devCaller(cloud, 'organizer')
  return (await boss('stationDisplayCode', { stationCode: venue })).code
}

async function openCafe() {
  const boss = await devCaller(cloud, 'organizer')
  await boss('upsertStation', { code: 'CAFE-01', name: '街角咖啡', materials: [], behaviours: ['cup', 'tableware'] })
}

it('checks in own cup with the café code and shows the credit', async () => {
  await openCafe()
  await useAppStore.getState().loginWithHandle('mei')
  await useAppStore.getState().loadCatalogue()
  testUtils = await remountPage(testUtils, SceneCheckInPage)
  await typeInto(testUtils, '#scene-code', await cafeCode())
  expect(await testUtils.queries.waitForQueryByText('场所：街角咖啡')).toBeTruthy()
  // the café enables own cup and no disposable tableware, not clean plate
  expect(testUtils.queries.queryByText('光盘')).toBeNull()
  await tapLabel(testUtils, '自带杯')
  expect(testUtils.queries.queryByText('每次 55 克，每天最多 165 克')).toBeTruthy()
  await tapLabel(testUtils, '提交打卡')
  expect(await testUtils.queries.waitForQueryByText('已记入 55 克 CO₂e，获得 5 积分')).toBeTruthy()
  const token = useAppStore.getState().session!.token
  const { entries } = ((await cloud.call('listLedger', {}, `Bearer ${token}`)).body as any).result
  expect(entries).toEqual([expect.objectContaining({ factorId: 'scene.cup', gramsCo2e: 55, evidence: 'venue-display' })])
})

it("words a code of another venue's screen as the Chinese refusal, crediting nothing", async () => {
  await openCafe()
  await useAppStore.getState().loginWithHandle('mei')
  await useAppStore.getState().loadCatalogue()
  testUtils = await remountPage(testUtils, SceneCheckInPage)
  // a well-formed code naming the café whose MAC is not the café's
  const forged = (await cafeCode()).replace(/[0-9A-F]{16}$/, '0000000000000000')
  await typeInto(testUtils, '#scene-code', forged)
  await tapLabel(testUtils, '提交打卡')
  expect(await testUtils.queries.waitForQueryByText('这不是场所 CAFE-01 的码，请扫它屏幕上的码。')).toBeTruthy()
  const token = useAppStore.getState().session!.token
  expect(((await cloud.call('listLedger', {}, `Bearer ${token}`)).body as any).result.entries).toEqual([])
})
