import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import EventsPage from '../../src/packages/community/pages/events'
import EventsAdminPage from '../../src/packages/organizer/pages/events'
import { distanceM } from '../../src/core/geo'
import { setTransport, type CloudBody } from '../../src/services/cloud'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, showPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

type Fix = { latitude: number; longitude: number; accuracy: number }

/** The browser's geolocation as the phone answers it: a position, or a refusal (1) / no fix (2). */
function phoneAnswers(answer: Fix | 'denied' | 'unavailable') {
  const getCurrentPosition = jest.fn((ok: (p: unknown) => void, fail: (e: unknown) => void) => {
    if (answer === 'denied') fail({ code: 1, message: 'User denied Geolocation' })
    else if (answer === 'unavailable') fail({ code: 2, message: 'Position unavailable' })
    else ok({ coords: answer, timestamp: Date.now() })
  })
  Object.defineProperty(navigator, 'geolocation', { configurable: true, value: { getCurrentPosition } })
  return getCurrentPosition
}

/** What the app sent to the cloud, by function name. */
function recordCalls() {
  const calls: { name: string; data: any }[] = []
  setTransport(async (name, data, token) => {
    calls.push({ name, data })
    return (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as CloudBody
  })
  return calls
}

const inputValue = (selector: string) => (testUtils.queries.querySelector(`${selector} input`) as HTMLInputElement | null)?.value

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage())
})

afterEach(async () => {
  Reflect.deleteProperty(navigator, 'geolocation')
  await closePage(testUtils, cloud)
})

async function mount(page: any) {
  await testUtils.mount(page, {})
  await showPage(testUtils.act)
}

async function announce() {
  const buttons = Array.from(document.querySelectorAll('[aria-label="发布活动"]'))
  await testUtils.act(async () => testUtils.fireEvent.click(buttons[buttons.length - 1]))
}

describe('an organizer announces an event that checks location', () => {
  it('fills the place from the phone, checks the radius, and sends location with createEvent', async () => {
    const city = await devCaller(cloud, 'organizer')
    await city('issuePoints', { requestId: 'issue-request-1', points: 1000, reason: '活动奖励' })
    await useAppStore.getState().loginWithHandle('organizer')
    const calls = recordCalls()
    await mount(EventsAdminPage)
    await tapLabel(testUtils, '发布活动')
    expect(await testUtils.queries.waitForQueryByText('可用于预算：城市预算剩余与积分库未分配共 1000 积分')).toBeTruthy()
    await typeInto(testUtils, '#event-title', '植树活动')
    await typeInto(testUtils, '#event-place', '滨河公园东门')
    await typeInto(testUtils, '#event-slots', '10')
    await typeInto(testUtils, '#event-reward', '5')
    expect(testUtils.queries.querySelector('#event-location')).toBeNull()
    await tapLabel(testUtils, '签到需在现场定位')
    expect(await testUtils.queries.waitForQuerySelector('#event-location')).toBeTruthy()
    await testUtils.queries.waitForQuerySelector('#event-radius input')
    expect(inputValue('#event-radius')).toBe('300')

    // the organizer's phone says no first
    phoneAnswers('denied')
    await tapLabel(testUtils, '使用我当前的位置')
    expect(await testUtils.queries.waitForQueryByText('没有定位权限：请在设置中允许使用位置信息，或手动填写经纬度。')).toBeTruthy()
    expect(inputValue('#event-latitude')).toBe('')

    const asked = phoneAnswers({ latitude: 31.2304163, longitude: 121.4737009, accuracy: 25 })
    await tapLabel(testUtils, '使用我当前的位置')
    expect(await testUtils.queries.waitForQueryByText('已填入你当前的位置')).toBeTruthy()
    expect(asked).toHaveBeenCalledTimes(1)
    expect(inputValue('#event-latitude')).toBe('31.230416')
    expect(inputValue('#event-longitude')).toBe('121.473701')

    await typeInto(testUtils, '#event-radius', '30')
    await announce()
    expect(await testUtils.queries.waitForQueryByText('请检查定位：纬度在 -90 到 90 之间，经度在 -180 到 180 之间，范围为 50 到 5000 的整数米')).toBeTruthy()
    expect(calls.filter((c) => c.name === 'createEvent')).toHaveLength(0)

    await typeInto(testUtils, '#event-radius', '200')
    await announce()
    expect(await testUtils.queries.waitForQueryByText('已发布 植树活动')).toBeTruthy()
    const sent = calls.filter((c) => c.name === 'createEvent').map((c) => c.data.location)
    expect(sent).toEqual([{ latitude: 31.230416, longitude: 121.473701, radiusM: 200 }])
    const [event] = (await city('listEvents', { manage: true })).events
    expect(event.location).toEqual({ latitude: 31.230416, longitude: 121.473701, radiusM: 200 })
    expect(testUtils.queries.querySelector(`#managed-event-${event.id}`)?.textContent).toContain('签到需定位（200 米内）')
    // its budget came out of the treasury
    expect((await city('getTreasury')).unallocatedPoints).toBe(950)
  })
})

describe('a resident checks in at an event that checks location', () => {
  const PLACE = { latitude: 31.2304, longitude: 121.4737, radiusM: 200 }

  async function eventWithLocation() {
    const city = await devCaller(cloud, 'organizer')
    const east = (await city('upsertCommunity', { name: '东湖社区' })).community
    await city('issuePoints', { requestId: 'issue-request-1', points: 45, reason: '湖边清洁的奖励' })
    const startsAt = new Date(Date.now() - 10 * 60_000).toISOString()
    const endsAt = new Date(Date.now() + 60 * 60_000).toISOString()
    const { event } = await city('createEvent', {
      requestId: 'event-request-1',
      title: '湖边清洁',
      place: '东湖岸边',
      startsAt,
      endsAt,
      slots: 3,
      rewardPoints: 15,
      communityId: east.id,
      location: PLACE,
    })
    const ann = await devCaller(cloud, 'ann')
    await ann('setMyCommunity', { communityId: east.id })
    await ann('signUpEvent', { eventId: event.id })
    await useAppStore.getState().loginWithHandle('ann')
    const code = async () => (await city('eventDisplayCode', { eventId: event.id })).code as string
    const bonuses = async () => (await ann('listLedger', { limit: 10 })).entries.filter((e: any) => e.type === 'bonus' && e.ref === event.id)
    return { event, code, bonuses }
  }

  it('says so on the card, and with the location refused shows why, sends nothing and pays nothing', async () => {
    const { event, code, bonuses } = await eventWithLocation()
    const calls = recordCalls()
    await mount(EventsPage)
    expect(await testUtils.queries.waitForQuerySelector(`#event-location-${event.id}`)).toBeTruthy()
    expect(testUtils.queries.querySelector(`#event-location-${event.id}`)?.textContent).toBe('签到时需要定位')
    expect(testUtils.queries.querySelector('#event-location-why')?.textContent).toBe(
      '签到要求定位的活动时，会读取一次手机位置，只用来核对你在活动现场；只保存你与活动地点的距离。',
    )
    const asked = phoneAnswers('denied')
    await typeInto(testUtils, '#event-code', await code())
    await tapLabel(testUtils, '签到')
    expect(
      await testUtils.queries.waitForQueryByText('这个活动签到时需要定位：你没有允许使用位置，签到未记录。请在设置中允许使用位置信息后再扫码。'),
    ).toBeTruthy()
    expect(asked).toHaveBeenCalledTimes(1)
    expect(calls.filter((c) => c.name === 'attendEvent')).toHaveLength(0)
    expect(await bonuses()).toEqual([])
    expect(testUtils.queries.queryByText('已签到')).toBeNull()

    phoneAnswers('unavailable')
    await tapLabel(testUtils, '签到')
    expect(await testUtils.queries.waitForQueryByText('这个活动签到时需要定位：暂时无法获取手机位置，签到未记录。请到开阔处稍后再试。')).toBeTruthy()
    expect(calls.filter((c) => c.name === 'attendEvent')).toHaveLength(0)
  })

  it('sends the position with the code: too far is refused with the distance, on site is paid once', async () => {
    const { event, code, bonuses } = await eventWithLocation()
    const calls = recordCalls()
    await mount(EventsPage)
    await testUtils.queries.waitForQuerySelector(`#event-location-${event.id}`)

    const far = { latitude: 31.2404, longitude: 121.4737, accuracy: 20 }
    phoneAnswers(far)
    await typeInto(testUtils, '#event-code', await code())
    await tapLabel(testUtils, '签到')
    const away = distanceM(PLACE, far)
    expect(away).toBeGreaterThan(1000)
    expect(await testUtils.queries.waitForQueryByText(`签到未记录：手机位置离活动地点约 ${away} 米，需在 200 米内签到。`)).toBeTruthy()
    expect(calls.filter((c) => c.name === 'attendEvent').map((c) => c.data.location)).toEqual([{ latitude: 31.2404, longitude: 121.4737, accuracyM: 20 }])
    expect(await bonuses()).toEqual([])

    phoneAnswers({ latitude: 31.2305, longitude: 121.4737, accuracy: 15 })
    await typeInto(testUtils, '#event-code', await code())
    await tapLabel(testUtils, '签到')
    expect(await testUtils.queries.waitForQueryByText('签到成功：湖边清洁，获得 15 积分')).toBeTruthy()
    expect(calls.filter((c) => c.name === 'attendEvent').at(-1)?.data.location).toEqual({ latitude: 31.2305, longitude: 121.4737, accuracyM: 15 })
    expect((await bonuses()).map((e: any) => e.points)).toEqual([15])
    expect(testUtils.queries.queryByText('已签到')).toBeTruthy()
    // the place is no longer asked for once attended
    expect(testUtils.queries.querySelector(`#event-location-${event.id}`)).toBeNull()
  })
})
