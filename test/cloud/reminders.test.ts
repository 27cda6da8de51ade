import { createSubscribeSender } from '../../mock/reminders/reminderSender'
import { createWeChatLogin } from '../../mock/platform/wechat'
import { MAX_SEND_ATTEMPTS } from '../../src/core/reminders'
import { shanghaiDayStartMs } from '../../src/core/time'
import { startWeChatStandIn, STAND_IN_APPID, STAND_IN_SECRET, standInOpenid, type WeChatStandIn } from '../support/wechatStandIn'
import { bike, harness, NOW, rid, type Caller, type Harness } from './harness'
import { abandonSending } from '../../mock/reminders/queries'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const TEMPLATES = {
  streak: { id: 'tpl-streak', title: 'thing1', detail: 'thing2', time: 'time3' },
  challengeEnding: { id: 'tpl-challenge', title: 'thing1', detail: 'thing2', time: 'time3' },
  voucherExpiring: { id: 'tpl-voucher', title: 'thing1', detail: 'thing2', time: 'time3' },
}

let h: Harness
let wechat: WeChatStandIn
/** What the sender told the operator: a test that provokes a refusal asserts the line instead of printing it. */
let senderLog: string[]

beforeEach(async () => {
  // WeChat's token expiry runs on the test's clock, as the sender's does
  wechat = await startWeChatStandIn(undefined, undefined, () => h.clock.ms)
  const options = { appid: STAND_IN_APPID, secret: STAND_IN_SECRET, apiBase: wechat.url, timeoutMs: 400 }
  // the sender reads the test's clock, so a token's two hours pass when the test says so
  senderLog = []
  const reminderSender = createSubscribeSender({ ...options, now: () => h.clock.ms, log: (line) => senderLog.push(line) })
  h = await harness({ organizers: ['boss'], tokenTtlSeconds: 90 * 86400, wechat: createWeChatLogin(options), reminderSender, reminderTemplates: TEMPLATES })
})

afterEach(async () => {
  await h.close()
  await wechat.close()
})

const send = () => h.cloud.sendReminders()

/** A person who logged in with WeChat: their reminders can be sent as subscribe messages. */
const wechatPerson = (name: string) => h.login(`ok-${name}-${rid()}`)

const inbox = async (c: Caller) => (await c.ok('listInbox')).messages.map((m: any) => `${m.kind}@${m.dueAt.slice(0, 16)}`)
const tomorrow8pm = shanghaiDayStartMs('2026-11-30') + 20 * HOUR

describe('reminders residents opt into', () => {
  it('writes nothing for a person who did not opt in', async () => {
    const a = await h.as('ann')
    await a.ok('checkIn', bike(3))
    h.clock.ms = tomorrow8pm + HOUR
    expect(await a.ok('listInbox')).toEqual({ messages: [], unread: 0 })
    expect(await send()).toMatchObject({ sent: 0, inbox: 0 })
  })

  it("streak: a check-in sets tomorrow evening's reminder, and tomorrow's check-in makes it moot", async () => {
    const a = await h.as('ann')
    expect(await a.ok('setReminders', { kinds: ['streak'] })).toEqual({ kinds: ['streak'], sends: { streak: 0, challengeEnding: 0, voucherExpiring: 0 } })
    await a.ok('checkIn', bike(3))
    // a retried check-in (same requestId) writes no second reminder
    const again = bike(2)
    await a.ok('checkIn', again)
    await a.ok('checkIn', again)
    h.clock.ms = tomorrow8pm - 1
    expect(await inbox(a)).toEqual([])
    h.clock.ms = tomorrow8pm
    expect(await inbox(a)).toEqual(['streak@2026-11-30T20:00'])
    const listed = await a.ok('listInbox')
    expect(listed.unread).toBe(1)
    expect(listed.messages[0]).toMatchObject({ kind: 'streak', read: false, sentByWeChat: false, params: { day: '2026-11-30' } })

    // the next day a check-in before 20:00: no reminder that evening
    h.clock.ms = shanghaiDayStartMs('2026-12-01') + 9 * HOUR
    await a.ok('checkIn', bike(3))
    h.clock.ms = shanghaiDayStartMs('2026-12-01') + 21 * HOUR
    expect(await inbox(a)).toEqual(['streak@2026-11-30T20:00'])
  })

  it('a check-in back-dated to yesterday does not remind about a day already checked in', async () => {
    const a = await h.as('ann')
    await a.ok('setReminders', { kinds: ['streak'] })
    await a.ok('checkIn', bike(3))
    // a trip of yesterday evening, checked in this morning
    await a.ok('checkIn', bike(2, { occurredAt: new Date(NOW - 14 * HOUR).toISOString() }))
    h.clock.ms = shanghaiDayStartMs('2026-11-29') + 21 * HOUR
    expect(await inbox(a)).toEqual([])
  })

  it('challenge ending tomorrow: written when joining, due at 10:00 the day before its last day', async () => {
    const boss = await h.as('boss')
    const c = (
      await boss.ok('createChallenge', {
        title: '地铁周 Metro week',
        metric: 'gramsCo2e',
        targetPerMember: 500,
        startDay: '2026-11-29',
        endDay: '2026-12-03',
        bonusPoints: 10,
      })
    ).challenge
    const a = await h.as('ann')
    await a.ok('setReminders', { kinds: ['challengeEnding'] })
    await a.ok('joinChallenge', { challengeId: c.id })
    h.clock.ms = shanghaiDayStartMs('2026-12-02') + 10 * HOUR
    const [m] = (await a.ok('listInbox')).messages
    expect(m).toMatchObject({ kind: 'challengeEnding', dueAt: '2026-12-02T10:00:00.000+08:00', params: { title: '地铁周 Metro week', endDay: '2026-12-03' } })
  })

  it('voucher expiring: two days before; using or cancelling the voucher makes it moot', async () => {
    const boss = await h.as('boss')
    const reward = (await boss.ok('upsertReward', { title: '公交券 Bus ride', pointsCost: 10, stock: 10, perUserLimit: 5, validDays: 7 })).reward
    const a = await h.as('ann')
    await a.ok('setReminders', { kinds: ['voucherExpiring'] })
    await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    const kept = (await a.ok('redeem', { requestId: rid(), rewardId: reward.id })).redemption
    const cancelled = (await a.ok('redeem', { requestId: rid(), rewardId: reward.id })).redemption
    const used = (await a.ok('redeem', { requestId: rid(), rewardId: reward.id })).redemption
    await a.ok('cancelRedemption', { redemptionId: cancelled.id })
    await boss.ok('verifyRedemption', { code: used.code })
    h.clock.ms += 5 * DAY + HOUR
    const messages = (await a.ok('listInbox')).messages
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      kind: 'voucherExpiring',
      params: { title: '公交券 Bus ride', expiresAt: kept.expiresAt.slice(0, 16).replace('T', ' ') },
    })
  })

  it("marks only the person's own messages read", async () => {
    const a = await h.as('ann')
    const b = await h.as('ben')
    for (const c of [a, b]) {
      await c.ok('setReminders', { kinds: ['streak'] })
      await c.ok('checkIn', bike(3))
    }
    h.clock.ms = tomorrow8pm
    const mine = (await a.ok('listInbox')).messages[0].id
    const theirs = (await b.ok('listInbox')).messages[0].id
    expect((await a.ok('markInboxRead', { ids: [mine, theirs] })).unread).toBe(0)
    expect((await b.ok('listInbox')).unread).toBe(1)
  })

  it('refuses bad settings with a clear error and changes nothing', async () => {
    const a = await h.as('ann')
    await a.ok('setReminders', { kinds: ['streak'] })
    for (const bad of [{ kinds: ['weekly'] }, { kinds: 'streak' }, { kinds: ['streak'], accepted: ['x'] }, { kinds: ['streak'], extra: 1 }, {}]) {
      expect(await a.error('setReminders', bad)).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' })
    }
    expect(await a.error('markInboxRead', { ids: [] })).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' })
    expect((await a.ok('getReminders')).kinds).toEqual(['streak'])
  })
})

describe('sending through WeChat subscribe messages', () => {
  it('one send per acceptance, one access token for every send until it expires', async () => {
    const w = await wechatPerson('wen')
    const v = await wechatPerson('vic')
    // wen accepted WeChat's dialog twice (two sends), vic once; accepting opts in
    await w.ok('setReminders', { kinds: [], accepted: ['streak'] })
    expect(await w.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })).toMatchObject({ kinds: ['streak'], sends: { streak: 2 } })
    await v.ok('setReminders', { kinds: [], accepted: ['streak'] })
    await w.ok('checkIn', bike(3))
    await v.ok('checkIn', bike(3))
    h.clock.ms = tomorrow8pm
    expect(await send()).toMatchObject({ sent: 2 })
    expect(wechat.tokens).toHaveLength(1)
    expect(wechat.delivered.find((d) => d.touser === standInOpenid('wen'))).toMatchObject({
      template_id: 'tpl-streak',
      page: 'pages/home/index',
      data: { thing1: { value: '连续打卡要断了' }, time3: { value: '2026-11-30 20:00' } },
    })
    // two days later, past the token's two hours: one more fetch; vic has no send left, wen has one
    h.clock.ms = shanghaiDayStartMs('2026-12-01') + 8 * HOUR
    await w.ok('checkIn', bike(3))
    await v.ok('checkIn', bike(3))
    h.clock.ms = shanghaiDayStartMs('2026-12-02') + 20 * HOUR
    expect(await send()).toMatchObject({ sent: 1, inbox: 1 })
    expect(wechat.tokens).toHaveLength(2)
    expect(wechat.delivered.map((d) => d.touser).sort()).toEqual([standInOpenid('vic'), standInOpenid('wen'), standInOpenid('wen')].sort())
    expect((await w.ok('getReminders')).sends.streak).toBe(0)
    expect((await v.ok('listInbox')).messages.map((m: any) => m.sentByWeChat)).toEqual([false, true])
  })

  it('two cloud instances share one stable access token instead of invalidating each other', async () => {
    const options = {
      appid: STAND_IN_APPID,
      secret: STAND_IN_SECRET,
      apiBase: wechat.url,
      timeoutMs: 400,
      now: () => h.clock.ms,
      log: (line: string) => senderLog.push(line),
    }
    const [first, second] = [createSubscribeSender(options), createSubscribeSender(options)]
    const message = (touser: string) => ({ touser, templateId: 'tpl-streak', page: 'pages/home/index', data: {} })
    expect(await first.send(message('oA'))).toBe('sent')
    expect(await second.send(message('oB'))).toBe('sent')
    expect(await first.send(message('oC'))).toBe('sent')
    expect(wechat.tokens).toHaveLength(1)
    expect(wechat.delivered.map((d) => d.touser)).toEqual(['oA', 'oB', 'oC'])
    expect(senderLog).toEqual([])
  })

  it('a send WeChat did not take is tried again later, and delivered once', async () => {
    const w = await wechatPerson('wen')
    await w.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })
    await w.ok('checkIn', bike(3))
    h.clock.ms = tomorrow8pm
    wechat.sendPlan.push('busy', 'stale')
    expect(await send()).toMatchObject({ retry: 1, sent: 0 })
    // not again before its time
    expect(await send()).toMatchObject({ retry: 0, sent: 0, inbox: 0 })
    h.clock.ms += 30_000
    expect(await send()).toMatchObject({ retry: 1 }) // the token was stale: dropped, fetched anew next time
    h.clock.ms += 60_000
    expect(await send()).toMatchObject({ sent: 1 })
    h.clock.ms += DAY
    expect(await send()).toMatchObject({ sent: 0, retry: 0 })
    expect(wechat.delivered).toHaveLength(1)
    expect(wechat.sendAttempts).toBe(3)
    expect(wechat.tokens).toHaveLength(2)
    expect((await w.ok('getReminders')).sends.streak).toBe(0)
  })

  it('a send whose answer is lost is never sent again; a refused one gives up; retries stop at the limit', async () => {
    const w = await wechatPerson('wen')
    await w.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })
    await w.ok('checkIn', bike(3))
    h.clock.ms = tomorrow8pm
    wechat.sendPlan.push('hang')
    expect(await send()).toMatchObject({ unknown: 1 })
    h.clock.ms += DAY
    await send()
    expect(wechat.sendAttempts).toBe(1)
    expect(wechat.delivered).toHaveLength(0)
    // it is still in the app's inbox
    expect((await w.ok('listInbox')).messages).toHaveLength(1)

    const v = await wechatPerson('vic')
    await v.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })
    await v.ok('checkIn', bike(3))
    h.clock.ms += DAY
    wechat.sendPlan.push('refuse')
    expect(await send()).toMatchObject({ failed: 1 })
    expect(senderLog).toEqual([expect.stringMatching(/^\[reminders\] WeChat refused a subscribe message \(errcode 43101/)])

    const x = await wechatPerson('xia')
    await x.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })
    await x.ok('checkIn', bike(3))
    h.clock.ms += DAY
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
      wechat.sendPlan.push('busy')
      await send()
      h.clock.ms += 2 * HOUR
    }
    expect(await send()).toMatchObject({ sent: 0, retry: 0 })
    expect(wechat.delivered).toHaveLength(0)
    // never delivered: the granted send is still there for the next reminder
    expect((await x.ok('getReminders')).sends.streak).toBe(1)
  })

  it("a person without WeChat, a kind switched off, or no sender: the app's inbox only", async () => {
    const a = await h.as('ann')
    await a.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })
    await a.ok('checkIn', bike(3))
    const w = await wechatPerson('wen')
    await w.ok('setReminders', { kinds: ['streak'], accepted: ['streak'] })
    await w.ok('checkIn', bike(3))
    await w.ok('setReminders', { kinds: [] })
    h.clock.ms = tomorrow8pm
    expect(await send()).toMatchObject({ inbox: 2, sent: 0 })
    expect(wechat.sendAttempts).toBe(0)
    expect((await a.ok('listInbox')).messages).toHaveLength(1)
    expect((await w.ok('listInbox')).messages).toHaveLength(1)
    // a sender stopped mid-send leaves no claim behind to send twice
    expect(await abandonSending(h.cloud.store)).toBe(0)
  })
})
