import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import HomePage from '../../src/pages/home'
import MyCommunityPage from '../../src/packages/me/pages/community'
import EventsPage from '../../src/packages/community/pages/events'
import StationsAdminPage from '../../src/packages/organizer/pages/stations'
import EventsAdminPage from '../../src/packages/organizer/pages/events'
import { addDays, shanghaiDay } from '../../src/core/time'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, remountPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage())
})

afterEach(() => closePage(testUtils, cloud))

async function remount(page: any) {
  testUtils = await remountPage(testUtils, page)
}

describe('communities and events, as a resident sees them', () => {
  it('Home offers to join a community; joining shows its upcoming event; signing up and the on-site code check in once', async () => {
    const city = await devCaller(cloud, 'organizer')
    const east = (await city('upsertCommunity', { name: '东湖社区' })).community
    await city('upsertCommunity', { name: '西山社区' })
    await useAppStore.getState().loginWithHandle('ann')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })

    await remount(HomePage)
    await tapLabel(testUtils, '加入你所在的社区，参加社区活动')
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/me/pages/community/index' })

    await remount(MyCommunityPage)
    expect(await testUtils.queries.waitForQueryByText('你还没有选择社区。选择后，你的减排会计入该社区，也能看到社区的活动和奖品。')).toBeTruthy()
    await tapLabel(testUtils, '东湖社区')
    await tapLabel(testUtils, '加入这个社区')
    expect(await testUtils.queries.waitForQueryByText('你属于 东湖社区')).toBeTruthy()
    expect(await testUtils.queries.waitForQueryByText(`每 30 天可更换一次社区：${addDays(shanghaiDay(Date.now()), 30)} 起可再次更换。`)).toBeTruthy()

    const startsAt = new Date(Date.now() - 10 * 60_000).toISOString()
    const endsAt = new Date(Date.now() + 60 * 60_000).toISOString()
    // the event's budget is drawn from the treasury: a city organizer issues points into it first
    await city('issuePoints', { requestId: 'issue-request-1', points: 45, reason: '湖边清洁的奖励' })
    const { event } = await city('createEvent', {
      requestId: 'event-request-1',
      title: '湖边清洁',
      place: '东湖岸边',
      startsAt,
      endsAt,
      slots: 3,
      rewardPoints: 15,
      communityId: east.id,
    })

    await remount(HomePage)
    await tapLabel(testUtils, '社区活动：1 场即将举行')
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/community/pages/events/index' })
    navigate.mockRestore()

    await remount(EventsPage)
    expect(await testUtils.queries.waitForQueryByText('已报名 0 / 3 · 到场可得 15 积分')).toBeTruthy()
    await tapLabel(testUtils, '报名 湖边清洁')
    expect(await testUtils.queries.waitForQueryByText('已报名 湖边清洁。活动开始前 2 小时内不能取消。')).toBeTruthy()
    const { code } = await city('eventDisplayCode', { eventId: event.id })
    await typeInto(testUtils, '#event-code', code)
    await tapLabel(testUtils, '签到')
    expect(await testUtils.queries.waitForQueryByText('签到成功：湖边清洁，获得 15 积分')).toBeTruthy()
    expect(testUtils.queries.queryByText('已签到')).toBeTruthy()
    const ledger = (await (await devCaller(cloud, 'ann'))('listLedger', { limit: 5 })).entries
    expect(ledger.filter((e: any) => e.type === 'bonus' && e.ref === event.id).map((e: any) => e.points)).toEqual([15])
  })

  it('an organizer adds a station and retires it only after confirming', async () => {
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(StationsAdminPage)
    expect(await testUtils.queries.waitForQueryByText('你管理全市')).toBeTruthy()
    await tapLabel(testUtils, '新建站点')
    await typeInto(testUtils, '#station-code', 'ST-NEW1')
    await typeInto(testUtils, '#station-name', '新回收亭')
    // issue 23: the English name is a second, optional field with its own label
    expect(testUtils.queries.querySelector('#station-name-en-label')!.textContent).toBe('英文名称（可选）')
    await typeInto(testUtils, '#station-name-en', 'New kiosk')
    await tapLabel(testUtils, '保存')
    expect(await testUtils.queries.waitForQuerySelector('#station-ST-NEW1')).toBeTruthy()
    await tapLabel(testUtils, '停用 新回收亭')
    expect(await testUtils.queries.waitForQueryByText('停用后 新回收亭 不再接收投放，且不能恢复；历史记录保留。')).toBeTruthy()
    const stations = async () => (await (await devCaller(cloud, 'organizer'))('listStations', { includeRetired: true })).stations
    expect((await stations()).find((s: any) => s.code === 'ST-NEW1')).toMatchObject({ name: '新回收亭', nameEn: 'New kiosk' })
    expect((await stations()).find((s: any) => s.code === 'ST-NEW1').retiredAt).toBeUndefined() // asked, not done
    await tapLabel(testUtils, '确认停用 新回收亭')
    expect(await testUtils.queries.waitForQueryByText('新回收亭 已停用：不再接收投放，历史记录保留')).toBeTruthy()
    expect((await stations()).find((s: any) => s.code === 'ST-NEW1').retiredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('an organizer announces an event from the form (its budget shown) and calls it off only after confirming', async () => {
    await (
      await devCaller(cloud, 'organizer')
    )('issuePoints', { requestId: 'issue-request-1', points: 50, reason: '旧物市集的奖励' })
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(EventsAdminPage)
    await tapLabel(testUtils, '发布活动')
    await typeInto(testUtils, '#event-title', '旧物市集')
    await typeInto(testUtils, '#event-title-en', 'Flea market')
    await typeInto(testUtils, '#event-place', '社区广场')
    await typeInto(testUtils, '#event-slots', '10')
    await typeInto(testUtils, '#event-reward', '5')
    expect(await testUtils.queries.waitForQueryByText('预算 50 积分：名额 × 奖励，发布时由你资助')).toBeTruthy()
    await typeInto(testUtils, '#event-start', '9:00')
    const buttons = () => Array.from(document.querySelectorAll('[aria-label="发布活动"]'))
    await testUtils.act(async () => testUtils.fireEvent.click(buttons()[buttons().length - 1]))
    expect(await testUtils.queries.waitForQueryByText('请检查：名称和地点不能为空，日期和时间格式正确，名额和积分为整数')).toBeTruthy()
    await typeInto(testUtils, '#event-start', '09:00')
    await testUtils.act(async () => testUtils.fireEvent.click(buttons()[buttons().length - 1]))
    expect(await testUtils.queries.waitForQueryByText('已发布 旧物市集')).toBeTruthy()
    const events = async () => (await (await devCaller(cloud, 'organizer'))('listEvents', { manage: true })).events
    const [event] = await events()
    expect(event).toMatchObject({ title: '旧物市集', titleEn: 'Flea market', place: '社区广场', slots: 10, rewardPoints: 5, cancelled: false })
    expect(event.startsAt.slice(11, 16)).toBe('09:00')
    await tapLabel(testUtils, '取消 旧物市集')
    expect(await testUtils.queries.waitForQueryByText('取消后不能再报名或签到，已发放的积分保留。确定取消 旧物市集？')).toBeTruthy()
    expect((await events())[0].cancelled).toBe(false) // asked, not done
    await tapLabel(testUtils, '确认取消 旧物市集')
    expect(await testUtils.queries.waitForQueryByText('旧物市集 已取消')).toBeTruthy()
    expect((await events())[0].cancelled).toBe(true)
  })
})
