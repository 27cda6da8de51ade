/**
 * Demo data for `npm start`: a resident with a week of history, written through the real functions
 * (so every gram passes the same rules as a real check-in). Skipped when the demo user exists.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PARTNERS_PRIVACY_VERSION } from '../src/contract/constants'
import { createCloud, type Cloud } from './cloud'
import { findUserByHandle } from './identity/queries'
import { partnerAuthorization } from './partners/signing'

/**
 * Where the demo leaves its partners' credentials for `npm run partner` (scripts/partner.ts). Only a demo cloud
 * (DEMO_DATA=1, which needs DEV_LOGIN=1, never production) writes it; the file is the developer's own (mode 600).
 */
export const DEMO_PARTNERS_FILE = process.env.PARTNER_DEMO_STATE ?? join(__dirname, '..', '.data', 'partner-demo.json')
/** The demo resident's user ids at the demo partners, as their apps would know them. */
export const DEMO_PARTNER_USERS = { trips: 'demo-rider-1', weights: 'demo-bin-card-1' } as const
/** The station the demo smart bin stands at. */
export const DEMO_BIN_STATION = 'ST-RS05'

export const DEMO_HANDLE = 'demo'
/** A second resident, in the other demo community, so the city dashboard has two communities to compare. */
export const DEMO_NEIGHBOUR = 'neighbour'
/** The dev handle that organizes the Riverside community (the dev handle `organizer` runs the whole city). */
export const DEMO_COMMUNITY_ORGANIZER = 'riverside'
/** Staff at the Riverside café (hands out its offer), and at the city-wide bakery (whose vouchers the café refuses). */
export const DEMO_CAFE_STAFF = 'cafe'
export const DEMO_BAKERY_STAFF = 'baker'

export async function seedDemoData(cloud: Cloud): Promise<void> {
  if (await findUserByHandle(cloud.store, DEMO_HANDLE)) return
  const now = cloud.services.now()
  const hour = 3600 * 1000
  // The week is replayed as it happened: each check-in is made at its own moment by a cloud whose clock stands
  // there, so the 48-hour window, the caps and the overlap rule apply to demo data as to anyone's.
  let clock = now - 7 * 24 * hour
  const replay = await createCloud({
    storage: cloud.services.storage,
    now: () => clock,
    devLogin: true,
    organizers: ['demo-city'],
    sessionSecret: randomBytes(32).toString('hex'),
    rateLimit: { burst: 0, perSecond: 1 },
  })
  const call = async (auth: string, name: string, data: unknown) => {
    const out = await replay.call(name, data, auth)
    if (out.status !== 200 || !('result' in out.body)) throw new Error(`demo ${name} failed: ${JSON.stringify(out.body)}`)
    return out.body.result as any
  }
  const loginAs = async (handle: string) => {
    const out = await replay.call('login', { code: `dev:${handle}` })
    if (out.status !== 200 || !('result' in out.body)) throw new Error(`demo login of ${handle} failed`)
    const { token, openid } = out.body.result as { token: string; openid: string }
    return { auth: `Bearer ${token}`, openid }
  }
  // Two communities, each with a station of its own; Riverside has its own organizer.
  const city = await loginAs('demo-city')
  const riverside = (await call(city.auth, 'upsertCommunity', { name: '滨河社区', nameEn: 'Riverside' })).community
  const maple = (await call(city.auth, 'upsertCommunity', { name: '枫林社区', nameEn: 'Maple Grove' })).community
  await call(city.auth, 'upsertStation', {
    code: 'ST-RS05',
    name: '滨河社区回收亭',
    nameEn: 'Riverside kiosk',
    address: '滨河路 18 号',
    hours: '07:00–21:00',
    materials: ['paper', 'plastic', 'metal'],
    communityId: riverside.id,
  })
  await call(city.auth, 'upsertStation', {
    code: 'ST-MG06',
    name: '枫林社区旧衣箱',
    nameEn: 'Maple Grove clothes bin',
    address: '枫林街 6 号',
    hours: '全天 24 h',
    materials: ['textile', 'paper'],
    communityId: maple.id,
  })
  // A café venue (issue 24): own cup and no disposable tableware, credited with its display's rotating scene code.
  await call(city.auth, 'upsertStation', {
    code: 'CAFE-RS01',
    name: '滨河街角咖啡',
    nameEn: 'Riverside Corner Café',
    address: '滨河路 20 号',
    hours: '08:00–20:00',
    materials: [],
    behaviours: ['cup', 'tableware'],
    communityId: riverside.id,
  })
  const lead = await loginAs(DEMO_COMMUNITY_ORGANIZER)
  await call(city.auth, 'grantOrganizer', { openid: lead.openid, communityId: riverside.id, granted: true })
  // The city's treasury: points issued this month, and the allowances its communities' events are funded from.
  await call(city.auth, 'issuePoints', { requestId: 'demo-issue-1', points: 60_000, reason: "演示：本月社区活动与挑战预算 Demo: this month's budgets" })
  await call(city.auth, 'allocatePoints', {
    requestId: 'demo-allocate-riverside',
    communityId: riverside.id,
    points: 20_000,
    reason: '滨河社区活动 Riverside events',
  })
  await call(city.auth, 'allocatePoints', {
    requestId: 'demo-allocate-maple',
    communityId: maple.id,
    points: 10_000,
    reason: '枫林社区活动 Maple Grove events',
  })
  // Merchants (issue 24): a café in Riverside and a city-wide bakery, each with one offer and one staff account.
  const cafe = (await call(city.auth, 'registerPartner', { name: '滨河咖啡', kind: 'merchant', feeds: [] })).partner
  await call(city.auth, 'upsertMerchant', {
    merchantId: cafe.id,
    address: '滨河路 20 号',
    openingHours: '08:00–20:00',
    latitude: 30.5728,
    longitude: 104.0668,
    communityId: riverside.id,
  })
  const bakery = (await call(city.auth, 'registerPartner', { name: '城南面包', kind: 'merchant', feeds: [] })).partner
  await call(city.auth, 'upsertMerchant', {
    merchantId: bakery.id,
    address: '人民南路 99 号',
    openingHours: '07:00–19:00',
    latitude: 30.6415,
    longitude: 104.0633,
  })
  for (const [merchant, handle] of [
    [cafe, DEMO_CAFE_STAFF],
    [bakery, DEMO_BAKERY_STAFF],
  ] as const) {
    await call(city.auth, 'appointMerchantStaff', { merchantId: merchant.id, openid: (await loginAs(handle)).openid })
  }
  // The city pays the subsidy per voucher, so the city organizer who registered them stocks these offers.
  await call(city.auth, 'upsertOffer', {
    merchantId: cafe.id,
    title: '自带杯拿铁',
    titleEn: 'Latte in your own cup',
    description: '凭券到店领取一杯拿铁',
    pointsCost: 30,
    stock: 100,
    perUserLimit: 2,
    subsidyFen: 500,
  })
  await call(city.auth, 'upsertOffer', {
    merchantId: bakery.id,
    title: '全麦面包',
    titleEn: 'Wholemeal loaf',
    pointsCost: 40,
    stock: 50,
    subsidyFen: 300,
  })
  const { auth } = await loginAs(DEMO_HANDLE)
  await call(auth, 'setMyCommunity', { communityId: riverside.id })
  const neighbour = await loginAs(DEMO_NEIGHBOUR)
  await call(neighbour.auth, 'setMyCommunity', { communityId: maple.id })
  const trips: Array<Record<string, unknown>> = [
    { kind: 'travel', mode: 'metro', distanceKm: 12.4, durationMin: 28, ago: 6 * 24 * hour },
    { kind: 'travel', mode: 'bike', distanceKm: 3.2, durationMin: 14, ago: 5 * 24 * hour },
    { kind: 'recycling', material: 'cardboard', weightKg: 2.5, stationCode: 'ST-HQ01', ago: 4 * 24 * hour },
    { kind: 'travel', mode: 'bus', distanceKm: 8, durationMin: 30, ago: 3 * 24 * hour },
    { kind: 'travel', mode: 'walk', distanceKm: 2.1, durationMin: 25, ago: 2 * 24 * hour },
    { kind: 'recycling', material: 'plastic', weightKg: 1.2, stationCode: 'ST-PK02', ago: 26 * hour },
    { kind: 'travel', mode: 'metro', distanceKm: 9.6, durationMin: 22, ago: 2 * hour },
  ]
  for (const [i, { ago, ...trip }] of trips.entries()) {
    clock = now - (ago as number)
    const out = await replay.call('checkIn', { ...trip, requestId: `demo-seed-${i}` }, auth)
    if (out.status !== 200) throw new Error(`demo check-in ${i} failed: ${JSON.stringify(out.body)}`)
  }
  for (const [i, { ago, ...trip }] of [
    { kind: 'travel', mode: 'bike', distanceKm: 4.5, durationMin: 18, ago: 6 * 24 * hour + 5 * hour },
    { kind: 'recycling', material: 'textile', weightKg: 1.5, stationCode: 'ST-MG06', ago: 3 * 24 * hour },
    { kind: 'travel', mode: 'bus', distanceKm: 6, durationMin: 25, ago: 5 * hour },
  ].entries()) {
    clock = now - ago
    await call(neighbour.auth, 'checkIn', { ...trip, requestId: `demo-neighbour-${i}` })
  }
  await seedDemoPartners(replay, call, auth, now, (ms) => (clock = ms))
}

/**
 * A bike-share operator (feed trips) and a smart bin (feed weights, at the Riverside kiosk), the demo resident linked
 * at both, one ride and one weighing already reported; their credentials go to DEMO_PARTNERS_FILE for the simulator.
 */
async function seedDemoPartners(
  replay: Cloud,
  call: (auth: string, name: string, data: unknown) => Promise<any>,
  auth: string,
  now: number,
  setClock: (ms: number) => void,
): Promise<void> {
  const city = (await replay.call('login', { code: 'dev:demo-city' })).body as { result: { token: string } }
  const cityAuth = `Bearer ${city.result.token}`
  setClock(now - 60 * 60_000)
  const bike = await call(cityAuth, 'registerPartner', { name: '演示单车', kind: 'bikeshare', feeds: ['trips'] })
  const bin = await call(cityAuth, 'registerPartner', { name: '演示智能回收箱', kind: 'bin', feeds: ['weights'], stations: [DEMO_BIN_STATION] })
  await call(auth, 'agreePrivacy', { version: PARTNERS_PRIVACY_VERSION })
  const post = async (p: { partner: { id: string }; secret: string }, op: string, rows: unknown[], atMs: number) => {
    setClock(atMs)
    const path = `/partner/v1/${op}`
    const body = JSON.stringify({ rows })
    const authorization = partnerAuthorization({ partnerId: p.partner.id, secret: p.secret, method: 'POST', path, body, timestampS: Math.floor(atMs / 1000) })
    const out = await replay.partnerCall(op, { method: 'POST', path, authorization, body })
    const answer = 'result' in out.body ? out.body.result.rows[0] : undefined
    if (answer?.status !== 'accepted') throw new Error(`demo partner ${op} failed: ${JSON.stringify(out.body)}`)
  }
  for (const [p, userId] of [
    [bike, DEMO_PARTNER_USERS.trips],
    [bin, DEMO_PARTNER_USERS.weights],
  ] as const) {
    const { code } = await call(auth, 'createLinkCode', { partnerId: p.partner.id })
    await post(p, 'link', [{ rowId: `demo-link-${userId}`, linkCode: code, partnerUserId: userId }], now - 60 * 60_000)
  }
  const iso = (ms: number) => new Date(ms).toISOString()
  const rideEnd = now - 40 * 60_000
  await post(
    bike,
    'trips',
    [
      {
        rowId: 'demo-ride-1',
        partnerUserId: DEMO_PARTNER_USERS.trips,
        mode: 'bike',
        distanceKm: 2.4,
        startedAt: iso(rideEnd - 12 * 60_000),
        endedAt: iso(rideEnd),
      },
    ],
    now - 30 * 60_000,
  )
  await post(
    bin,
    'weights',
    [
      {
        rowId: 'demo-weigh-1',
        partnerUserId: DEMO_PARTNER_USERS.weights,
        stationCode: DEMO_BIN_STATION,
        material: 'paper',
        weightG: 1800,
        weighedAt: iso(now - 20 * 60_000),
      },
    ],
    now - 20 * 60_000,
  )
  setClock(now)
  mkdirSync(dirname(DEMO_PARTNERS_FILE), { recursive: true })
  const saved = {
    trips: { partnerId: bike.partner.id, secret: bike.secret, name: bike.partner.name, partnerUserId: DEMO_PARTNER_USERS.trips },
    weights: {
      partnerId: bin.partner.id,
      secret: bin.secret,
      name: bin.partner.name,
      partnerUserId: DEMO_PARTNER_USERS.weights,
      stationCode: DEMO_BIN_STATION,
    },
  }
  writeFileSync(DEMO_PARTNERS_FILE, JSON.stringify(saved, null, 2), { mode: 0o600 })
}
