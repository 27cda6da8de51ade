/**
 * `npm run partner -- <op> …`: a partner's side of the partner API against a running cloud (npm start), signing
 * every request as docs/partner-api.md describes. With dev login on it registers its own partner the first time
 * (as the dev organizer) and keeps the id and secret in .data/partner-simulator.json; PARTNER_ID and
 * PARTNER_SECRET use a partner the city registered instead.
 *
 *   npm run partner -- link <code> [partnerUserId]   link the resident who shows <code> (Me → Partners)
 *   npm run partner -- whoami                        the partner this simulator signs as
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { partnerAuthorization } from '../mock/partners/signing'

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

async function send(op: string, rows: unknown[]): Promise<void> {
  const path = `/partner/v1/${op}`
  const body = JSON.stringify({ rows })
  const post = async () => {
    const who = await credentials()
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
  if (res.status === 401 && !process.env.PARTNER_ID && existsSync(STATE)) {
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
  throw new Error('usage: npm run partner -- link <code> [partnerUserId] | whoami')
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
