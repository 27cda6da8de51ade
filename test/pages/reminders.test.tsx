import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import { shanghaiDayStartMs } from '../../src/core/time'
import MePage from '../../src/pages/me'
import RemindersPage from '../../src/packages/me/pages/reminders'
import { resetAppStore, useAppStore } from '../../src/store'
import { devCaller, inProcessCloud, showPage, tapLabel } from './cloudHarness'

const HOUR = 3_600_000
const clock = { ms: shanghaiDayStartMs('2026-11-30') + 9 * HOUR }
let cloud: Cloud
let testUtils: TestUtils

beforeEach(async () => {
  Taro.clearStorageSync()
  clock.ms = shanghaiDayStartMs('2026-11-30') + 9 * HOUR
  cloud = await inProcessCloud(() => clock.ms)
  resetAppStore()
  testUtils = new TestUtils()
})

afterEach(async () => {
  testUtils.unmout()
  document.body.innerHTML = ''
  await cloud.close()
})

describe('reminders page', () => {
  it('opts into the streak reminder, then shows it in the inbox when due and marks it read', async () => {
    await useAppStore.getState().loginWithHandle('rita')
    await testUtils.mount(RemindersPage, {})
    await showPage(testUtils.act)
    const toggle = (await testUtils.queries.waitForQuerySelector('#reminder-streak')) as HTMLElement
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    expect(await testUtils.queries.waitForQueryByText('还没有消息。开启提醒后，到时间的提醒会出现在这里。')).toBeTruthy()
    await tapLabel(testUtils, '连续打卡要断了（当天 20 点还没打卡）')
    expect(toggle.getAttribute('aria-checked')).toBe('true')
    await tapLabel(testUtils, '保存提醒设置')
    expect(await testUtils.queries.waitForQueryByText('已保存。提醒到时会出现在下方的消息里。')).toBeTruthy()
    expect(useAppStore.getState().reminderSettings?.kinds).toEqual(['streak'])

    // a ride this morning; tomorrow at 20:00 there is still no check-in
    await (
      await devCaller(cloud, 'rita')
    )('checkIn', {
      requestId: 'rita-ride-1',
      kind: 'travel',
      mode: 'bike',
      distanceKm: 3,
      durationMin: 12,
      occurredAt: new Date(clock.ms - 60_000).toISOString(),
    })
    clock.ms = shanghaiDayStartMs('2026-12-01') + 20 * HOUR + 60_000
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('连续打卡要断了（未读）')).toBeTruthy()
    expect(testUtils.queries.queryByText('今天还没有打卡，20 点前记一次绿色出行吧')).toBeTruthy()
    expect(testUtils.queries.queryByText('2026-12-01 20:00')).toBeTruthy()
    await tapLabel(testUtils, '全部标为已读')
    expect(await testUtils.queries.waitForQueryByText('连续打卡要断了')).toBeTruthy()
    expect(useAppStore.getState().inbox?.unread).toBe(0)
  })

  it('Me counts the unread messages', async () => {
    await useAppStore.getState().loginWithHandle('rita')
    const rita = await devCaller(cloud, 'rita')
    await rita('setReminders', { kinds: ['streak'] })
    await rita('checkIn', {
      requestId: 'rita-ride-2',
      kind: 'travel',
      mode: 'bike',
      distanceKm: 3,
      durationMin: 12,
      occurredAt: new Date(clock.ms - 60_000).toISOString(),
    })
    clock.ms = shanghaiDayStartMs('2026-12-01') + 21 * HOUR
    await testUtils.mount(MePage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQuerySelector('[aria-label="提醒与消息（1 条未读）"]')).toBeTruthy()
  })
})
