/**
 * `npm run partner -- <op> …`: a partner's side of the partner API against a running cloud (npm start), signing
 * every request as docs/partner-api.md describes. With dev login on it registers its own partner the first time
 * (as the dev organizer) and keeps the id and secret in .data/partner-simulator.json; PARTNER_ID and
 * PARTNER_SECRET use a partner the city registered instead.
 *
 *   npm run partner -- link <code> [partnerUserId]   link the resident who shows <code> (Me → Partners)
 *   npm run partner -- trips [--file rows.json]      report rides (default: a 3 km bike ride ending now)
 *   npm run partner -- weights [--file rows.json]    report weighings (default: 1.2 kg of paper at the demo bin's station)
 *   npm run partner -- whoami                        the partner this simulator signs as
 *
 * trips and weights sign as the demo's bike-share operator and smart bin (their credentials are in
 * .data/partner-demo.json, written by a demo cloud: DEMO_DATA=1, dev only), or as PARTNER_ID / PARTNER_SECRET.
 * The default rows are for the demo resident; with --file, a JSON list of rows (or { "rows": [...] }) is sent as is.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { partnerAuthorization } from '../mock/partners/signing'
import { DEMO_PARTNERS_FILE } from '../mock/demo'

const CLOUD = (process.env.CLOUD_URL ?? `http://127.0.0.1:${process.env.PORT ?? 10086}`).replace(/\/+$/, '')
const STATE = process.env.PARTNER_SIMULATOR_STATE ?? join(__dirname, '..', '.data', 'partner-simulator.json')

interface Credentials {
  partnerId: string
  secret: string
  name: string
}

async function cloudCall(name: string, data: unknown, token?: string): Promise<any> {
  const res = await fetch(`${CLOUD}/cloud/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ data }),
  })
  const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string } }
  if (body.error) throw new Error(`${name}: ${body.error.code} ${body.error.message}`)
  return body.result
}

/** The partner to sign as: from the environment, from an earlier run, or registered now through dev login. */
async function credentials(): Promise<Credentials> {
  if (process.env.PARTNER_ID && process.env.PARTNER_SECRET)
    return { partnerId: process.env.PARTNER_ID, secret: process.env.PARTNER_SECRET, name: process.env.PARTNER_ID }
  if (existsSync(STATE)) {
    const saved = JSON.parse(readFileSync(STATE, 'utf8')) as Credentials & { cloud: string }
    if (saved.cloud === CLOUD) return saved
  }
  const { token } = await cloudCall('login', { code: 'dev:organizer' })
  const { partner, secret } = await cloudCall('registerPartner', { name: '模拟单车', kind: 'bikeshare', feeds: [] }, token)
  const made = { partnerId: partner.id as string, secret: secret as string, name: partner.name as string }
  mkdirSync(dirname(STATE), { recursive: true })
  writeFileSync(STATE, JSON.stringify({ ...made, cloud: CLOUD }, null, 2), { mode: 0o600 })
  console.log(`registered partner ${made.partnerId} (${made.name}); its secret is kept in ${STATE}`)
  return made
}

interface DemoPartner extends Credentials {
  partnerUserId: string
  stationCode?: string
}

/** The demo's partner for a feed, unless PARTNER_ID / PARTNER_SECRET name another. */
function feedPartner(feed: 'trips' | 'weights'): DemoPartner {
  if (process.env.PARTNER_ID && process.env.PARTNER_SECRET)
    return {
      partnerId: process.env.PARTNER_ID,
      secret: process.env.PARTNER_SECRET,
      name: process.env.PARTNER_ID,
      partnerUserId: process.env.PARTNER_USER_ID ?? '',
    }
  if (!existsSync(DEMO_PARTNERS_FILE))
    throw new Error(`no demo partners in ${DEMO_PARTNERS_FILE}: start a demo cloud (npm start) first, or set PARTNER_ID and PARTNER_SECRET`)
  return (JSON.parse(readFileSync(DEMO_PARTNERS_FILE, 'utf8')) as Record<string, DemoPartner>)[feed]
}

/** The rows of --file, or the sample row the feed defaults to. */
function feedRows(feed: 'trips' | 'weights', args: string[], who: DemoPartner): unknown[] {
  const at = args.indexOf('--file')
  if (at >= 0) {
    const file = args[at + 1]
    if (!file) throw new Error(`usage: npm run partner -- ${feed} --file rows.json`)
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown
    return Array.isArray(parsed) ? parsed : (parsed as { rows: unknown[] }).rows
  }
  const now = Date.now()
  const rowId = `sim-${feed}-${randomBytes(6).toString('hex')}`
  if (feed === 'trips')
    return [
      {
        rowId,
        partnerUserId: who.partnerUserId,
        mode: 'bike',
        distanceKm: 3,
        startedAt: new Date(now - 15 * 60_000).toISOString(),
        endedAt: new Date(now).toISOString(),
      },
    ]
  return [
    {
      rowId,
      partnerUserId: who.partnerUserId,
      stationCode: who.stationCode ?? 'ST-RS05',
      material: 'paper',
      weightG: 1200,
      weighedAt: new Date(now).toISOString(),
    },
  ]
}

async function send(op: string, rows: unknown[], as?: Credentials): Promise<void> {
  const path = `/partner/v1/${op}`
  const body = JSON.stringify({ rows })
  const post = async () => {
    const who = as ?? (await credentials())
    const authorization = partnerAuthorization({
      partnerId: who.partnerId,
      secret: who.secret,
      method: 'POST',
      path,
      body,
      timestampS: Math.floor(Date.now() / 1000),
    })
    return fetch(`${CLOUD}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: authorization }, body })
  }
  let res = await post()
  // A kept partner the cloud no longer knows (its database was reset): register anew, once.
  if (res.status === 401 && !as && !process.env.PARTNER_ID && existsSync(STATE)) {
    rmSync(STATE)
    res = await post()
  }
  console.log(`POST ${path} → HTTP ${res.status}`)
  console.log(JSON.stringify(await res.json(), null, 2))
  if (!res.ok) process.exitCode = 1
}

async function main() {
  const [op, ...args] = process.argv.slice(2)
  if (op === 'whoami') {
    const who = await credentials()
    console.log(`${who.partnerId} (${who.name}) signing requests to ${CLOUD}`)
    return
  }
  if (op === 'link') {
    const [code, partnerUserId] = args
    if (!code) throw new Error('usage: npm run partner -- link <code shown on Me → Partners> [partnerUserId]')
    await send('link', [
      {
        rowId: `link-${randomBytes(6).toString('hex')}`,
        linkCode: code.toUpperCase(),
        partnerUserId: partnerUserId ?? `sim-user-${randomBytes(4).toString('hex')}`,
      },
    ])
    return
  }
  if (op === 'trips' || op === 'weights') {
    const who = feedPartner(op)
    await send(op, feedRows(op, args, who), who)
    return
  }
  throw new Error('usage: npm run partner -- link <code> [partnerUserId] | trips [--file rows.json] | weights [--file rows.json] | whoami')
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
