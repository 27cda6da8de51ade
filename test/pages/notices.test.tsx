/** What people are told in round 3: the nickname rules before sending, the privacy notice, the methodology's new rules, a review reason. */
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import MePage from '../../src/pages/me'
import MethodologyPage from '../../src/packages/about/pages/methodology'
import PrivacyPage from '../../src/packages/about/pages/privacy'
import ReviewPage from '../../src/packages/organizer/pages/review'
import { setTransport, type CloudBody } from '../../src/services/cloud'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, showPage, tapLabel, typeInto } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils
let sent: { name: string; data: any }[]

beforeEach(async () => {
  sent = []
  // every call the page makes is recorded on its way to the in-process cloud
  ;({ cloud, testUtils } = await freshPage('/', (cloud) =>
    setTransport(async (name, data, token) => {
      sent.push({ name, data })
      return (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as CloudBody
    }),
  ))
})

afterEach(() => closePage(testUtils, cloud))

const fieldError = () => testUtils.queries.querySelector('#nickname-error')?.textContent

describe("Me's nickname", () => {
  it('refuses a reserved label or invisible characters beside the field, before sending, in both languages', async () => {
    await useAppStore.getState().loginWithHandle('lee')
    await testUtils.mount(MePage, {})
    await showPage(testUtils.act)
    const renames = () => sent.filter((c) => c.name === 'updateProfile')

    await typeInto(testUtils, '#nickname', ' 已注销 ')
    await tapLabel(testUtils, '保存昵称')
    expect(await testUtils.queries.waitForQuerySelector('#nickname-error')).toBeTruthy()
    expect(fieldError()).toBe('“已注销”是保留的称呼，请换一个昵称')
    expect(testUtils.queries.querySelector('#nickname-error')!.getAttribute('role')).toBe('alert')

    await typeInto(testUtils, '#nickname', 'Admin')
    expect(fieldError()).toBeUndefined() // typing clears it
    await tapLabel(testUtils, '保存昵称')
    expect(fieldError()).toBe('“Admin”是保留的称呼，请换一个昵称')

    await typeInto(testUtils, '#nickname', 'li\u200Bly')
    await tapLabel(testUtils, '保存昵称')
    expect(fieldError()).toBe('昵称含有看不见的字符或控制字符，请删掉后再保存')
    await typeInto(testUtils, '#nickname', 'evil\u202Etxt.exe')
    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    await tapLabel(testUtils, 'Save nickname')
    expect(fieldError()).toBe('The nickname has invisible or control characters: remove them')
    expect(renames()).toEqual([])
    expect(useAppStore.getState().session!.nickname).toBe('lee')

    // a good one goes through
    await typeInto(testUtils, '#nickname', '小李')
    await tapLabel(testUtils, 'Save nickname')
    await testUtils.queries.waitForQueryByText('小李')
    expect(renames().map((c) => c.data)).toEqual([{ nickname: '小李' }])
    expect(useAppStore.getState().session!.nickname).toBe('小李')
    expect(fieldError()).toBeUndefined()
  })
})

describe('the privacy notice (version 4)', () => {
  it('says what a deleted account keeps, for how long and why, and what location an event receives', async () => {
    await testUtils.mount(PrivacyPage, {})
    for (const title of ['保存多久', '注销后仍保留的计数', '活动签到时的位置']) {
      expect(await testUtils.queries.waitForQueryByText(title)).toBeTruthy()
    }
    const page = document.body.textContent!
    for (const fact of [
      '未使用兑换券随即作废',
      '活动名额释放',
      '带密钥的哈希值（不保存微信 openid 或登录名本身）',
      '每日上限的计数保留 7 天',
      '最近的出行（用于核对出行时间不重叠）约 3 天',
      '签到过的活动保留到活动结束',
      '完成过的挑战保留到它不能再计入为止',
      '每种奖品的兑换次数永久保留，因为每人限兑次数是终身的',
      '不让“注销后重新登录”重置对每个人的限制',
      '服务器只保存你与活动地点的距离（米），不保存位置本身',
      '只有你在“我的”页面为某个合作方',
      '我们只保存它给你的用户编号的加密摘要',
    ]) {
      expect(page).toContain(fact)
    }
    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    expect(await testUtils.queries.waitForQueryByText('What is kept after you delete your account')).toBeTruthy()
    const en = document.body.textContent!
    for (const fact of [
      'never your WeChat openid or handle themselves',
      'the daily cap counters for 7 days',
      'for about 3 days',
      'for good, because per-person reward limits are for a lifetime',
      'never the position itself',
      'only when you make a link code for it in Me',
      'a keyed hash of the user id it gave you',
    ]) {
      expect(en).toContain(fact)
    }
  })
})

describe('the methodology page', () => {
  it("states round 3's rules with the cloud's figures", async () => {
    await useAppStore.getState().loginWithHandle('kai')
    await testUtils.mount(MethodologyPage, {})
    await showPage(testUtils.act)
    expect(await testUtils.queries.waitForQueryByText('只手填站点编码的投递，所有材料合计每人每天最多记入 17300 克。')).toBeTruthy()
    expect(
      testUtils.queries.queryByText('同一回收站屏幕码在一个 30 秒窗口内被超过 4 位居民扫描（一个站点服务不了这么多人），这个窗口的投递全部交给组织者审核。'),
    ).toBeTruthy()
    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    expect(
      await testUtils.queries.waitForQueryByText('Drops with a typed station code earn at most 17300 g a day per person, all materials together.'),
    ).toBeTruthy()
    expect(
      testUtils.queries.queryByText(
        'When more than 4 residents scan one station display code in one 30-second window (more than one station serves), every drop of that window goes to an organizer for review.',
      ),
    ).toBeTruthy()
  })
})

describe('the review queue', () => {
  it("labels drops of a shared station code window with the reason 'shared_code' in both languages", async () => {
    const boss = await devCaller(cloud, 'organizer')
    const { code } = await boss('stationDisplayCode', { stationCode: 'ST-HQ01' })
    for (let i = 0; i < 5; i++) {
      const r = await devCaller(cloud, `near${i}`)
      await r('checkIn', { requestId: `shared-code-drop-${i}`, kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01', displayCode: code })
    }
    await useAppStore.getState().loginWithHandle('organizer')
    await testUtils.mount(ReviewPage, {})
    await showPage(testUtils.act)
    await testUtils.queries.waitForQueryByText('near4')
    const reasons = () => Array.from(document.querySelectorAll('.card .muted')).map((n) => n.textContent!.split(' · ').slice(1).join(' · '))
    expect(reasons()).toHaveLength(5)
    expect(new Set(reasons())).toEqual(new Set(['同一站点屏幕码在 30 秒内被过多居民扫描（超过一个站点能服务的人数）']))
    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    await testUtils.queries.waitForQueryByText('Confirm')
    expect(new Set(reasons())).toEqual(new Set(['One station display code scanned by more residents in one 30-second window than a station serves']))
  })
})
