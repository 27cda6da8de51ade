import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import TravelPage from '../../src/pages/travel'
import { shanghaiClock } from '../../src/core/time'
import { resetAppStore, useAppStore } from '../../src/store'
import { inProcessCloud, offlineTransport, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const tapText = async (text: string) => {
  const el = await testUtils.queries.waitForQueryByText(text)
  await testUtils.act(async () => {
    testUtils.fireEvent.click(el as Element)
  })
}

beforeEach(async () => {
  Taro.clearStorageSync()
  cloud = await inProcessCloud()
  resetAppStore()
  await useAppStore.getState().loginWithHandle('alice')
  await useAppStore.getState().loadCatalogue()
  testUtils = new TestUtils()
})

afterEach(async () => {
  testUtils.unmout()
  document.body.innerHTML = ''
  await cloud.close()
})

describe('travel check-in page', () => {
  it('submits a bike trip and shows the grams and points the cloud credited', async () => {
    await testUtils.mount(TravelPage, {})
    await tapText('骑行')
    await typeInto(testUtils, '#distance', '5')
    await typeInto(testUtils, '#duration', '20')
    expect(await testUtils.queries.waitForQueryByText('预计约 165 克 CO₂e（以云端核算为准）')).toBeTruthy()
    await tapText('提交打卡')
    expect(await testUtils.queries.waitForQueryByText('已记入 165 克 CO₂e，获得 16 积分')).toBeTruthy()
    // the ledger really holds it
    const session = useAppStore.getState().session!
    const entries = (await cloud.call('listLedger', {}, `Bearer ${session.token}`)).body as any
    expect(entries.result.entries).toHaveLength(1)
    expect(entries.result.entries[0]).toMatchObject({ factorId: 'travel.bike', gramsCo2e: 165 })
    expect(useAppStore.getState().queue).toHaveLength(0)
  })

  it('places an earlier trip where it was, and explains a trip that overlaps another', async () => {
    await testUtils.mount(TravelPage, {})
    await tapText('公交')
    await typeInto(testUtils, '#distance', '6')
    await typeInto(testUtils, '#duration', '25')
    await tapText('提交打卡')
    expect(await testUtils.queries.waitForQueryByText('已记入 156 克 CO₂e，获得 15 积分')).toBeTruthy()
    // the walk to the bus stop, which ended half an hour ago
    await tapText('步行')
    await typeInto(testUtils, '#distance', '1')
    await typeInto(testUtils, '#duration', '15')
    await tapText('30 分钟前')
    await tapText('提交打卡')
    expect(await testUtils.queries.waitForQueryByText('已记入 23 克 CO₂e，获得 2 积分')).toBeTruthy()
    const session = useAppStore.getState().session!
    const { entries } = ((await cloud.call('listLedger', {}, `Bearer ${session.token}`)).body as any).result
    const minutesAgo = (Date.now() - Date.parse(entries[0].occurredAt)) / 60_000
    expect(minutesAgo).toBeGreaterThan(29)
    expect(minutesAgo).toBeLessThan(32)
    // a second bus ride "just now" overlaps the first one
    await tapText('刚刚')
    await tapText('公交')
    await tapText('提交打卡')
    const notices = () =>
      Array.from(testUtils.queries.querySelectorAll('.notice'))
        .map((n) => n.textContent)
        .join(' | ')
    for (let i = 0; i < 40 && !notices().includes('重叠'); i++) await new Promise((r) => setTimeout(r, 50))
    // worded from its reason, with the earlier bus ride's times on the Shanghai clock, never the English sentence
    // (which names entry ids)
    const rideEnd = Date.parse(entries[1].occurredAt)
    const clock = (ms: number) => shanghaiClock(ms)
    expect(notices()).toContain(`与你 ${clock(rideEnd - 25 * 60_000)}–${clock(rideEnd)} 的出行时间重叠，未记入。`)
    expect(notices()).not.toMatch(/This trip|overlaps/)
  })

  it('tells the resident when a trip is implausibly fast and credits nothing', async () => {
    await testUtils.mount(TravelPage, {})
    await tapText('骑行')
    await typeInto(testUtils, '#distance', '30')
    await typeInto(testUtils, '#duration', '20')
    await tapText('提交打卡')
    expect(await testUtils.queries.waitForQueryByText('30 公里用时 20 分钟，时速 90 公里，超过上限 30 公里，请核对。')).toBeTruthy()
    const session = useAppStore.getState().session!
    expect(((await cloud.call('getWallet', {}, `Bearer ${session.token}`)).body as any).result.wallet.pointsBalance).toBe(0)
  })

  it('refuses an empty distance or duration before calling the cloud', async () => {
    await testUtils.mount(TravelPage, {})
    await tapText('提交打卡')
    expect(await testUtils.queries.waitForQueryByText('请输入 0 到 500 之间的距离')).toBeTruthy()
    expect(testUtils.queries.queryByText('请填写用时：0 到 1440 分钟（用来核对速度和出行时间是否重叠）')).toBeTruthy()
    expect(useAppStore.getState().queue).toHaveLength(0)
  })

  it('keeps a check-in made offline in the queue and credits it once when back online', async () => {
    const calls = offlineTransport()
    await testUtils.mount(TravelPage, {})
    await tapText('步行')
    await typeInto(testUtils, '#distance', '2')
    await typeInto(testUtils, '#duration', '25')
    await tapText('提交打卡')
    expect(await testUtils.queries.waitForQueryByText('网络不可用，打卡已保存在本机')).toBeTruthy()
    expect(calls.length).toBe(3)
    const [queued] = useAppStore.getState().queue
    expect(queued.payload).toMatchObject({ kind: 'travel', mode: 'walk', distanceKm: 2, durationMin: 25 })
    // persisted on the device, with its requestId
    expect(Taro.getStorageSync('glp.queue.v1')[0].requestId).toBe(queued.requestId)

    // back online: the same requestId is sent; flushing twice still credits once
    const online = cloud
    const { setTransport } = await import('../../src/services/cloud')
    setTransport(async (name, data, token) => (await online.call(name, data, token ? `Bearer ${token}` : undefined)).body as any)
    await useAppStore.getState().flushQueue()
    await useAppStore.getState().flushQueue()
    expect(useAppStore.getState().queue).toHaveLength(0)
    const token = useAppStore.getState().session!.token
    const page = ((await online.call('listLedger', {}, `Bearer ${token}`)).body as any).result
    expect(page.entries).toHaveLength(1)
    expect(page.entries[0]).toMatchObject({ gramsCo2e: 46, factorId: 'travel.walk' })
  })
})
