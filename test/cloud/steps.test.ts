/** Verified steps (WeChat WeRun): the known-answer vector, then syncSteps end to end on either engine. */
import { STEPS_FACTOR } from '../../src/core/methodology'
import { decryptOpenData, DEV_WECHAT_APPID, encryptOpenData, newSessionKey, OpenDataError } from '../../mock/wallet/werun'
import { harness, NOW, rid, trip, type Caller, type Harness } from './harness'
import { saveWeChatSessionKey, getWeChatSessionKey } from '../../mock/identity/queries'
import { createOpenDataExchange } from '../../mock/platform/openData'
import { startWeChatStandIn, STAND_IN_APPID } from '../support/wechatStandIn'

const DAY_S = 24 * 3600
/** 00:00 Asia/Shanghai of the day `daysAgo` before NOW's (2026-11-29), in seconds, as WeRun stamps it */
const dayStamp = (daysAgo: number) => Date.parse('2026-11-29T00:00:00+08:00') / 1000 - daysAgo * DAY_S

describe('WeChat open-data decryption', () => {
  it("decrypts WeChat's published sample to its published plaintext (known answer)", () => {
    const encryptedData =
      'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew=='
    const plain = decryptOpenData(encryptedData, 'r7BXXKkLb8qrSNn05n0qiA==', 'tiihtNczf5v6AKRyjwEUhQ==')
    expect(JSON.stringify(plain)).toBe(
      '{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}',
    )
    // the same bytes under another key or iv never come out as JSON
    expect(() => decryptOpenData(encryptedData, 'r7BXXKkLb8qrSNn05n0qiA==', newSessionKey())).toThrow(OpenDataError)
    expect(() => decryptOpenData(encryptedData, 'AAAAAAAAAAAAAAAAAAAAAA==', 'tiihtNczf5v6AKRyjwEUhQ==')).toThrow(OpenDataError)
    expect(() => decryptOpenData('bm90IGRhdGE=', 'r7BXXKkLb8qrSNn05n0qiA==', 'short')).toThrow(OpenDataError)
  })

  it('round-trips what it encrypts', () => {
    const key = newSessionKey()
    const { encryptedData, iv } = encryptOpenData({ stepInfoList: [{ timestamp: 1, step: 2 }] }, key)
    expect(decryptOpenData(encryptedData, iv, key)).toEqual({ stepInfoList: [{ timestamp: 1, step: 2 }] })
  })
})

describe('syncSteps', () => {
  let h: Harness
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'] })
  })
  afterEach(() => h.close())

  /** a person with a WeChat session key, as a WeChat login leaves them */
  async function wechatPerson(handle: string): Promise<{ caller: Caller; key: string }> {
    const caller = await h.as(handle)
    const key = newSessionKey()
    await h.cloud.store.transaction((tx) => saveWeChatSessionKey(tx, caller.openid, key, new Date(NOW).toISOString()))
    return { caller, key }
  }
  const werun = (key: string, days: [number, number][], watermark: { appid?: string; timestamp?: number } = {}) =>
    encryptOpenData(
      {
        stepInfoList: days.map(([daysAgo, step]) => ({ timestamp: dayStamp(daysAgo), step })),
        watermark: { appid: watermark.appid ?? DEV_WECHAT_APPID, timestamp: watermark.timestamp ?? Math.floor(h.clock.ms / 1000) - 60 },
      },
      key,
    )

  it("credits each day's verified steps once, under the walking cap, for the last 7 days only", async () => {
    const { caller: a, key } = await wechatPerson('ann')
    // today 8,000 steps (131 g), yesterday 25,000 (410 g → the 296 g cap), 10 days ago: outside the window
    const first = await a.ok(
      'syncSteps',
      werun(key, [
        [0, 8000],
        [1, 25_000],
        [10, 30_000],
      ]),
    )
    expect(first.days.map((d: any) => [d.day, d.steps, d.gramsCo2e, d.points])).toEqual([
      ['2026-11-28', 25_000, 296, 29],
      ['2026-11-29', 8000, 131, 13],
    ])
    const entry = (await a.ok('listLedger', { limit: 1 })).entries[0]
    expect(entry).toMatchObject({ factorId: STEPS_FACTOR.id, methodologyVersion: '2026.3', steps: 8000, day: '2026-11-29' })
    // the same data again: nothing new; more steps later today: only what they add
    expect(
      (
        await a.ok(
          'syncSteps',
          werun(key, [
            [0, 8000],
            [1, 25_000],
          ]),
        )
      ).days.map((d: any) => d.gramsCo2e),
    ).toEqual([0, 0])
    h.clock.ms += 3 * 3600_000
    expect((await a.ok('syncSteps', werun(key, [[0, 12_000]]))).days).toEqual([expect.objectContaining({ day: '2026-11-29', steps: 12_000, gramsCo2e: 66 })])
    expect((await a.ok('getWallet')).wallet).toMatchObject({ gramsCo2eTotal: 296 + 197 })
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it("counts a day's walking once: the larger of manual walks and verified steps", async () => {
    const { caller: a, key } = await wechatPerson('bo')
    // a 5 km manual walk (115 g), then steps worth 164 g: only the 49 g the steps add
    expect((await a.ok('checkIn', trip('walk', 5, { occurredAt: new Date(h.clock.ms - 3600_000).toISOString() }))).entry.gramsCo2e).toBe(115)
    expect((await a.ok('syncSteps', werun(key, [[0, 10_000]]))).days[0]).toMatchObject({ gramsCo2e: 49 })
    // a further 2 km walk is inside those steps: absorbed, with a reason
    const absorbed = await a.error('checkIn', trip('walk', 2, { occurredAt: new Date(h.clock.ms - 10 * 60_000).toISOString() }))
    expect(absorbed).toMatchObject({ code: 'DAILY_CAP_REACHED', message: expect.stringMatching(/verified WeRun steps .* already count this walk/) })
    // …but a long walk the steps did not cover adds what exceeds them
    expect((await a.ok('checkIn', trip('walk', 4, { occurredAt: new Date(h.clock.ms - 2 * 60_000).toISOString() }))).entry.gramsCo2e).toBe(115 + 92 - 164)
    const today = (await a.ok('getWallet')).today
    expect(today.gramsCo2e).toBe(115 + 92)
  })

  it("pays a sync only for what the steps verify: a reversed walk's claim never comes back through it", async () => {
    const { caller: a, key } = await wechatPerson('gil')
    const boss = await h.as('boss')
    // a 10 km walk in 55 min (10.9 km/h, near walking's 12 km/h): credited 230 g, flagged, then reversed
    await a.ok('checkIn', trip('walk', 10, { durationMin: 55, occurredAt: new Date(h.clock.ms - 2 * 3600_000).toISOString() }))
    const [item] = (await boss.ok('listReviewQueue')).items
    expect(item.reasons).toEqual(['near_max_speed'])
    await boss.ok('decideReview', { reviewId: item.id, decision: 'reverse' })
    // 1,000 verified steps are worth 16 g: that, not the reversed 230 g, is what the sync may credit
    expect((await a.ok('syncSteps', werun(key, [[0, 1000]]))).days[0]).toMatchObject({ steps: 1000, gramsCo2e: 16 })
    expect((await a.ok('getWallet')).wallet.gramsCo2eTotal).toBe(16)
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it("refuses data under another person's key, for another app, stale, or garbage, and credits nothing", async () => {
    const { caller: a } = await wechatPerson('cy')
    const { key: otherKey } = await wechatPerson('dee')
    const noKey = await h.as('eve')
    const key = (await getWeChatSessionKey(h.cloud.store, a.openid)) as string
    const cases: [Caller, object, RegExp][] = [
      // every payload that does not open, parse or belong to this app: one answer, word for word
      [a, werun(otherKey, [[0, 9000]]), /^These WeRun data cannot be verified with your WeChat session/],
      [a, werun(newSessionKey(), [[0, 9000]], {}), /^These WeRun data cannot be verified/],
      [a, { encryptedData: 'bm90IGRhdGEgYXQgYWxs', iv: 'AAAAAAAAAAAAAAAAAAAAAA==' }, /^These WeRun data cannot be verified/],
      [a, werun(key, [[0, 9000]], { appid: 'wx4f4bc4dec97d474b' }), /^These WeRun data cannot be verified/],
      [a, encryptOpenData({ stepInfoList: 'lots', watermark: { appid: DEV_WECHAT_APPID, timestamp: 1 } }, key), /^These WeRun data cannot be verified/],
      [noKey, werun(otherKey, [[0, 9000]]), /log in with WeChat first/],
      [a, { encryptedData: 'not base64!', iv: 'AAAA' }, /base64/],
      // past the key, the refusals may say why: stale, or from the future
      [a, werun(key, [[0, 9000]], { timestamp: Math.floor(h.clock.ms / 1000) - 2 * DAY_S }), /stale/],
      [a, werun(key, [[0, 9000]], { timestamp: Math.floor(h.clock.ms / 1000) + 3600 }), /stamped in the future/],
      [a, werun(key, [[-2, 9000]]), /on a day after today/],
      [a, werun(key, [[40, 9000]]), /before the last 31 days/],
    ]
    // Step stamps no phone can send (beyond the year 2100, negative): a refusal, not a 500.
    for (const timestamp of [1e12, 1e20, -1, 2 ** 53]) {
      cases.push([
        a,
        encryptOpenData({ stepInfoList: [{ timestamp, step: 5 }], watermark: { appid: DEV_WECHAT_APPID, timestamp: Math.floor(h.clock.ms / 1000) } }, key),
        /^These WeRun data cannot be verified/,
      ])
    }
    for (const [who, data, message] of cases) {
      expect(await who.error('syncSteps', data)).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400, message: expect.stringMatching(message) })
    }
    expect((await a.ok('listLedger')).entries).toHaveLength(0)
  })

  it('is no padding oracle: every tampered ciphertext gets the same answer, whatever broke (property)', async () => {
    const { caller: a, key } = await wechatPerson('oracle')
    const genuine = werun(key, [[0, 9000]])
    const bytes = Buffer.from(genuine.encryptedData, 'base64')
    const ivBytes = Buffer.from(genuine.iv, 'base64')
    const answers = new Set<string>()
    // Flip each byte of the iv and of the last two blocks: some keep the padding valid (JSON breaks), most do not.
    const tampered: { encryptedData: string; iv: string }[] = []
    for (let i = 0; i < 16; i++) {
      const iv = Buffer.from(ivBytes)
      iv[i] ^= 0x01
      tampered.push({ encryptedData: genuine.encryptedData, iv: iv.toString('base64') })
    }
    for (let i = bytes.length - 32; i < bytes.length; i++) {
      for (const flip of [0x01, 0x80]) {
        const b = Buffer.from(bytes)
        b[i] ^= flip
        tampered.push({ encryptedData: b.toString('base64'), iv: genuine.iv })
      }
    }
    for (const data of tampered) {
      const out = await a.call('syncSteps', data)
      answers.add(JSON.stringify([out.status, out.body.error?.code, out.body.error?.message]))
    }
    expect([...answers]).toEqual([
      JSON.stringify([400, 'INVALID_ARGUMENT', 'These WeRun data cannot be verified with your WeChat session: sync your steps again from WeChat.']),
    ])
    expect((await a.ok('listLedger')).entries).toHaveLength(0)
  })

  it('runs the same decryption from the dev data source, which exists only with dev login', async () => {
    const a = await h.as('fay')
    const data = await a.ok('devWeRunData', { days: [{ daysAgo: 0, steps: 6000 }] })
    expect((await a.ok('syncSteps', data)).days[0]).toMatchObject({ steps: 6000, gramsCo2e: 98 })
    const prod = await harness({ devLogin: false })
    const login = await prod.cloud.call('login', { code: 'dev:fay' })
    expect(login.status).toBe(400)
    await prod.close()
    expect((await a.error('devWeRunData', { days: [] })).code).toBe('INVALID_ARGUMENT')
    expect(rid()).toMatch(/^req-/)
  })
})

describe('syncSteps under WeChat Cloud Run (cloudID)', () => {
  const weRunPlain = (days: [number, number][], appid = STAND_IN_APPID) => ({
    stepInfoList: days.map(([daysAgo, step]) => ({ timestamp: dayStamp(daysAgo), step })),
    watermark: { appid, timestamp: Math.floor(NOW / 1000) - 60 },
  })

  it("trades the phone's cloudID for its WeRun data under the caller's own WeChat openid, credits once, and refuses another's cloudID", async () => {
    const wechat = await startWeChatStandIn()
    const h = await harness({
      cloudRun: true,
      wechatAppid: STAND_IN_APPID,
      openData: createOpenDataExchange({ apiBase: wechat.url, timeoutMs: 2_000, log: () => undefined }),
    })
    const platform = (wechatOpenid: string) => ({ platformOpenid: wechatOpenid })
    const call = (name: string, data: unknown, wechatOpenid: string) => h.cloud.call(name, data, undefined, platform(wechatOpenid))
    try {
      await call('login', { code: 'wx-code-0123456789' }, 'oCR-ann-0001')
      await call('login', { code: 'wx-code-0123456789' }, 'oCR-bob-0001')
      const cloudID = wechat.issueCloudID('oCR-ann-0001', weRunPlain([[0, 8000]]))
      // Bob sends Ann's cloudID: WeChat will not redeem it under his openid, and nothing is credited.
      expect((await call('syncSteps', { cloudID }, 'oCR-bob-0001')).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
      const first = (await call('syncSteps', { cloudID }, 'oCR-ann-0001')).body as any
      expect(first.result.days).toEqual([expect.objectContaining({ day: '2026-11-29', steps: 8000, gramsCo2e: 131 })])
      // The same data again (a fresh cloudID for the same steps) credits nothing more.
      const again = (await call('syncSteps', { cloudID: wechat.issueCloudID('oCR-ann-0001', weRunPlain([[0, 8000]])) }, 'oCR-ann-0001')).body as any
      expect(again.result.days.map((d: any) => d.gramsCo2e)).toEqual([0])
      // Another mini-program's data, garbage shapes and a busy WeChat: refused, nothing credited.
      expect(
        (await call('syncSteps', { cloudID: wechat.issueCloudID('oCR-ann-0001', weRunPlain([[0, 9000]], 'wxanotherapp0000')) }, 'oCR-ann-0001')).body,
      ).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
      expect((await call('syncSteps', { cloudID: wechat.issueCloudID('oCR-ann-0001', { nope: true }) }, 'oCR-ann-0001')).body).toMatchObject({
        error: { code: 'INVALID_ARGUMENT' },
      })
      wechat.openDataPlan.push('busy')
      expect((await call('syncSteps', { cloudID: wechat.issueCloudID('oCR-ann-0001', weRunPlain([[0, 9000]])) }, 'oCR-ann-0001')).body).toMatchObject({
        error: { code: 'UNAVAILABLE' },
      })
      for (const bad of [{ cloudID: '' }, { cloudID: 'has space' }, { cloudID: 'x', iv: 'AAAA' }, {}]) {
        expect((await call('syncSteps', bad, 'oCR-ann-0001')).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
      }
      const wallet = ((await call('getWallet', {}, 'oCR-ann-0001')).body as any).result.wallet
      expect(wallet.gramsCo2eTotal).toBe(131)
    } finally {
      await h.close()
      await wechat.close()
    }
  })

  it('refuses a cloudID on a server that verifies steps by session key', async () => {
    const h = await harness()
    const a = await h.as('ann')
    expect(await a.error('syncSteps', { cloudID: '27_abcdefgh' })).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/Cloud Run/) })
    await h.close()
  })
})
