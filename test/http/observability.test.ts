/**
 * What an operator sees of a real server: one JSON access line per call (with request ids and a hashed caller),
 * and never a secret in the log; X-Request-Id taken or made and echoed; /metrics counting calls, answered on
 * loopback or with METRICS_TOKEN only; /healthz and /readyz.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MYSQL_URL } from '../support/database'
import { startServer, tableRows, type RunningServer } from '../support/server'
import { STAND_IN_APPID, STAND_IN_SECRET, standInOpenid, startWeChatStandIn, type WeChatStandIn } from '../support/wechatStandIn'

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'glp-obs-')), 'cloud.sqlite')
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789'

/** Everything the server prints from now on. */
function capture(server: RunningServer) {
  let out = ''
  server.child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  server.child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
  return () => out
}

/** The JSON log lines printed so far (a runtime warning on stderr is not one). */
function logLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

async function call(url: string, name: string, data: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/cloud/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Connection: 'close', ...headers },
    body: JSON.stringify({ data }),
  })
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: (await res.json()) as any }
}

/** Waits until the log has a call line for every request id given (the line is written once the answer is sent). */
async function linesFor(logs: () => string, reqIds: string[]): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 50; i++) {
    const lines = logLines(logs()).filter((l) => l.msg === 'call')
    if (reqIds.every((id) => lines.some((l) => l.reqId === id))) return lines
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`no call line for some of ${reqIds.join(', ')} in:\n${logs()}`)
}

describe('the access log of a server with WeChat login and dev login', () => {
  let wechat: WeChatStandIn
  let server: RunningServer
  let logs: () => string

  beforeAll(async () => {
    wechat = await startWeChatStandIn()
    server = await startServer({
      DB_PATH: tempDb(),
      WX_APPID: STAND_IN_APPID,
      WX_SECRET: STAND_IN_SECRET,
      WX_API_BASE: wechat.url,
      WX_TIMEOUT_MS: '1500',
      // the most the server can say, so a secret in any line, debug ones included, is found
      LOG_LEVEL: 'trace',
      TRUST_PROXY: '1',
      METRICS_TOKEN,
    })
    logs = capture(server)
  })
  afterAll(async () => {
    await server.stop()
    await wechat.close()
  })

  it('logs every call with its outcome and ids, and no code, token, session key, WeRun data or openid', async () => {
    const code = 'ok-carol-4242'
    const login = await call(server.url, 'login', { code }, { 'X-Request-Id': 'lb-trace-0001' })
    expect(login.status).toBe(200)
    expect(login.requestId).toBe('lb-trace-0001')
    const { token, openid } = login.body.result
    const bearer = { Authorization: `Bearer ${token}` }
    const werun = await call(server.url, 'devWeRunData', { days: [{ daysAgo: 0, steps: 9000 }] }, bearer)
    expect(werun.status).toBe(200)
    const { encryptedData, iv } = werun.body.result
    const steps = await call(server.url, 'syncSteps', { encryptedData, iv }, bearer)
    expect(steps.status).toBe(200)
    const checkIn = await call(server.url, 'checkIn', { requestId: 'obs-checkin-0001', kind: 'travel', mode: 'bus', distanceKm: 4, durationMin: 15 }, bearer)
    expect(checkIn.body.result.entry.gramsCo2e).toBe(104)
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.forgedSignatureValue0123'
    const refused = await call(server.url, 'getWallet', {}, { Authorization: `Bearer ${forged}` })
    expect(refused.status).toBe(401)
    const badCode = await call(server.url, 'login', { code: 'invalid-7777' })
    expect(badCode.status).toBe(401)
    const sessionKeys = await tableRows<{ session_key: string }>(server, 'SELECT session_key FROM wechat_sessions WHERE openid = ?', [openid])
    expect(sessionKeys).toHaveLength(1)

    const ids = [login, werun, steps, checkIn, refused, badCode].map((r) => r.requestId as string)
    const lines = await linesFor(logs, ids)
    const byId = (id: string) => lines.find((l) => l.reqId === id) as Record<string, unknown>
    expect(byId(login.requestId as string)).toMatchObject({
      level: 'info',
      fn: 'login',
      status: 200,
      code: 'OK',
      caller: expect.stringMatching(/^[0-9a-f]{16}$/),
    })
    const caller = byId(login.requestId as string).caller
    expect(byId(steps.requestId as string)).toMatchObject({ fn: 'syncSteps', status: 200, code: 'OK', caller })
    expect(byId(checkIn.requestId as string)).toMatchObject({ fn: 'checkIn', status: 200, code: 'OK', requestId: 'obs-checkin-0001', caller })
    expect(byId(refused.requestId as string)).toMatchObject({ fn: 'getWallet', status: 401, code: 'UNAUTHENTICATED' })
    expect(byId(refused.requestId as string).caller).toBeUndefined()
    expect(byId(badCode.requestId as string)).toMatchObject({ fn: 'login', status: 401, code: 'UNAUTHENTICATED' })
    for (const id of ids) expect(typeof byId(id).durationMs).toBe('number')

    const everything = logs()
    const secrets = {
      code,
      badCode: 'invalid-7777',
      token,
      forged,
      openid,
      wechatOpenid: standInOpenid('carol'),
      encryptedData,
      iv,
      wechatSecret: STAND_IN_SECRET,
      ...Object.fromEntries(wechat.sessionKeys.map((k, i) => [`sessionKey${i}`, k])),
      storedSessionKey: sessionKeys[0].session_key,
    }
    expect(wechat.sessionKeys.length).toBeGreaterThan(0)
    for (const [what, secret] of Object.entries(secrets)) {
      expect(typeof secret).toBe('string')
      expect([what, everything.includes(secret as string)]).toEqual([what, false])
    }
  })

  it('echoes a well-formed X-Request-Id and replaces one that is too long or unsafe', async () => {
    expect((await call(server.url, 'getMethodology', {}, { 'X-Request-Id': 'a1b2c3d4-e5f6-7890' })).requestId).toBe('a1b2c3d4-e5f6-7890')
    for (const bad of ['x'.repeat(129), 'has space in it', 'quote"and<tag>', 'short']) {
      const res = await call(server.url, 'getMethodology', {}, { 'X-Request-Id': bad })
      expect(res.requestId).not.toBe(bad)
      expect(res.requestId).toMatch(/^[A-Za-z0-9_-]{21}$/)
    }
    const made = await call(server.url, 'getMethodology', {})
    expect(made.requestId).toMatch(/^[A-Za-z0-9_-]{21}$/)
  })

  it('counts calls by function and code in /metrics, answered on loopback or with the token only', async () => {
    const metric = async () => {
      const res = await fetch(`${server.url}/metrics`, { headers: { Connection: 'close' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      return res.text()
    }
    const count = (text: string, labels: string) => Number(new RegExp(`^glp_calls_total\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
    const { token } = (await call(server.url, 'login', { code: 'dev:metrics' })).body.result
    const ok = 'function="getMethodology",code="OK"'
    const unknown = 'function="\\(unknown\\)",code="NOT_FOUND"'
    const before = await metric()
    for (let i = 0; i < 3; i++) expect((await call(server.url, 'getMethodology', {}, { Authorization: `Bearer ${token}` })).status).toBe(200)
    expect((await call(server.url, 'no-such-function-xyz', {}, { Authorization: `Bearer ${token}` })).status).toBe(404)
    // A call is counted when its connection closes, which may be a moment after the client has read the answer.
    let after = await metric()
    for (let i = 0; i < 50 && count(after, ok) - count(before, ok) < 3; i++) after = await metric()
    expect(count(after, ok) - count(before, ok)).toBe(3)
    expect(count(after, unknown) - count(before, unknown)).toBe(1)
    expect(after).not.toContain('no-such-function-xyz')
    expect(after).toMatch(/^glp_call_duration_seconds_count\{function="getMethodology"\} \d+$/m)
    expect(after).toMatch(/^glp_transaction_retries_total \d+$/m)
    expect(after).toMatch(/^glp_reminder_outbox_due 0$/m)
    expect(after).toMatch(/^process_cpu_user_seconds_total /m)

    // Behind the proxy (TRUST_PROXY=1) the caller is the forwarded address: not loopback.
    const remote = { 'X-Forwarded-For': '203.0.113.9', Connection: 'close' }
    expect((await fetch(`${server.url}/metrics`, { headers: remote })).status).toBe(403)
    expect((await fetch(`${server.url}/metrics`, { headers: { ...remote, Authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(403)
    const withToken = await fetch(`${server.url}/metrics`, { headers: { ...remote, Authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(withToken.status).toBe(200)
    expect(await withToken.text()).toContain('glp_calls_total')
  })

  it('answers /healthz without and /readyz with the database', async () => {
    const health = await fetch(`${server.url}/healthz`, { headers: { Connection: 'close' } })
    expect([health.status, await health.json()]).toEqual([200, { ok: true }])
    const ready = await fetch(`${server.url}/readyz`, { headers: { Connection: 'close' } })
    expect([ready.status, await ready.json()]).toEqual([200, { ok: true }])
  })
})

it("never logs the openid WeChat Cloud Run's gateway injects", async () => {
  const wxOpenid = 'oCloudRunSecretOpenid0001'
  const server = await startServer({
    DB_PATH: tempDb(),
    DEV_LOGIN: '0',
    WX_CLOUDRUN: '1',
    WX_APPID: STAND_IN_APPID,
    WX_CLOUDRUN_ALLOW_SQLITE: '1',
    LOG_LEVEL: 'trace',
  })
  const logs = capture(server)
  try {
    const wx = { 'X-WX-OPENID': wxOpenid, 'X-WX-APPID': STAND_IN_APPID }
    const login = await call(server.url, 'login', { code: 'cloud-run-login-code' }, wx)
    expect(login.status).toBe(200)
    const checkIn = await call(server.url, 'checkIn', { requestId: 'obs-cloudrun-0001', kind: 'travel', mode: 'bus', distanceKm: 4, durationMin: 15 }, wx)
    expect(checkIn.status).toBe(200)
    const lines = await linesFor(logs, [login.requestId as string, checkIn.requestId as string])
    const line = lines.find((l) => l.reqId === checkIn.requestId)
    expect(line).toMatchObject({ fn: 'checkIn', code: 'OK', requestId: 'obs-cloudrun-0001', caller: expect.stringMatching(/^[0-9a-f]{16}$/) })
    const everything = logs()
    for (const secret of [wxOpenid, login.body.result.openid as string, 'cloud-run-login-code']) expect(everything).not.toContain(secret)
  } finally {
    await server.stop()
  }
})

// Several workers need MySQL: whichever worker takes the scrape answers for all of them.
;(MYSQL_URL ? it : it.skip)('sums every worker of CLOUD_WORKERS=2 in one /metrics answer', async () => {
  const server = await startServer({ DB_PATH: tempDb(), CLOUD_WORKERS: '2' })
  try {
    const { token } = (await call(server.url, 'login', { code: 'dev:cluster' })).body.result
    for (let i = 0; i < 10; i++) expect((await call(server.url, 'getMethodology', {}, { Authorization: `Bearer ${token}` })).status).toBe(200)
    const counts: number[] = []
    for (let scrape = 0; scrape < 4; scrape++) {
      const text = await (await fetch(`${server.url}/metrics`, { headers: { Connection: 'close' } })).text()
      counts.push(Number(/^glp_calls_total\{function="getMethodology",code="OK"\} (\d+)$/m.exec(text)?.[1]))
      expect(text).toMatch(/^glp_db_pool_connections\{state="open"\} \d+$/m)
    }
    // The last call may be counted a moment after its answer; by the last scrape all ten are.
    expect(counts[counts.length - 1]).toBe(10)
    for (const n of counts) expect(n === 9 || n === 10).toBe(true)
  } finally {
    await server.stop()
  }
})
