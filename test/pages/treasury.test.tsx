import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import TreasuryPage from '../../src/packages/organizer/pages/treasury'
import EventsAdminPage from '../../src/packages/organizer/pages/events'
import { CloudCallError, setTransport, type CloudBody } from '../../src/services/cloud'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, remountPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7)
const text = (selector: string) => testUtils.queries.querySelector(selector)?.textContent
const openidOf = async (handle: string) => ((await cloud.call('login', { code: `dev:${handle}` })).body as any).result.openid as string

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage())
})

afterEach(() => closePage(testUtils, cloud))

async function remount(page: any) {
  testUtils = await remountPage(testUtils, page)
}

describe('the treasury page, for a city organizer', () => {
  it('issues points, allocates them to a community, and shows the purse and the totals move', async () => {
    const city = await devCaller(cloud, 'organizer')
    const east = (await city('upsertCommunity', { name: '东湖社区' })).community
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(TreasuryPage)
    expect(await testUtils.queries.waitForQueryByText(`${thisMonth()} 已发行 0 / 200000 积分`)).toBeTruthy()
    expect(text('#treasury-unallocated')).toBe('未分配：0 积分')

    await typeInto(testUtils, '#issue-points', '5000')
    await typeInto(testUtils, '#issue-reason', '十二月社区活动')
    await tapLabel(testUtils, '发行')
    expect(await testUtils.queries.waitForQueryByText('已发行 5000 积分')).toBeTruthy()
    expect(text('#treasury-month .card__title')).toBe(`${thisMonth()} 已发行 5000 / 200000 积分`)
    expect(text('#treasury-issued')).toBe('累计发行：5000 积分')
    expect(text('#treasury-unallocated')).toBe('未分配：5000 积分')
    expect(text('#treasury-issuances')).toContain('+5000 积分 · 十二月社区活动')

    await tapLabel(testUtils, '东湖社区')
    await typeInto(testUtils, '#allocate-points', '2000')
    await typeInto(testUtils, '#allocate-reason', '东湖十二月额度')
    await tapLabel(testUtils, '分配')
    expect(await testUtils.queries.waitForQueryByText('已向 东湖社区 分配 2000 积分')).toBeTruthy()
    expect(text(`#purse-${east.id} .purse__line`)).toBe('已拨 2000 · 已用 0 · 剩余 2000 积分')
    expect(text('#treasury-allocated')).toBe('已分配：2000 积分')
    expect(text('#treasury-unallocated')).toBe('未分配：3000 积分')
    expect(text('#treasury-allocations')).toContain('东湖社区 +2000 积分 · 东湖十二月额度')
    // the cloud holds the same figures
    const view = await city('getTreasury')
    expect(view).toMatchObject({ issuedPoints: 5000, allocatedPoints: 2000, unallocatedPoints: 3000 })
    expect(view.purses.find((p: any) => p.communityId === east.id)).toMatchObject({ grantedPoints: 2000, spentPoints: 0, leftPoints: 2000 })

    // more than the treasury holds: refused beside the form, with what it holds
    await typeInto(testUtils, '#allocate-points', '4000')
    await typeInto(testUtils, '#allocate-reason', '太多了')
    await tapLabel(testUtils, '分配')
    expect(await testUtils.queries.waitForQueryByText('积分库未分配的积分只有 3000，不够分配 4000 积分：请先发行。')).toBeTruthy()
    expect(testUtils.queries.querySelector('#allocate-form [role="alert"]')?.textContent).toBe('积分库未分配的积分只有 3000，不够分配 4000 积分：请先发行。')
    expect((await city('getTreasury')).allocatedPoints).toBe(2000)
  })

  it('refuses an issuance past the monthly cap beside the form, saying how many more may be issued', async () => {
    const city = await devCaller(cloud, 'organizer')
    await city('issuePoints', { requestId: 'cap-request-1', points: 150_000, reason: '年底' })
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(TreasuryPage)
    expect(await testUtils.queries.waitForQueryByText('本月还可发行 50000 积分')).toBeTruthy()
    await typeInto(testUtils, '#issue-points', '60000')
    await typeInto(testUtils, '#issue-reason', '超出上限')
    await tapLabel(testUtils, '发行')
    const refusal = '超过本月发行上限：上限 200000 积分，本月已发行 150000，最多还能发行 50000 积分。'
    expect(await testUtils.queries.waitForQueryByText(refusal)).toBeTruthy()
    expect(testUtils.queries.querySelector('#issue-form [role="alert"]')?.textContent).toBe(refusal)
    expect((await city('getTreasury')).monthIssuedPoints).toBe(150_000)
    // a form that is not filled in is not sent
    await typeInto(testUtils, '#issue-points', '1e3')
    await tapLabel(testUtils, '发行')
    expect(await testUtils.queries.waitForQueryByText('请输入正整数积分，并写明理由（最多 200 字）')).toBeTruthy()
  })

  it('keeps an issuance requestId until the cloud answers: a lost answer tapped again issues once', async () => {
    const city = await devCaller(cloud, 'organizer')
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(TreasuryPage)
    await testUtils.queries.waitForQueryByText(`${thisMonth()} 已发行 0 / 200000 积分`)
    // every answer to the first tap is lost on the way back (the cloud did the work)
    const sent: string[] = []
    let lose = 3
    setTransport(async (name, data, token) => {
      const body = (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as CloudBody
      if (name === 'issuePoints') {
        sent.push((data as any).requestId)
        if (lose-- > 0) throw new CloudCallError('NETWORK', 'request:fail timeout')
      }
      return body
    })
    await typeInto(testUtils, '#issue-points', '800')
    await typeInto(testUtils, '#issue-reason', '植树节')
    await tapLabel(testUtils, '发行')
    expect(await testUtils.queries.waitForQueryByText('无法连接服务器，请检查网络')).toBeTruthy()
    await tapLabel(testUtils, '发行')
    expect(await testUtils.queries.waitForQueryByText('已发行 800 积分')).toBeTruthy()
    expect(sent).toHaveLength(4)
    expect(new Set(sent).size).toBe(1)
    expect((await city('getTreasury')).issuedPoints).toBe(800)
    // answered: the same move asked again is a new issuance
    await typeInto(testUtils, '#issue-points', '800')
    await typeInto(testUtils, '#issue-reason', '植树节')
    await tapLabel(testUtils, '发行')
    await testUtils.queries.waitForQueryByText(`${thisMonth()} 已发行 1600 / 200000 积分`)
    expect(new Set(sent).size).toBe(2)
    expect((await city('getTreasury')).issuedPoints).toBe(1600)
  })
})

describe('a community organizer and their allowance', () => {
  it('sees only their allowance and its allocations, no forms; the events form draws its budget from it', async () => {
    const city = await devCaller(cloud, 'organizer')
    const east = (await city('upsertCommunity', { name: '东湖社区' })).community
    const west = (await city('upsertCommunity', { name: '西山社区' })).community
    await city('grantOrganizer', { openid: await openidOf('eastlead'), communityId: east.id, granted: true })
    await city('issuePoints', { requestId: 'issue-request-1', points: 10_000, reason: '十二月' })
    await city('allocatePoints', { requestId: 'alloc-request-1', communityId: east.id, points: 300, reason: '东湖额度' })
    await city('allocatePoints', { requestId: 'alloc-request-2', communityId: west.id, points: 4000, reason: '西山额度' })

    await useAppStore.getState().loginWithHandle('eastlead')
    await remount(TreasuryPage)
    expect(await testUtils.queries.waitForQueryByText('东湖社区 的额度')).toBeTruthy()
    expect(text(`#purse-${east.id}`)).toContain('已拨 300 · 已用 0 · 剩余 300 积分')
    expect(text('#treasury-allocations')).toContain('东湖社区 +300 积分 · 东湖额度')
    expect(text('#treasury-allocations')).not.toContain('西山')
    for (const absent of ['#issue-form', '#allocate-form', '#treasury-month', '#treasury-unallocated', `#purse-${west.id}`]) {
      expect(testUtils.queries.querySelector(absent)).toBeNull()
    }

    // an event's budget (places × reward) comes out of the allowance
    await remount(EventsAdminPage)
    await tapLabel(testUtils, '发布活动')
    await typeInto(testUtils, '#event-title', '湖边清洁')
    await typeInto(testUtils, '#event-place', '东湖岸边')
    await typeInto(testUtils, '#event-slots', '10')
    await typeInto(testUtils, '#event-reward', '10')
    expect(text('#event-budget')).toBe('预算 100 积分：名额 × 奖励，发布时由你资助')
    expect(text('#event-fundable')).toBe('可用于预算：社区额度剩余 300 积分')
    await typeInto(testUtils, '#event-slots', '40')
    expect(text('#event-fundable')).toBe('可用于预算：社区额度剩余 300 积分 · 预算超过可用积分，发布会被拒绝')
    const announce = async () => {
      const buttons = Array.from(document.querySelectorAll('[aria-label="发布活动"]'))
      await testUtils.act(async () => testUtils.fireEvent.click(buttons[buttons.length - 1]))
    }
    await announce()
    expect(await testUtils.queries.waitForQueryByText('社区额度只剩 300 积分，不够本次预算 400 积分：请全市组织者分配更多额度。')).toBeTruthy()
    expect((await city('listEvents', { manage: true })).events).toEqual([])
    await typeInto(testUtils, '#event-slots', '20')
    await announce()
    expect(await testUtils.queries.waitForQueryByText('已发布 湖边清洁')).toBeTruthy()
    const purse = (await city('getTreasury')).purses.find((p: any) => p.communityId === east.id)
    expect(purse).toMatchObject({ grantedPoints: 300, spentPoints: 200, leftPoints: 100 })
    await remount(TreasuryPage)
    expect(await testUtils.queries.waitForQueryByText('已拨 300 · 已用 200 · 剩余 100 积分')).toBeTruthy()
  })
})
