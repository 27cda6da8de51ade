/**
 * 10,000 generated payloads across every function over HTTP, as a resident: never a 500, every error a
 * contract code with a message, and the database unchanged (only read-only calls may succeed).
 */
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import http from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ERROR_STATUS } from '../../src/contract/errors'
import { FUNCTIONS as REGISTRY } from '../../mock/registry'
import { post, startServer, tableRows, type RunningServer } from '../support/server'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
// Every function the cloud has, new ones included, and a name it does not have.
const FUNCTIONS = [...Object.keys(REGISTRY), 'nope']
const READ_ONLY = new Set([
  'getMethodology',
  'listStations',
  'getWallet',
  'listLedger',
  'verifyLedger',
  'listRewards',
  'listMyRedemptions',
  'listProjects',
  'getDailySeries',
  'exportMyData',
  'listMyGroups',
  'listMyPartnerLinks',
  'listMyMerchants',
  'listMerchantOffers',
  'listMerchantStaff',
  'getMerchantSettlement',
  'exportMerchantSettlementCsv',
  'listChallenges',
  'getAchievements',
  'getReminders',
  'listInbox',
  'listEvents',
  'getMyCommunity',
  'listCommunities',
  'getCityDashboard',
  'verifyPublic',
  'getChallenge',
  'getLeaderboard',
])

let server: RunningServer
const VENUE = 'VE-FZ01'
let dbPath: string
let token: string
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })

function send(path: string, body: string, auth?: string): Promise<{ status: number; body: any }> {
  const url = new URL(server.url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function fingerprint(): Promise<string> {
  const hash = createHash('sha256')
  for (const table of [
    'users',
    'entries',
    'wallets',
    'requests',
    'rewards',
    'redemptions',
    'reviews',
    'projects',
    '`groups`',
    'group_members',
    'challenges',
    'challenge_participants',
    'stations',
    'factors',
    'communities',
    'events',
    'event_signups',
    'treasury_issuances',
    'allowance_grants',
    'allowances',
    'departed_identities',
    'merchants',
    'merchant_staff',
  ]) {
    for (const row of await tableRows(server, `SELECT * FROM ${table} ORDER BY 1, 2`)) hash.update(JSON.stringify(row))
  }
  return hash.digest('hex')
}

beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'glp-fuzz-')), 'c.sqlite')
  server = await startServer({ DB_PATH: dbPath, ORGANIZERS: 'boss' })
  token = (await post(server.url, 'login', { code: 'dev:fuzzer' })).body.result.token
  await post(server.url, 'checkIn', { requestId: 'fuzz-seed-1', kind: 'recycling', material: 'glass', weightKg: 2, stationCode: 'ST-PK02' }, token)
  // A venue and a scene checked in there, so fuzzed scenes reach the venue's display code and the resident's memory of it.
  const boss = (await post(server.url, 'login', { code: 'dev:boss' })).body.result.token
  const venue = { code: VENUE, name: 'Fuzz café', address: '1 Test Rd', hours: '08:00–20:00', materials: [], behaviours: ['cup', 'tableware'] }
  expect((await post(server.url, 'upsertStation', venue, boss)).status).toBe(200)
  const { code } = (await post(server.url, 'stationDisplayCode', { stationCode: VENUE }, boss)).body.result
  const seeded = await post(server.url, 'checkIn', { requestId: 'fuzz-seed-2', kind: 'scene', behaviour: 'cup', venueCode: VENUE, displayCode: code }, token)
  expect(seeded.status).toBe(200)
})
afterAll(async () => {
  agent.destroy()
  await server.stop()
})

/** Valid-looking fields with one thing always wrong, so no mutating call can succeed. */
const corrupt = fc.oneof(
  fc.record({ openid: fc.string() }),
  fc.record({ requestId: fc.oneof(fc.string({ maxLength: 7 }), fc.integer(), fc.constant(null)) }),
  fc.record({ distanceKm: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 501 }), fc.double({ max: 0 }), fc.string()) }),
  fc.record({ weightKg: fc.oneof(fc.double({ min: 100.001 }), fc.constant(-1), fc.boolean()) }),
  fc.record({ pointsCost: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 0.9 }), fc.string()) }),
  fc.record({ code: fc.oneof(fc.string({ maxLength: 9 }), fc.constant('O0O0O0O0O0')) }),
  fc.record({ cursor: fc.string({ minLength: 129, maxLength: 200 }) }),
  // A scene's own fields, each wrong: a behaviour no venue enables, a code no station can have, a display code missing or too long.
  fc.record({ behaviour: fc.oneof(fc.constantFrom('straw', 'CUP', ''), fc.integer(), fc.constant(null)) }),
  fc.record({ venueCode: fc.oneof(fc.string({ minLength: 33, maxLength: 40 }), fc.constantFrom('', 'VE FZ01', 'VE-FZ01;--')) }),
  fc.record({ displayCode: fc.oneof(fc.constant(''), fc.string({ minLength: 81, maxLength: 120 }), fc.integer()) }),
  fc.record({ __proto__: fc.anything() }),
)
const plausible = fc.record(
  {
    requestId: fc.constantFrom('fuzz-req-0001', 'fuzz-req-0002'),
    kind: fc.constantFrom('travel', 'recycling', 'scene', 'x'),
    mode: fc.constantFrom('walk', 'bike', 'bus', 'metro', 'ev', 'carpool', 'jet'),
    distanceKm: fc.double({ min: 0.001, max: 500, noNaN: true }),
    material: fc.constantFrom('paper', 'glass', 'wood'),
    weightKg: fc.double({ min: 0.001, max: 100, noNaN: true }),
    stationCode: fc.constantFrom('ST-HQ01', 'NOPE'),
    behaviour: fc.constantFrom('cup', 'tableware', 'plate'),
    venueCode: fc.constantFrom(VENUE, 'ST-HQ01', 'NOPE'),
    displayCode: fc.string({ minLength: 1, maxLength: 80 }),
    rewardId: fc.constantFrom('rw-bus', 'rw-tote', 'missing'),
    redemptionId: fc.constantFrom('rd_x', 'nope'),
    title: fc.string(),
    limit: fc.integer({ min: -5, max: 100 }),
  },
  { requiredKeys: [] },
)
const payload = fc.oneof({ weight: 3, arbitrary: fc.tuple(plausible, corrupt).map(([a, b]) => ({ ...a, ...b })) }, { weight: 1, arbitrary: fc.anything() })

it(`answers ${RUNS} generated payloads with contract errors only and changes nothing`, async () => {
  const before = await fingerprint()
  const codes = new Set(Object.keys(ERROR_STATUS))
  const seen = new Map<string, number>()
  const samples = fc.sample(fc.tuple(fc.constantFrom(...FUNCTIONS), payload, fc.boolean(), fc.nat(9)), { numRuns: RUNS, seed: 20261129 })
  let i = 0
  const workers = Array.from({ length: 8 }, async () => {
    while (i < samples.length) {
      const [fn, data, wrapRaw, shape] = samples[i++]
      let body: string
      if (shape === 0)
        body = JSON.stringify(data) // no { data } wrapper
      else if (shape === 1)
        body = String(JSON.stringify({ data })).slice(0, Math.max(1, String(JSON.stringify({ data })).length - 1)) // truncated JSON
      else body = JSON.stringify({ data }) ?? '{}'
      const res = await send(`/cloud/${fn}`, body, wrapRaw ? `Bearer ${token}` : 'Bearer not-a-token')
      expect(res.status).not.toBe(500)
      if (res.status === 200) {
        // named, so a new function that answers a fuzzed payload says which it is
        expect(READ_ONLY.has(fn) ? 'read-only' : `${fn} answered 200`).toBe('read-only')
        seen.set('200', (seen.get('200') ?? 0) + 1)
      } else {
        expect(codes.has(res.body.error.code)).toBe(true)
        expect(typeof res.body.error.message).toBe('string')
        expect(res.body.error.message.length).toBeGreaterThan(5)
        expect(res.status).toBe(res.status === 413 ? 413 : ERROR_STATUS[res.body.error.code as keyof typeof ERROR_STATUS])
        seen.set(res.body.error.code, (seen.get(res.body.error.code) ?? 0) + 1)
      }
    }
  })
  await Promise.all(workers)
  expect(await fingerprint()).toBe(before)
  console.log(`fuzz answers: ${JSON.stringify(Object.fromEntries(seen))}`)
  expect(seen.get('INVALID_ARGUMENT')).toBeGreaterThan(RUNS / 4)
}, 300_000)
