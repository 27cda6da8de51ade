/**
 * Low-carbon scenes at venues (issue 24): a venue is a station with behaviours; its display's rotating code credits
 * the cited grams at evidence 'venue-display'. The harness audits the economy after every scenario.
 */
import { SCENE_FACTORS } from '../../src/core/methodology'
import { SCENE_REPEAT_WINDOW_MS } from '../../src/core/kinds/rules/scene'
import { DISPLAY_WINDOW_MS } from '../../src/core/stationCode'
import { createCloud } from '../../mock/cloud'
import { seedDemoData } from '../../mock/demo'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { harness, rid, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
  await (await h.as('boss')).ok('upsertStation', { code: 'CAFE-01', name: '街角咖啡 Corner Café', materials: [], behaviours: ['cup', 'tableware'] })
})
afterEach(() => h.close())

const grams = (key: string) => SCENE_FACTORS.find((f) => f.key === key)!.gramsPerUnit
const cap = (key: string) => SCENE_FACTORS.find((f) => f.key === key)!.dailyCapGrams
const code = async (venue = 'CAFE-01') => (await (await h.as('boss')).ok('stationDisplayCode', { stationCode: venue })).code as string
const scene = async (behaviour: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> => ({
  requestId: rid(),
  kind: 'scene',
  behaviour,
  venueCode: 'CAFE-01',
  ...extra,
  displayCode: 'displayCode' in extra ? extra.displayCode : await code(),
})

it("credits own cup with the venue's code at the cited grams, evidence venue-display, inside the entry's hash", async () => {
  const a = await h.as('ann')
  const { entry, wallet } = await a.ok('checkIn', await scene('cup'))
  expect(entry).toMatchObject({ factorId: 'scene.cup', gramsCo2e: 55, evidence: 'venue-display', quantity: 1, unit: 'time', stationCode: 'CAFE-01' })
  expect(entry.methodologyVersion).toBe('2026.3')
  expect(wallet.gramsCo2eTotal).toBe(55)
  expect(grams('cup')).toBe(55)
  expect((await a.ok('verifyLedger')).ok).toBe(true)
  const m = await a.ok('getMethodology')
  expect(m.factors.filter((f: any) => f.kind === 'scene').map((f: any) => [f.key, f.gramsPerUnit])).toEqual([
    ['cup', 55],
    ['tableware', 20],
    ['plate', 144],
  ])
  expect(m.factors.some((f: any) => f.key === 'bag')).toBe(false)
  expect(m.rules.sceneRepeatWindowMin).toBe(30)
})

it('replays the same requestId without a second credit', async () => {
  const a = await h.as('ann')
  const req = await scene('cup')
  const first = await a.ok('checkIn', req)
  const again = await a.ok('checkIn', req)
  expect(again.entry.id).toBe(first.entry.id)
  expect((await a.ok('listLedger')).entries).toHaveLength(1)
  expect((await a.ok('getWallet')).today.gramsCo2e).toBe(55)
})

it('refuses a wrong, a forged and an expired code, writing nothing', async () => {
  const a = await h.as('ann')
  const good = await code()
  const other = await code('ST-HQ01')
  const forged = good.replace(/[0-9A-F]{16}$/, (mac) => (mac[0] === '0' ? '1' : '0') + mac.slice(1))
  for (const displayCode of [other, forged, 'not a code']) {
    expect(await a.error('checkIn', await scene('cup', { displayCode }))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'venue.notItsCode' })
  }
  h.clock.ms += 3 * DISPLAY_WINDOW_MS
  expect(await a.error('checkIn', await scene('cup', { displayCode: good }))).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'venue.codeExpired' })
  // a scene has no typed form: the code is required
  expect((await a.error('checkIn', { requestId: rid(), kind: 'scene', behaviour: 'cup', venueCode: 'CAFE-01' })).code).toBe('INVALID_ARGUMENT')
  expect((await a.ok('listLedger')).entries).toHaveLength(0)
})

it('refuses a behaviour the venue does not enable, a recycling station, an unknown venue and a retired one', async () => {
  const a = await h.as('ann')
  expect(await a.error('checkIn', await scene('plate'))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    reason: 'scene.behaviourNotEnabled',
    params: { code: 'CAFE-01', name: '街角咖啡 Corner Café' },
  })
  const atStation = { requestId: rid(), kind: 'scene', behaviour: 'cup', venueCode: 'ST-HQ01', displayCode: await code('ST-HQ01') }
  expect(await a.error('checkIn', atStation)).toMatchObject({ reason: 'scene.behaviourNotEnabled' })
  expect(await a.error('checkIn', await scene('cup', { venueCode: 'CAFE-NOPE' }))).toMatchObject({ code: 'NOT_FOUND', reason: 'scene.venueNotFound' })
  // recycling at a venue that takes no material is refused too
  expect((await a.error('checkIn', { requestId: rid(), kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'CAFE-01' })).reason).toBe(
    'checkIn.materialNotTaken',
  )
  const shown = await code()
  await (await h.as('boss')).ok('retireStation', { code: 'CAFE-01' })
  expect(await a.error('checkIn', await scene('cup', { displayCode: shown }))).toMatchObject({ code: 'STATION_RETIRED', reason: 'scene.venueRetired' })
  expect((await a.ok('listLedger')).entries).toHaveLength(0)
})

it('refuses the same behaviour at the same venue within the window; another behaviour, or after the window, is credited', async () => {
  const a = await h.as('ann')
  await a.ok('checkIn', await scene('cup'))
  h.clock.ms += DISPLAY_WINDOW_MS
  expect(await a.error('checkIn', await scene('cup'))).toMatchObject({ code: 'IMPLAUSIBLE', reason: 'scene.repeated', params: { minutes: 30 } })
  // back-dating does not escape it: the receipt clock is as near
  h.clock.ms += DISPLAY_WINDOW_MS
  expect((await a.error('checkIn', await scene('cup', { occurredAt: new Date(h.clock.ms - 2 * 60 * 60_000).toISOString() }))).code).toBe(
    'INVALID_ARGUMENT', // a display code shown now credits only a scene made now
  )
  expect((await a.ok('checkIn', await scene('tableware'))).entry.gramsCo2e).toBe(20)
  h.clock.ms += SCENE_REPEAT_WINDOW_MS
  expect((await a.ok('checkIn', await scene('cup'))).entry.gramsCo2e).toBe(55)
  expect((await a.ok('verifyLedger')).ok).toBe(true)
})

it("caps each behaviour per day: the fourth own cup is clipped to nothing and refused with the day's cap", async () => {
  const a = await h.as('ann')
  for (let i = 0; i < 3; i++) {
    expect((await a.ok('checkIn', await scene('cup'))).entry.gramsCo2e).toBe(55)
    h.clock.ms += SCENE_REPEAT_WINDOW_MS
  }
  expect(await a.error('checkIn', await scene('cup'))).toMatchObject({
    code: 'DAILY_CAP_REACHED',
    reason: 'checkIn.dailyCap',
    params: { capGrams: cap('cup') },
  })
  // the other behaviour keeps its own cap
  expect((await a.ok('checkIn', await scene('tableware'))).entry.gramsCo2e).toBe(20)
  expect((await a.ok('getWallet')).today.gramsCo2e).toBe(3 * 55 + 20)
})

it('credits nothing to an organizer checking in at their own venue (they can show its code anywhere)', async () => {
  const boss = await h.as('boss')
  expect(await boss.error('checkIn', await scene('cup'))).toMatchObject({ code: 'DAILY_CAP_REACHED', reason: 'scene.displayRequired' })
})

it('lets a city organizer set a venue up with only behaviours, and refuses one with neither materials nor behaviours', async () => {
  const boss = await h.as('boss')
  const venue = (await boss.ok('listStations')).stations.find((s: any) => s.code === 'CAFE-01')
  expect(venue).toMatchObject({ materials: [], behaviours: ['cup', 'tableware'] })
  expect((await boss.error('upsertStation', { code: 'EMPTY-01', name: 'Nothing', materials: [] })).code).toBe('INVALID_ARGUMENT')
  expect((await boss.error('upsertStation', { code: 'BAG-01', name: 'Shop', materials: [], behaviours: ['bag'] })).code).toBe('INVALID_ARGUMENT')
})

it("seeds the demo's café: a resident checks in own cup there with its display's code", async () => {
  const cloud = await createCloud({ storage: openSqlite({ path: ':memory:' }), devLogin: true })
  try {
    await seedDemoData(cloud)
    const login = async (handle: string) => `Bearer ${((await cloud.call('login', { code: `dev:${handle}` })).body as any).result.token}`
    const shown = ((await cloud.call('stationDisplayCode', { stationCode: 'CAFE-RS01' }, await login('organizer'))).body as any).result.code
    const cup = { requestId: rid(), kind: 'scene', behaviour: 'cup', venueCode: 'CAFE-RS01', displayCode: shown }
    const answer = (await cloud.call('checkIn', cup, await login('demo'))).body as any
    expect(answer.result.entry).toMatchObject({ factorId: 'scene.cup', gramsCo2e: 55, evidence: 'venue-display' })
  } finally {
    await cloud.close()
  }
})

it("lets a community organizer set up a venue in their own community only, and show its code; a resident's scene there is credited", async () => {
  const boss = await h.as('boss')
  const east = (await boss.ok('upsertCommunity', { name: '东湖社区' })).community
  const lead = await h.as('east-lead')
  await boss.ok('grantOrganizer', { openid: lead.openid, communityId: east.id, granted: true })
  const { station } = await lead.ok('upsertStation', { code: 'CANTEEN-E1', name: '东湖食堂', materials: [], behaviours: ['plate', 'tableware'] })
  expect(station).toMatchObject({ communityId: east.id, behaviours: ['plate', 'tableware'] })
  // the city's café is not theirs to edit, nor to show
  expect((await lead.error('upsertStation', { code: 'CAFE-01', name: 'Mine now', materials: [], behaviours: ['cup'] })).code).toBe('PERMISSION_DENIED')
  const shown = (await lead.ok('stationDisplayCode', { stationCode: 'CANTEEN-E1' })).code
  const plate = { requestId: rid(), kind: 'scene', behaviour: 'plate', venueCode: 'CANTEEN-E1', displayCode: shown }
  expect((await (await h.as('ann')).ok('checkIn', plate)).entry).toMatchObject({ gramsCo2e: 144, evidence: 'venue-display' })
})
