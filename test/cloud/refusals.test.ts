/**
 * Refusals the app can word: every CloudError the cloud throws carries a reason, every reason has a sentence in
 * both languages (src/i18n/refusals.ts), and each sentence uses only the params its sites send. Checked on the
 * source text, so a new refusal without a reason, or a sentence naming a figure nobody sends, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { translator } from '../../src/i18n'
import { ZH } from '../../src/i18n/messages'
import { ENGLISH } from '../../src/i18n/en'
import { enSubpackageRefusals, zhSubpackageRefusals } from '../../src/i18n/subpackageRefusals'
import { bike, harness, NOW, rid, stockTreasury, trip, type Harness } from './harness'

const ROOT = join(__dirname, '..', '..')

/**
 * The partner API's row refusals go to a partner's server, never to the app: they keep their code and English
 * sentence (docs/partner-api.md), and the app carries no words for them.
 */
const PARTNER_FACING = new Set(['mock/partners/rows.ts'])

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** From an opening bracket at `open` to its closing one, skipping strings, template literals and comments: what is between. */
function balanced(text: string, open: number): string {
  const closer: Record<string, string> = { '(': ')', '{': '}', '[': ']' }
  const stack = [closer[text[open]]]
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]
    if (c === "'" || c === '"') i = closingQuote(text, i)
    else if (c === '`') i = closingBacktick(text, i)
    else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i)
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i) + 1
    else if (c in closer) stack.push(closer[c])
    else if (c === stack[stack.length - 1]) {
      stack.pop()
      if (stack.length === 0) return text.slice(open + 1, i)
    }
  }
  throw new Error(`unbalanced ${text[open]} at ${open}`)
}

function closingQuote(text: string, open: number): number {
  let i = open + 1
  while (text[i] !== text[open]) i += text[i] === '\\' ? 2 : 1
  return i
}

function closingBacktick(text: string, open: number): number {
  let i = open + 1
  while (text[i] !== '`') {
    if (text[i] === '\\') i += 2
    else if (text[i] === '$' && text[i + 1] === '{') i += balanced(text, i + 1).length + 3
    else i++
  }
  return i
}

/** The top-level pieces of a list (arguments, object members), split at commas outside any bracket or string. */
function topLevel(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < list.length; i++) {
    const c = list[i]
    if (c === "'" || c === '"') i = closingQuote(list, i)
    else if (c === '`') i = closingBacktick(list, i)
    else if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i))
      start = i + 1
    }
  }
  parts.push(list.slice(start))
  return parts.map((p) => p.trim()).filter(Boolean)
}

const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length

interface Site {
  where: string
  reason: string
  /** the params object's keys at the site; undefined when it sends none */
  params?: string[]
}

const REASON = /reason:\s*'([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)'/g

/** Every `{ reason: '…', params: { … } }` written in the cloud and its rules, with the keys its params name. */
function reasonSites(): Site[] {
  const sites: Site[] = []
  for (const path of [...sources('mock'), ...sources('src/core')]) {
    if (PARTNER_FACING.has(path)) continue
    const text = readFileSync(join(ROOT, path), 'utf8')
    for (const m of text.matchAll(REASON)) {
      const where = `${path}:${lineOf(text, m.index)}`
      const after = text.slice(m.index + m[0].length)
      const params = /^\s*,\s*params:\s*\{/.exec(after)
      if (!params) {
        sites.push({ where, reason: m[1] })
        continue
      }
      const members = topLevel(balanced(after, params[0].length - 1))
      sites.push({
        where,
        reason: m[1],
        params: members.map((member) => {
          // a spread would hide which params the site sends: sites spell them out
          if (member.startsWith('...')) throw new Error(`${where}: spell the params out instead of spreading ${member}`)
          return /^(\w+)/.exec(member)![1]
        }),
      })
    }
  }
  return sites
}

/** The `{name}` and `{name, plural, …}` a template fills. */
const templateParams = (template: string) => [...template.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]).sort()

// The main table and the subpackages' own (src/i18n/subpackageRefusals.ts): a refusal is worded in one of them.
const zh = { ...ZH, ...zhSubpackageRefusals } as Record<string, string>
const en = { ...ENGLISH, ...enSubpackageRefusals } as Record<string, string>

describe('every refusal has a reason the app words in both languages', () => {
  const sites = reasonSites()
  const reasons = new Set(sites.map((s) => s.reason))

  it('gives every CloudError under mock/ a reason', () => {
    const without: string[] = []
    let count = 0
    for (const path of sources('mock')) {
      if (PARTNER_FACING.has(path)) continue
      const text = readFileSync(join(ROOT, path), 'utf8')
      for (const m of text.matchAll(/new CloudError\(/g)) {
        count++
        const args = topLevel(balanced(text, m.index + m[0].length - 1))
        if (args.length < 3) without.push(`${path}:${lineOf(text, m.index)}`)
      }
    }
    expect(count).toBeGreaterThan(100)
    expect(without).toEqual([])
  })

  it('has a sentence for every reason, in Chinese and in English', () => {
    expect(reasons.size).toBeGreaterThan(100)
    const missing = [...reasons].flatMap((r) => [zh[`refusal.${r}`] ? [] : [`zh refusal.${r}`], en[`refusal.${r}`] ? [] : [`en refusal.${r}`]].flat())
    expect(missing).toEqual([])
  })

  it('fills each sentence only with params every site of its reason sends, and never an id', () => {
    const wrong: string[] = []
    for (const site of sites) {
      for (const [lang, table] of [
        ['zh', zh],
        ['en', en],
      ] as const) {
        const unsent = templateParams(table[`refusal.${site.reason}`] ?? '').filter((name) => !(site.params ?? []).includes(name))
        if (unsent.length > 0) wrong.push(`${site.where} ${lang} refusal.${site.reason} needs ${unsent.join(', ')}`)
      }
      const ids = (site.params ?? []).filter((name) => /id$/i.test(name))
      if (ids.length > 0) wrong.push(`${site.where} sends ${ids.join(', ')}: the app never shows an internal id`)
    }
    expect(wrong).toEqual([])
  })

  it('keeps no sentence for a reason the cloud never gives, and the same params in both languages', () => {
    const refusalKeys = Object.keys(zh).filter((k) => k.startsWith('refusal.'))
    // `refusal.invalid.field.<field>` words one refused field by name (errorText)
    const unused = refusalKeys.filter((k) => !reasons.has(k.slice('refusal.'.length)) && !k.startsWith('refusal.invalid.field.'))
    expect(unused).toEqual([])
    const differing = refusalKeys.filter((k) => templateParams(zh[k]).join() !== templateParams(en[k]).join())
    expect(differing).toEqual([])
  })

  it('words a refusal without a reason by its code, never with the English message, in Chinese', () => {
    const embedding = Object.keys(zh).filter((k) => k.startsWith('error.') && zh[k].includes('{message}'))
    expect(embedding).toEqual([])
  })
})

describe('refusals through the cloud carry their reason and params', () => {
  let h: Harness
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'] })
  })
  afterEach(() => h.close())

  // as a subpackage page translates: the main table with the subpackage refusals merged in
  const zhT = translator('zh-CN', { 'zh-CN': zhSubpackageRefusals, en: enSubpackageRefusals })
  const inChinese = (reason: string, params?: Record<string, string | number>) => zhT(`refusal.${reason}` as never, params)

  it('redeem with too few points: the cost, what can be spent, and the reward by name', async () => {
    const ann = await h.as('ann')
    const refused = await ann.error('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    expect(refused).toMatchObject({
      status: 422,
      code: 'INSUFFICIENT_POINTS',
      reason: 'redeem.insufficientPoints',
      params: { title: '公交乘车券', costPoints: 50, spendablePoints: 0 },
    })
    // the English sentence stays as it was, for API consumers
    expect(refused.message).toBe('公交乘车券 costs 50 points; you can spend 0.')
    expect(inChinese(refused.reason!, refused.params)).toBe('「公交乘车券」需要 50 积分，你现在可用 0 积分。')
  })

  it('a certificate of no donation of yours, without the id asked for', async () => {
    const ann = await h.as('ann')
    const refused = await ann.error('getDonationCertificate', { entryId: 'e_not_mine' })
    expect(refused).toMatchObject({ status: 404, code: 'NOT_FOUND', reason: 'certificate.notFound' })
    expect(refused.params).toBeUndefined()
    expect(inChinese(refused.reason!)).not.toContain('e_not_mine')
    // the public check of an unknown code is an answer, not a refusal: its verdict is worded by the app
    const checked = await h.cloud.call('verifyPublic', { code: '0000-0000-0000-0000' })
    expect(checked.body).toMatchObject({ result: { genuine: false, verdict: 'unknownCode' } })
  })

  it('an event code scanned too early, or not an event code at all', async () => {
    const boss = await h.as('boss')
    await stockTreasury(boss, 10_000)
    const { event } = await boss.ok('createEvent', {
      requestId: rid(),
      title: '植树活动',
      place: '东湖公园',
      startsAt: new Date(NOW + 23 * 3_600_000).toISOString(),
      endsAt: new Date(NOW + 25 * 3_600_000).toISOString(),
      slots: 2,
      rewardPoints: 30,
    })
    const ann = await h.as('ann')
    await ann.ok('signUpEvent', { eventId: event.id })
    const { code } = await boss.ok('eventDisplayCode', { eventId: event.id })
    const early = await ann.error('attendEvent', { requestId: rid(), code })
    expect(early).toMatchObject({ code: 'CONFLICT', reason: 'event.attendanceNotOpen', params: { minutes: 30 } })
    expect(inChinese(early.reason!, early.params)).toBe('签到在活动开始前 30 分钟开放，请稍后再扫码。')
    expect(await ann.error('attendEvent', { requestId: rid(), code: 'hello' })).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'event.notACode' })
  })

  it('a field the schema refuses names the field, not zod’s sentence', async () => {
    const ann = await h.as('ann')
    const refused = await ann.error('donate', { requestId: rid(), projectId: 'pj-trees', points: -5 })
    expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'invalid.field', params: { field: 'points' } })
    const unknown = await ann.error('getWallet', { openid: 'someone-else' })
    expect(unknown).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'invalid.unknownField', params: { fields: 'openid' } })
  })

  it('a second change of community within its period, with the day it is possible again', async () => {
    const boss = await h.as('boss')
    const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
    const west = (await boss.ok('upsertCommunity', { name: '西山社区' })).community
    const taken = await boss.error('upsertCommunity', { name: '东湖社区' })
    expect(taken).toMatchObject({ code: 'CONFLICT', reason: 'community.nameTaken', params: { name: '东湖社区' } })
    const ann = await h.as('ann')
    await ann.ok('setMyCommunity', { communityId: east.id })
    const refused = await ann.error('setMyCommunity', { communityId: west.id })
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      reason: 'community.changeTooSoon',
      params: { days: expect.any(Number), nextDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    })
    expect(inChinese(refused.reason!, refused.params)).toMatch(/^社区每 \d+ 天只能更换一次，\d{4}-\d{2}-\d{2} 起可以再次更换。$/)
  })
  it('a trip too fast for its mode, with the figures the resident typed', async () => {
    const ann = await h.as('ann')
    const refused = await ann.error('checkIn', bike(30, { durationMin: 20 }))
    expect(refused).toMatchObject({
      code: 'IMPLAUSIBLE',
      reason: 'checkIn.implausibleSpeed',
      params: { distanceKm: 30, durationMin: 20, kmh: 90, maxKmh: 30, mode: 'bike' },
    })
    expect(refused.message).toBe('30 km in 20 min is 90 km/h, faster than 30 km/h allowed for bike.')
    expect(inChinese(refused.reason!, refused.params)).toBe('30 公里用时 20 分钟，时速 90 公里，超过上限 30 公里，请核对。')
  })

  it('a trip that overlaps an earlier one: its times, never its entry id', async () => {
    const ann = await h.as('ann')
    const bus = (await ann.ok('checkIn', trip('bus', 8, { durationMin: 30, occurredAt: '2026-11-29T08:30:00+08:00' }))).entry
    const refused = await ann.error('checkIn', trip('bike', 4, { durationMin: 20, occurredAt: '2026-11-29T08:40:00+08:00' }))
    expect(refused).toMatchObject({
      code: 'TRIP_OVERLAP',
      reason: 'checkIn.tripOverlap',
      params: { start: '2026-11-29T08:00:00.000+08:00', end: '2026-11-29T08:30:00.000+08:00' },
    })
    expect(refused.message).toContain(bus.id)
    expect(JSON.stringify(refused.params)).not.toContain(bus.id)
  })

  it("a walk past the day's cap, with the cap and the day", async () => {
    const ann = await h.as('ann')
    await ann.ok('checkIn', trip('walk', 10))
    await ann.ok('checkIn', trip('walk', 5))
    const refused = await ann.error('checkIn', trip('walk', 1))
    expect(refused).toMatchObject({ code: 'DAILY_CAP_REACHED', reason: 'checkIn.dailyCap', params: { capGrams: 296, day: '2026-11-29' } })
    expect(inChinese(refused.reason!, refused.params)).toBe('这一项 2026-11-29 已达每日上限 296 克。')
    const late = await ann.error('checkIn', bike(1, { occurredAt: new Date(NOW - 49 * 3_600_000).toISOString() }))
    expect(late).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'checkIn.backdated', params: { hours: 48 } })
  })
})
