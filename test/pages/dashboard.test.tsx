import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import CityDashboardPage from '../../src/packages/public/pages/city'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, showPage } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7)

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage('/packages/public/pages/city/index'))
})

afterEach(async () => {
  // what leaving the page does: its refresh timer stops
  const { getPageInstance, HOOKS_APP_ID } = await import('@tarojs/runtime')
  const inst = getPageInstance(HOOKS_APP_ID) as { componentDidHide?: (() => void) | (() => void)[] } | undefined
  ;([] as (() => void)[]).concat(inst?.componentDidHide ?? []).forEach((hide) => hide())
  await closePage(testUtils, cloud)
})

/** `count` residents of a community, each with one bus trip of `km` (26 g/km). */
async function residents(communityId: string, prefix: string, count: number, km: number) {
  for (let i = 0; i < count; i++) {
    const r = await devCaller(cloud, `${prefix}${i}`)
    await r('setMyCommunity', { communityId })
    await r('checkIn', { requestId: `${prefix}-bus-${i}-trip`, kind: 'travel', mode: 'bus', distanceKm: km, durationMin: 30 })
  }
}

describe('the public city dashboard', () => {
  it('folds communities with fewer than 5 residents into one "other communities" row, and shows 12 months of issuance', async () => {
    const city = await devCaller(cloud, 'organizer')
    const big = (await city('upsertCommunity', { name: '滨河社区' })).community
    const east = (await city('upsertCommunity', { name: '东湖社区' })).community
    const west = (await city('upsertCommunity', { name: '西山社区' })).community
    await residents(big.id, 'big', 5, 10) // 5 × 260 g
    await residents(east.id, 'east', 2, 10) // 2 × 260 g
    await residents(west.id, 'west', 1, 5) // 130 g
    await city('issuePoints', { requestId: 'issue-request-1', points: 60_000, reason: '十二月' })

    await testUtils.mount(CityDashboardPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQuerySelector(`#city-community-${big.id}`)).toBeTruthy()
    expect(testUtils.queries.querySelector(`#city-community-${big.id}`)!.textContent).toContain('5 位居民 · 累计 1.30 kg · 本周 1.30 kg')
    // the small ones are never shown one by one
    expect(testUtils.queries.querySelector(`#city-community-${east.id}`)).toBeNull()
    expect(testUtils.queries.querySelector(`#city-community-${west.id}`)).toBeNull()
    expect(testUtils.queries.queryByText('东湖社区')).toBeNull()
    const others = testUtils.queries.querySelector('#city-community-others')!
    expect(others.querySelector('.card__title')!.textContent).toBe('其他社区')
    expect(others.textContent).toContain('参与居民不足 5 人的 2 个社区合计（不单独公开，以免认出个人）')
    expect(others.textContent).toContain('3 位居民 · 累计 0.65 kg · 本周 0.65 kg')
    expect(others.querySelector('[role="progressbar"]')!.getAttribute('aria-label')).toBe('其他社区 3 位居民 · 累计 0.65 kg · 本周 0.65 kg')

    // issuance: a labelled bar per month, the last 12, oldest first, this month's the only one with points
    const months = Array.from(testUtils.queries.querySelectorAll('#city-issuance .city__month'))
    expect(months).toHaveLength(12)
    expect(months[11].id).toBe(`city-issuance-${thisMonth()}`)
    expect(months[11].textContent).toBe(`${thisMonth()}：发行 60000 积分`)
    const bars = months.map((m) => m.querySelector('[role="progressbar"]')!)
    expect(bars[11].getAttribute('aria-label')).toBe(`${thisMonth()}：发行 60000 积分`)
    expect(bars.map((b) => b.getAttribute('aria-valuenow'))).toEqual([...Array(11).fill('0'), '60000'])
    expect(months[0].textContent).toMatch(/^\d{4}-\d{2}：发行 0 积分$/)
    expect(months.map((m) => m.id.slice('city-issuance-'.length))).toEqual([...months.map((m) => m.id.slice('city-issuance-'.length))].sort())

    // how the grams were proven: every level, strongest first; these bus trips are all the residents' own word
    const levels = Array.from(testUtils.queries.querySelectorAll('#city-evidence .city__month'))
    expect(levels.map((l) => l.id)).toEqual(
      ['operator', 'scale', 'station-display', 'venue-display', 'verified-steps', 'self-reported'].map((l) => `city-evidence-${l}`),
    )
    expect(levels[5].textContent).toBe('居民自报：100%（1.95 kg）')
    expect(levels[0].textContent).toBe('运营方数据：0%（0.00 kg）')
    expect(levels[5].querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('100')

    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    expect(await testUtils.queries.waitForQueryByText(`${thisMonth()}: 60000 points issued`)).toBeTruthy()
    expect(testUtils.queries.querySelector('#city-evidence-self-reported')!.textContent).toBe('Self-reported: 100% (1.95 kg)')
    expect(testUtils.queries.queryByText('Other communities')).toBeTruthy()
  })

  it('shows no "other communities" row when every community is large enough', async () => {
    const city = await devCaller(cloud, 'organizer')
    const big = (await city('upsertCommunity', { name: '滨河社区' })).community
    await residents(big.id, 'big', 5, 10)
    await testUtils.mount(CityDashboardPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQuerySelector(`#city-community-${big.id}`)).toBeTruthy()
    expect(testUtils.queries.querySelector('#city-community-others')).toBeNull()
    expect(testUtils.queries.querySelectorAll('#city-issuance .city__month')).toHaveLength(12)
  })
})
