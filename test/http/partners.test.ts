/** The partner API over real HTTP: the route, the body bound, the signature over the bytes sent, and a replay. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PARTNERS_PRIVACY_VERSION } from '../../src/contract/constants'
import { PARTNER_LIMITS } from '../../src/core/partners'
import { partnerBatchAnswerSchema, partnerErrorSchema } from '../../src/contract/partner'
import { PARTNER_OPENAPI_PATH, renderPartnerOpenApi } from '../../scripts/partner-openapi'
import { partnerAuthorization } from '../../mock/partners/signing'
import { post, startServer, type RunningServer } from '../support/server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DB_PATH: join(mkdtempSync(join(tmpdir(), 'glp-partner-')), 'cloud.sqlite') })
})
afterAll(() => server.stop())

const PATH = '/partner/v1/link'

async function signedPost(partner: { partnerId: string; secret: string }, body: string, nonce?: string) {
  const authorization = partnerAuthorization({
    ...partner,
    method: 'POST',
    path: PATH,
    body,
    timestampS: Math.floor(Date.now() / 1000),
    ...(nonce ? { nonce } : {}),
  })
  const res = await fetch(`${server.url}${PATH}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Authorization: authorization } })
  return { status: res.status, body: await res.json() }
}

it('links a resident through a signed POST /partner/v1/link, and refuses an unsigned, an over-size and a replayed request', async () => {
  const boss = (await post(server.url, 'login', { code: 'dev:organizer' })).body.result.token
  const registered = (await post(server.url, 'registerPartner', { name: 'Hello Bike', kind: 'bikeshare', feeds: [] }, boss)).body.result
  const partner = { partnerId: registered.partner.id, secret: registered.secret }
  const ann = (await post(server.url, 'login', { code: 'dev:ann' })).body.result.token
  await post(server.url, 'agreePrivacy', { version: PARTNERS_PRIVACY_VERSION }, ann)
  const { code } = (await post(server.url, 'createLinkCode', { partnerId: partner.partnerId }, ann)).body.result
  const body = JSON.stringify({ rows: [{ rowId: 'link-1', linkCode: code, partnerUserId: 'hb-42' }] })
  const unsigned = await fetch(`${server.url}${PATH}`, { method: 'POST', body })
  expect(unsigned.status).toBe(401)
  expect((await unsigned.json()).error.code).toBe('UNAUTHENTICATED')
  const big = await fetch(`${server.url}${PATH}`, { method: 'POST', body: 'x'.repeat(PARTNER_LIMITS.maxBodyBytes + 1) })
  expect(big.status).toBe(413)
  expect(await signedPost(partner, body, 'nonce-http-000000001')).toEqual({
    status: 200,
    body: { result: { rows: [{ rowId: 'link-1', status: 'accepted', ref: 'linked' }] } },
  })
  expect((await signedPost(partner, body, 'nonce-http-000000001')).body.error.code).toBe('UNAUTHENTICATED')
  const links = (await post(server.url, 'listMyPartnerLinks', {}, ann)).body.result.partners
  expect(links).toEqual([expect.objectContaining({ id: partner.partnerId, name: 'Hello Bike', linkedAt: expect.any(String) })])
})

it('npm run partner links the resident who shows a code, signing as its own registered partner', async () => {
  const ann = (await post(server.url, 'login', { code: 'dev:sim-ann' })).body.result.token
  await post(server.url, 'agreePrivacy', { version: PARTNERS_PRIVACY_VERSION }, ann)
  const state = mkdtempSync(join(tmpdir(), 'glp-sim-'))
  const env = { ...process.env, CLOUD_URL: server.url, PARTNER_SIMULATOR_STATE: join(state, 'partner.json') }
  const whoami = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/partner.ts', 'whoami'], { env, encoding: 'utf8' })
  expect(whoami.status).toBe(0)
  const partnerId = /(pt_[A-Za-z0-9_-]+) \(/.exec(whoami.stdout)?.[1]
  expect(partnerId).toBeDefined()
  const { code } = (await post(server.url, 'createLinkCode', { partnerId }, ann)).body.result
  const linked = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/partner.ts', 'link', code, 'sim-user-1'], { env, encoding: 'utf8' })
  expect(linked.status).toBe(0)
  expect(linked.stdout).toContain('"status": "accepted"')
  expect((await post(server.url, 'listMyPartnerLinks', {}, ann)).body.result.partners).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: partnerId, linkedAt: expect.any(String) })]),
  )
}, 60_000)

it('publishes docs/partner-api.openapi.json from the schemas, and the running server answers in those shapes', async () => {
  expect(readFileSync(PARTNER_OPENAPI_PATH, 'utf8')).toBe(renderPartnerOpenApi())
  const boss = (await post(server.url, 'login', { code: 'dev:organizer' })).body.result.token
  const registered = (await post(server.url, 'registerPartner', { name: '回收箱', kind: 'bin', feeds: [] }, boss)).body.result
  const partner = { partnerId: registered.partner.id, secret: registered.secret }
  const rows = JSON.stringify({
    rows: [
      { rowId: 'a1', linkCode: 'ABCDEFGH', partnerUserId: 'u' },
      { rowId: 'bad id', linkCode: 'x', partnerUserId: '' },
    ],
  })
  const answered = await signedPost(partner, rows)
  expect(answered.status).toBe(200)
  expect(partnerBatchAnswerSchema.safeParse(answered.body).success).toBe(true)
  expect(answered.body.result.rows.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
    ['refused', 'NOT_FOUND'],
    ['refused', 'INVALID_ARGUMENT'],
  ])
  for (const [path, init] of [
    [PATH, { method: 'POST', body: rows }],
    ['/partner/v1/unknown', { method: 'POST', body: rows }],
  ] as const) {
    const res = await fetch(`${server.url}${path}`, init)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(partnerErrorSchema.safeParse(await res.json()).success).toBe(true)
  }
  // The document names every status the server used above.
  const doc = JSON.parse(readFileSync(PARTNER_OPENAPI_PATH, 'utf8'))
  expect(Object.keys(doc.paths['/partner/v1/link'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '413', '429']))
})
