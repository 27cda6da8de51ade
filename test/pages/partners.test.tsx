/** The city's partners in the app (issue 24): a resident linking one with a code, and city organizers managing them. */
import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import type { Cloud } from '../../mock/cloud'
import { partnerAuthorization } from '../../mock/partners/signing'
import { PARTNERS_PRIVACY_VERSION } from '../../src/contract/constants'
import { shanghaiClock, shanghaiDay } from '../../src/core/time'
import MePage from '../../src/pages/me'
import PartnerLinksPage from '../../src/packages/me/pages/partners'
import PartnersAdminPage from '../../src/packages/organizer/pages/partners'
import WalletPage from '../../src/pages/wallet'
import { CloudCallError, setTransport, type CloudBody } from '../../src/services/cloud'
import { useAppStore } from '../../src/store'
import { closePage, devCaller, freshPage, remountPage, tapLabel, typeInto, waitUntil } from './cloudHarness'

let cloud: Cloud
let testUtils: TestUtils

const LINK_PATH = '/partner/v1/link'
const text = (selector: string) => testUtils.queries.querySelector(selector)?.textContent
const label = (name: string) => testUtils.queries.querySelector(`[aria-label="${name}"]`)
const openidOf = async (handle: string) => ((await cloud.call('login', { code: `dev:${handle}` })).body as any).result.openid as string

/** What a partner's server does with a code the resident showed it: one signed link row. */
function linkAsPartner(p: { partnerId: string; secret: string }, linkCode: string, rowId = 'link-1') {
  const body = JSON.stringify({ rows: [{ rowId, linkCode, partnerUserId: 'hb-user-42' }] })
  const authorization = partnerAuthorization({ ...p, method: 'POST', path: LINK_PATH, body, timestampS: Math.floor(Date.now() / 1000) })
  return cloud.partnerCall('link', { method: 'POST', path: LINK_PATH, authorization, body })
}

beforeEach(async () => {
  ;({ cloud, testUtils } = await freshPage())
})

afterEach(async () => {
  jest.restoreAllMocks()
  await closePage(testUtils, cloud)
})

async function remount(page: any) {
  testUtils = await remountPage(testUtils, page)
}

describe('a resident and the partners they link', () => {
  it('makes a link code (text and QR, valid 10 minutes), sees the link once the partner used it, and removes it', async () => {
    const city = await devCaller(cloud, 'organizer')
    const { partner, secret } = await city('registerPartner', { name: '哈啰单车', kind: 'bikeshare', feeds: [] })
    await useAppStore.getState().loginWithHandle('rita')

    // Me leads to the page
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await remount(MePage)
    await tapLabel(testUtils, '合作方关联')
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/me/pages/partners/index' })
    navigate.mockRestore()

    await remount(PartnerLinksPage)
    expect(
      await testUtils.queries.waitForQueryByText(
        '关联合作方后，它会把你在那里的出行或投放记录发给我们，按同样的规则记入你的账本；隐私说明写明了合作方会发送什么。',
      ),
    ).toBeTruthy()
    expect(await testUtils.queries.waitForQueryByText('哈啰单车')).toBeTruthy()
    expect(text(`#partner-${partner.id}`)).toContain('共享单车')
    expect(text(`#partner-status-${partner.id}`)).toBe('未关联')

    await tapLabel(testUtils, '为 哈啰单车 生成关联码')
    const codeEl = await testUtils.queries.waitForQuerySelector('#link-code')
    const code = codeEl!.textContent ?? ''
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    const qr = testUtils.queries.querySelector(`.qr[aria-label="哈啰单车 的关联码二维码，码为 ${code}"]`)
    expect(qr).toBeTruthy()
    expect(qr!.getAttribute('data-qr-text')).toBe(code)
    expect(qr!.querySelectorAll('.qr__cell--dark').length).toBeGreaterThan(50)
    const until = shanghaiClock(Date.now() + 10 * 60_000).slice(6)
    expect(text('#link-code-expiry')).toBe(`有效至 ${until} · 还剩约 10 分钟`)
    expect(testUtils.queries.queryByText('在 哈啰单车 的应用中扫描二维码或输入这 8 位码。只能使用一次。')).toBeTruthy()

    // the partner's server submits the code with its own user id
    const answer = await linkAsPartner({ partnerId: partner.id, secret }, code)
    expect(answer).toMatchObject({ status: 200, body: { result: { rows: [{ rowId: 'link-1', status: 'accepted' }] } } })

    await remount(PartnerLinksPage)
    await waitUntil(() => Boolean(text(`#partner-status-${partner.id}`)?.startsWith('已关联')))
    expect(text(`#partner-status-${partner.id}`)).toMatch(new RegExp(`^已关联（${shanghaiDay(Date.now())} \\d{2}:\\d{2} 起）$`))
    // the code did its work: it is not shown again
    expect(testUtils.queries.querySelector('#link-code')).toBeNull()
    expect(label('为 哈啰单车 生成关联码')).toBeNull()

    await tapLabel(testUtils, '解除与 哈啰单车 的关联')
    expect(await testUtils.queries.waitForQueryByText('解除后，哈啰单车 发来的记录不再记入你的账本，已记入的仍然保留。确定解除？')).toBeTruthy()
    await tapLabel(testUtils, '确认解除与 哈啰单车 的关联')
    expect(await testUtils.queries.waitForQueryByText('已解除与 哈啰单车 的关联')).toBeTruthy()
    expect(text(`#partner-status-${partner.id}`)).toBe('未关联')
    const rita = await devCaller(cloud, 'rita')
    expect((await rita('listMyPartnerLinks')).partners).toEqual([{ id: partner.id, name: '哈啰单车', kind: 'bikeshare' }])
    // the partner's next link row with the spent code is refused
    expect(await linkAsPartner({ partnerId: partner.id, secret }, code, 'link-2')).toMatchObject({
      body: { result: { rows: [{ rowId: 'link-2', status: 'refused' }] } },
    })
  })

  it('reads in English, and shows the link made while the page was open after a refresh', async () => {
    const city = await devCaller(cloud, 'organizer')
    const { partner, secret } = await city('registerPartner', { name: 'Hello Bike', kind: 'bikeshare', feeds: [] })
    await useAppStore.getState().loginWithHandle('rita')
    useAppStore.getState().setLang('en')
    await remount(PartnerLinksPage)
    expect(await testUtils.queries.waitForQueryByText('Partners you can link')).toBeTruthy()
    await testUtils.queries.waitForQuerySelector(`#partner-status-${partner.id}`)
    expect(text(`#partner-status-${partner.id}`)).toBe('Not linked')
    expect(text(`#partner-${partner.id}`)).toContain('Bike share')
    await tapLabel(testUtils, 'Make a link code for Hello Bike')
    const code = (await testUtils.queries.waitForQuerySelector('#link-code'))!.textContent ?? ''
    expect(text('#link-code-expiry')).toBe(`Valid until ${shanghaiClock(Date.now() + 10 * 60_000).slice(6)} · About 10 minutes left`)
    await linkAsPartner({ partnerId: partner.id, secret }, code)
    await tapLabel(testUtils, 'I linked it there: refresh')
    await waitUntil(() => Boolean(text(`#partner-status-${partner.id}`)?.startsWith('Linked (since ')))
    expect(testUtils.queries.querySelector('#link-code')).toBeNull()
    expect(label('Remove the link with Hello Bike')).toBeTruthy()
  })

  it('records the privacy agreement the login failed to record, then makes the code', async () => {
    const city = await devCaller(cloud, 'organizer')
    const { partner } = await city('registerPartner', { name: '哈啰单车', kind: 'bikeshare', feeds: [] })
    // the login's record of the agreement is lost on the way: the cloud still has none for rita
    let lose = 1
    setTransport(async (name, data, token) => {
      if (name === 'agreePrivacy' && lose-- > 0) throw new CloudCallError('NETWORK', 'request:fail')
      return (await cloud.call(name, data, token ? `Bearer ${token}` : undefined)).body as CloudBody
    })
    await useAppStore.getState().loginWithHandle('rita')
    expect(((await cloud.call('createLinkCode', { partnerId: partner.id }, `Bearer ${useAppStore.getState().session?.token}`)).body as any).error.code).toBe(
      'PERMISSION_DENIED',
    )
    await remount(PartnerLinksPage)
    await tapLabel(testUtils, '为 哈啰单车 生成关联码')
    expect((await testUtils.queries.waitForQuerySelector('#link-code'))!.textContent).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    expect(((await cloud.call('login', { code: 'dev:rita' })).body as any).result.privacyVersion).toBe(PARTNERS_PRIVACY_VERSION)
  })
})

describe('city organizers and the partners they register', () => {
  it('registers a partner and sees its secret once, rotates it (a new secret shown) and revokes it', async () => {
    const city = await devCaller(cloud, 'organizer')
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(PartnersAdminPage)
    expect(await testUtils.queries.waitForQueryByText('还没有合作方。')).toBeTruthy()

    // a form that is not filled in is not sent
    await typeInto(testUtils, '#partner-name', '哈啰单车')
    await tapLabel(testUtils, '登记并生成密钥')
    expect(await testUtils.queries.waitForQueryByText('请填写名称（最多 40 字）并选择类型')).toBeTruthy()
    await tapLabel(testUtils, '共享单车')
    await tapLabel(testUtils, '登记并生成密钥')
    expect(await testUtils.queries.waitForQueryByText('已登记 哈啰单车')).toBeTruthy()
    const [listed] = (await city('listPartners')).partners
    const id = listed.id as string
    expect(text(`#partner-secret-${id} .partner-secret__title`)).toBe('哈啰单车 的签名密钥（第 1 版）')
    expect(text(`#partner-secret-${id}`)).toContain(
      '密钥只显示这一次：离开或刷新本页后无法再查看。请立即复制，并通过安全的渠道交给合作方；遗失后只能轮换出新密钥。',
    )
    expect(text(`#partner-secret-${id}`)).toContain(`合作方编号：${id}`)
    const first = text(`#partner-secret-value-${id}`) ?? ''
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(text(`#partner-line-${id}`)).toBe(`共享单车 · 密钥第 1 版 · 登记于 ${shanghaiDay(Date.now())}`)
    expect(text(`#partner-state-${id}`)).toBe('合作中')
    // the secret shown is the one the partner signs with
    expect((await linkAsPartner({ partnerId: id, secret: first }, 'ABCDEFGH')).status).toBe(200)

    const clipboard = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as any)
    await tapLabel(testUtils, '复制 哈啰单车 的密钥')
    expect(await testUtils.queries.waitForQueryByText('密钥已复制到剪贴板')).toBeTruthy()
    expect(clipboard).toHaveBeenLastCalledWith({ data: first })

    // once only: a reload shows the partner, never its secret
    await remount(PartnersAdminPage)
    await testUtils.queries.waitForQuerySelector(`#partner-line-${id}`)
    expect(text(`#partner-line-${id}`)).toBe(`共享单车 · 密钥第 1 版 · 登记于 ${shanghaiDay(Date.now())}`)
    expect(testUtils.queries.querySelector(`#partner-secret-${id}`)).toBeNull()
    expect(document.body.textContent).not.toContain(first)
    // its feed health: the link row above was refused (no such code), and the partner was seen then
    await testUtils.queries.waitForQuerySelector(`#partner-health-${id}`)
    expect(text(`#partner-health-${id}`)).toMatch(/^今日数据：接收 0 条，重复 0 条，拒收 1 条 · 最近来访 \d{4}-\d\d-\d\d \d\d:\d\d$/)

    await tapLabel(testUtils, '轮换 哈啰单车 的密钥')
    expect(await testUtils.queries.waitForQueryByText('轮换后旧密钥立即失效，哈啰单车 须改用新密钥签名。确定轮换？')).toBeTruthy()
    await tapLabel(testUtils, '确认轮换 哈啰单车 的密钥')
    expect(await testUtils.queries.waitForQueryByText('已为 哈啰单车 生成新密钥')).toBeTruthy()
    expect(text(`#partner-secret-${id} .partner-secret__title`)).toBe('哈啰单车 的签名密钥（第 2 版）')
    const second = text(`#partner-secret-value-${id}`) ?? ''
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(second).not.toBe(first)
    expect(text(`#partner-line-${id}`)).toBe(`共享单车 · 密钥第 2 版 · 登记于 ${shanghaiDay(Date.now())}`)
    expect(text(`#partner-health-${id}`)).toContain('拒收 1 条')
    expect((await linkAsPartner({ partnerId: id, secret: first }, 'ABCDEFGH', 'link-2')).status).toBe(401)
    expect((await linkAsPartner({ partnerId: id, secret: second }, 'ABCDEFGH', 'link-3')).status).toBe(200)
    await tapLabel(testUtils, '我已保存，收起密钥（哈啰单车）')
    expect(testUtils.queries.querySelector(`#partner-secret-${id}`)).toBeNull()

    await tapLabel(testUtils, '停用 哈啰单车')
    expect(await testUtils.queries.waitForQueryByText('停用后 哈啰单车 的请求一律被拒绝，且不能恢复；已记入居民账本的记录保留。确定停用？')).toBeTruthy()
    await tapLabel(testUtils, '确认停用 哈啰单车')
    expect(await testUtils.queries.waitForQueryByText('哈啰单车 已停用')).toBeTruthy()
    expect(text(`#partner-state-${id}`)).toBe(`已停用（${shanghaiDay(Date.now())}）`)
    expect(label('轮换 哈啰单车 的密钥')).toBeNull()
    expect((await city('listPartners')).partners[0].revokedAt).toBeTruthy()
    expect((await linkAsPartner({ partnerId: id, secret: second }, 'ABCDEFGH', 'link-4')).status).toBe(401)
  })

  it('registers a smart bin with the weights its kind may report, at the stations the organizer picks', async () => {
    const city = await devCaller(cloud, 'organizer')
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(PartnersAdminPage)
    expect(await testUtils.queries.waitForQueryByText('还没有合作方。')).toBeTruthy()
    await typeInto(testUtils, '#partner-name', '小黄狗回收')
    await tapLabel(testUtils, '智能回收箱')
    expect(text('#partner-feeds')).toBe('登记后可上报：称重记录（以及账户关联）')
    await tapLabel(testUtils, '登记并生成密钥')
    expect(await testUtils.queries.waitForQueryByText('请选择这台称重设备所在的回收站。')).toBeTruthy()
    expect((await city('listPartners')).partners).toEqual([])
    await tapLabel(testUtils, '滨河公园智能回收箱（ST-PK02）')
    await tapLabel(testUtils, '登记并生成密钥')
    expect(await testUtils.queries.waitForQueryByText('已登记 小黄狗回收')).toBeTruthy()
    expect((await city('listPartners')).partners[0]).toMatchObject({ name: '小黄狗回收', kind: 'bin', feeds: ['weights'], stations: ['ST-PK02'] })
    // a bike-share operator reports trips, and names no station
    await typeInto(testUtils, '#partner-name', '哈啰单车')
    await tapLabel(testUtils, '共享单车')
    expect(text('#partner-feeds')).toBe('登记后可上报：出行记录（以及账户关联）')
    await tapLabel(testUtils, '登记并生成密钥')
    expect(await testUtils.queries.waitForQueryByText('已登记 哈啰单车')).toBeTruthy()
    expect((await city('listPartners')).partners[0]).toMatchObject({ name: '哈啰单车', feeds: ['trips'] })
  })

  it('shows a partner another organizer revoked a moment ago as revoked when revoking it is refused', async () => {
    const city = await devCaller(cloud, 'organizer')
    const { partner } = await city('registerPartner', { name: '城市公交', kind: 'transit', feeds: [] })
    await useAppStore.getState().loginWithHandle('organizer')
    await remount(PartnersAdminPage)
    await testUtils.queries.waitForQuerySelector(`#partner-state-${partner.id}`)
    expect(text(`#partner-state-${partner.id}`)).toBe('合作中')
    await city('revokePartner', { partnerId: partner.id })
    await tapLabel(testUtils, '停用 城市公交')
    await tapLabel(testUtils, '确认停用 城市公交')
    expect(await testUtils.queries.waitForQueryByText('这个合作方已经停用了。')).toBeTruthy()
    expect(text(`#partner-state-${partner.id}`)).toBe(`已停用（${shanghaiDay(Date.now())}）`)
  })

  it('tells a community organizer the page is the city organizers’, and reads in English', async () => {
    const city = await devCaller(cloud, 'organizer')
    const east = (await city('upsertCommunity', { name: '东湖社区' })).community
    await city('grantOrganizer', { openid: await openidOf('eastlead'), communityId: east.id, granted: true })
    await useAppStore.getState().loginWithHandle('eastlead')
    await remount(PartnersAdminPage)
    expect(await testUtils.queries.waitForQueryByText('只有全市组织者可以登记和管理城市合作方。')).toBeTruthy()
    expect(text('#organizer-scope')).toBe('你管理 东湖社区')
    expect(testUtils.queries.querySelector('#partner-form')).toBeNull()

    await testUtils.act(async () => useAppStore.getState().setLang('en'))
    expect(await testUtils.queries.waitForQueryByText("Only city organizers register and manage the city's partners.")).toBeTruthy()
  })

  it('tells a resident who is no organizer the same', async () => {
    await useAppStore.getState().loginWithHandle('rita')
    await remount(PartnersAdminPage)
    expect(await testUtils.queries.waitForQueryByText('只有全市组织者可以登记和管理城市合作方。')).toBeTruthy()
    expect(testUtils.queries.querySelector('#partner-form')).toBeNull()
  })
})

describe("an operator's trip in the wallet", () => {
  it('is shown with its evidence: operator data', async () => {
    const city = await devCaller(cloud, 'organizer')
    const { partner, secret } = await city('registerPartner', { name: '哈啰单车', kind: 'bikeshare', feeds: ['trips'] })
    await useAppStore.getState().loginWithHandle('omar')
    const omar = await devCaller(cloud, 'omar')
    await omar('agreePrivacy', { version: PARTNERS_PRIVACY_VERSION })
    const { code } = await omar('createLinkCode', { partnerId: partner.id })
    expect((await linkAsPartner({ partnerId: partner.id, secret }, code)).status).toBe(200)
    const body = JSON.stringify({
      rows: [
        {
          rowId: 'ride-1',
          partnerUserId: 'hb-user-42',
          mode: 'bike',
          distanceKm: 3,
          startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
          endedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        },
      ],
    })
    const path = '/partner/v1/trips'
    const authorization = partnerAuthorization({ partnerId: partner.id, secret, method: 'POST', path, body, timestampS: Math.floor(Date.now() / 1000) })
    const answer = await cloud.partnerCall('trips', { method: 'POST', path, authorization, body })
    expect(answer).toMatchObject({ status: 200, body: { result: { rows: [{ status: 'accepted' }] } } })
    await remount(WalletPage)
    expect(await testUtils.queries.waitForQueryByText('骑行 · 运营方数据')).toBeTruthy()
  })
})
