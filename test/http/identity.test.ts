/**
 * Identity over HTTP against the real server: WeChat login through a local code2Session stand-in, Cloud Run's
 * injected identity, dev login only where allowed, and the gateway's hardening.
 */
import { MYSQL_URL } from '../support/database'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { post, startServer, tableRows, type RunningServer } from '../support/server'
import { STAND_IN_APPID, STAND_IN_SECRET, standInOpenid, startWeChatStandIn, type WeChatStandIn } from '../support/wechatStandIn'

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'glp-id-')), 'cloud.sqlite')

/** Everything a server prints from now on, to prove what it never logs. */
function capture(server: RunningServer) {
  let out = ''
  server.child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  server.child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
  return () => out
}

async function send(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(`${url}${path}`, { method: init.method ?? 'POST', headers: { Connection: 'close', ...init.headers }, body: init.body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: text.startsWith('{') ? JSON.parse(text) : undefined }
}

describe('WeChat login (code2Session stand-in)', () => {
  let wechat: WeChatStandIn
  let server: RunningServer
  let logs: () => string
  let dbPath: string

  beforeAll(async () => {
    wechat = await startWeChatStandIn()
    dbPath = tempDb()
    server = await startServer({
      DB_PATH: dbPath,
      DEV_LOGIN: '0',
      WX_APPID: STAND_IN_APPID,
      WX_SECRET: STAND_IN_SECRET,
      WX_API_BASE: wechat.url,
      WX_TIMEOUT_MS: '1500',
    })
    logs = capture(server)
  })
  afterAll(async () => {
    await server.stop()
    await wechat.close()
  })

  it('logs a WeChat user in by code, keeps the session_key on the server and replaces it at each login', async () => {
    const first = await post(server.url, 'login', { code: 'ok-alice-0001' })
    expect(first.status).toBe(200)
    expect(first.body.result).toMatchObject({ roles: ['resident'], nickname: '微信用户', privacyVersion: 0 })
    const { openid, token } = first.body.result
    expect(openid).toMatch(/^o_/)
    expect(openid).not.toBe(standInOpenid('alice'))
    expect((await post(server.url, 'getWallet', {}, token)).status).toBe(200)

    const again = await post(server.url, 'login', { code: 'ok-alice-0002' })
    expect(again.body.result.openid).toBe(openid)
    const stored = await tableRows<{ session_key: string }>(server, 'SELECT session_key FROM wechat_sessions WHERE openid = ?', [openid])
    expect(stored).toEqual([{ session_key: wechat.sessionKeys[wechat.sessionKeys.length - 1] }])
    expect(wechat.sessionKeys).toHaveLength(2)
    expect(wechat.sessionKeys[0]).not.toBe(wechat.sessionKeys[1])

    const everything = JSON.stringify([first.body, again.body]) + logs()
    for (const key of wechat.sessionKeys) expect(everything).not.toContain(key)
    expect(logs()).not.toContain(STAND_IN_SECRET)
  })

  it('maps each of WeChat answers to a contract code and writes nothing', async () => {
    const cases: [string, number, string][] = [
      ['ok-alice-0001', 401, 'UNAUTHENTICATED'], // used before (40163)
      ['invalid-0001', 401, 'UNAUTHENTICATED'], // 40029
      ['busy-0000001', 503, 'UNAVAILABLE'], // -1
      ['html-0000001', 503, 'UNAVAILABLE'], // HTTP 502, not JSON
      ['quota-000001', 429, 'RATE_LIMITED'], // 45011
      ['blocked-0001', 403, 'PERMISSION_DENIED'], // 40226
    ]
    for (const [code, status, errorCode] of cases) {
      const res = await post(server.url, 'login', { code })
      expect([code, res.status, res.body.error.code]).toEqual([code, status, errorCode])
    }
    expect(await tableRows(server, 'SELECT COUNT(*) AS n FROM users')).toEqual([{ n: 1 }])
  })

  it('answers UNAVAILABLE when WeChat does not answer in time', async () => {
    const started = Date.now()
    const res = await post(server.url, 'login', { code: 'hang-0000001' })
    expect(res).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400)
    expect(logs()).toMatch(/no answer within 1500 ms/)
  })

  it('refuses dev codes when DEV_LOGIN is off, and ignores Cloud Run headers outside Cloud Run', async () => {
    expect(await post(server.url, 'login', { code: 'dev:organizer' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } })
    const res = await send(server.url, '/cloud/getWallet', {
      headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': standInOpenid('alice'), 'X-WX-APPID': STAND_IN_APPID },
      body: '{"data":{}}',
    })
    expect(res.status).toBe(401)
  })
})

describe('a server whose WeChat settings are wrong', () => {
  it('logs the configuration fault clearly (never the secret) and answers 503', async () => {
    const wechat = await startWeChatStandIn()
    const server = await startServer({ DB_PATH: tempDb(), DEV_LOGIN: '0', WX_APPID: STAND_IN_APPID, WX_SECRET: 'not-the-secret-xyz', WX_API_BASE: wechat.url })
    const logs = capture(server)
    try {
      expect(await post(server.url, 'login', { code: 'ok-bob-0001' })).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } })
      await new Promise((r) => setTimeout(r, 50))
      expect(logs()).toMatch(/errcode 40125.*WX_SECRET/)
      expect(logs()).not.toContain('not-the-secret-xyz')
    } finally {
      await server.stop()
      await wechat.close()
    }
  })

  it('answers 503 when WeChat cannot be reached at all', async () => {
    const server = await startServer({
      DB_PATH: tempDb(),
      DEV_LOGIN: '0',
      WX_APPID: STAND_IN_APPID,
      WX_SECRET: STAND_IN_SECRET,
      WX_API_BASE: 'http://127.0.0.1:9',
    })
    try {
      expect(await post(server.url, 'login', { code: 'ok-bob-0001' })).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE' } } })
    } finally {
      await server.stop()
    }
  })
})

describe('WeChat Cloud Run mode (WX_CLOUDRUN=1)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ DB_PATH: tempDb(), DEV_LOGIN: '0', WX_CLOUDRUN: '1', WX_APPID: STAND_IN_APPID, WX_CLOUDRUN_ALLOW_SQLITE: '1' })
  })
  afterAll(() => server.stop())
  const call = (name: string, headers: Record<string, string>, data: unknown = {}) =>
    send(server.url, `/cloud/${name}`, { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ data }) })
  const wx = (openid: string, appid = STAND_IN_APPID) => ({ 'X-WX-OPENID': openid, 'X-WX-APPID': appid })

  it('takes identity from the gateway headers: the person exists from the first call, with no token', async () => {
    const wallet = await call('getWallet', wx('oCloudRunPerson0001'))
    expect(wallet.status).toBe(200)
    const login = await call('login', wx('oCloudRunPerson0001'), { code: 'any-wx-login-code' })
    expect(login.body.result).toMatchObject({ token: '', roles: ['resident'], nickname: '微信用户' })
    const checkIn = await call('checkIn', wx('oCloudRunPerson0001'), {
      requestId: 'cloudrun-0001',
      kind: 'travel',
      mode: 'bus',
      distanceKm: 4,
      durationMin: 15,
    })
    expect(checkIn.body.result.entry.gramsCo2e).toBe(104)
    const other = await call('getWallet', wx('oCloudRunPerson0002'))
    expect(other.body.result.wallet.gramsCo2eTotal).toBe(0)
    const again = await call('login', wx('oCloudRunPerson0001'), { code: 'another-code-1' })
    expect(again.body.result.openid).toBe(login.body.result.openid)
  })

  it('refuses calls without the headers, from another appid, or with only a token', async () => {
    expect((await call('getWallet', {})).status).toBe(401)
    expect((await call('getWallet', { 'X-WX-OPENID': 'oCloudRunPerson0001' })).status).toBe(401)
    expect((await call('getWallet', wx('oCloudRunPerson0001', 'wx00000000000000ff'))).status).toBe(401)
    expect((await call('getWallet', { ...wx('bad openid!'), Authorization: 'Bearer x' })).status).toBe(401)
    expect((await call('login', {}, { code: 'dev:organizer' })).body.error.code).toBe('UNAUTHENTICATED')
    expect((await send(server.url, '/healthz', { method: 'GET' })).status).toBe(200)
  })
})

describe('start-up refusals', () => {
  it('refuses dev login on a HOST that is not loopback, unless DEV_LOGIN_ALLOW_REMOTE=1', async () => {
    await expect(startServer({ DB_PATH: tempDb(), HOST: '0.0.0.0' })).rejects.toThrow(/exited early \(2\)[\s\S]*not loopback/)
    const server = await startServer({ DB_PATH: tempDb(), HOST: '0.0.0.0', DEV_LOGIN_ALLOW_REMOTE: '1' })
    await server.stop()
  })

  it('refuses to start when nobody could log in, or with half of the WeChat settings', async () => {
    await expect(startServer({ DB_PATH: tempDb(), DEV_LOGIN: '0' })).rejects.toThrow(/Nobody could log in/)
    await expect(startServer({ DB_PATH: tempDb(), DEV_LOGIN: '0', WX_APPID: STAND_IN_APPID })).rejects.toThrow(/both WX_APPID and WX_SECRET/)
    await expect(startServer({ DB_PATH: tempDb(), WX_CLOUDRUN: '1' })).rejects.toThrow(/WX_CLOUDRUN=1 needs WX_APPID/)
  })

  // On the MySQL half of the suite every server gets a DATABASE_URL, so there is no SQLite to refuse.
  ;(MYSQL_URL ? it.skip : it)('refuses to run on an SQLite file inside a Cloud Run container unless told it is a one-instance trial', async () => {
    const cloudRun = { DB_PATH: tempDb(), DEV_LOGIN: '0', WX_CLOUDRUN: '1', WX_APPID: STAND_IN_APPID }
    await expect(startServer(cloudRun)).rejects.toThrow(/exited early \(2\)[\s\S]*WX_CLOUDRUN=1 needs MySQL[\s\S]*WX_CLOUDRUN_ALLOW_SQLITE=1/)
    const trial = await startServer({ ...cloudRun, WX_CLOUDRUN_ALLOW_SQLITE: '1' })
    await trial.stop()
  })

  it('moves its clock by DEV_CLOCK_OFFSET_MS only with dev login, by at most a day', async () => {
    await expect(
      startServer({ DB_PATH: tempDb(), DEV_LOGIN: '0', WX_APPID: STAND_IN_APPID, WX_SECRET: STAND_IN_SECRET, DEV_CLOCK_OFFSET_MS: '3600000' }),
    ).rejects.toThrow(/DEV_CLOCK_OFFSET_MS[\s\S]*needs DEV_LOGIN=1/)
    await expect(startServer({ DB_PATH: tempDb(), DEV_CLOCK_OFFSET_MS: String(25 * 3_600_000) })).rejects.toThrow(
      /DEV_CLOCK_OFFSET_MS must be an integer from -86400000 to 86400000/,
    )
    // Six hours ahead: a trip that ends three hours from the machine's now has already happened for this cloud.
    const server = await startServer({ DB_PATH: tempDb(), DEV_CLOCK_OFFSET_MS: String(6 * 3_600_000) })
    try {
      const token = (await post(server.url, 'login', { code: 'dev:clocky' })).body.result.token
      const trip = (requestId: string, hoursFromNow: number) => ({
        requestId,
        kind: 'travel',
        mode: 'bike',
        distanceKm: 3,
        durationMin: 12,
        occurredAt: new Date(Date.now() + hoursFromNow * 3_600_000).toISOString(),
      })
      expect((await post(server.url, 'checkIn', trip('clock-ahead-1', 3), token)).body.result.entry.gramsCo2e).toBe(99)
      expect((await post(server.url, 'checkIn', trip('clock-ahead-2', 6.5), token)).body.error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/future/),
      })
    } finally {
      await server.stop()
    }
  })

  it('names a MySQL database it cannot reach, never its password, and exits non-zero', async () => {
    // Port 9 on loopback: nothing listens, so the connection is refused at once.
    const attemptPromise = startServer({ DB_PATH: tempDb(), DATABASE_URL: 'mysql://glp:hunter2secret@127.0.0.1:9/glp' })
    await expect(attemptPromise).rejects.toThrow(/exited early \(3\)[\s\S]*mysql:\/\/glp@127\.0\.0\.1:9\/glp/)
    await expect(attemptPromise).rejects.not.toThrow(/hunter2secret/)
    const cloudRunPromise = startServer({ DB_PATH: tempDb(), MYSQL_ADDRESS: '127.0.0.1:9', MYSQL_USERNAME: 'root', MYSQL_PASSWORD: 'pw-secret-1' })
    await expect(cloudRunPromise).rejects.toThrow(/mysql:\/\/root@127\.0\.0\.1:9\/green_life/)
    await expect(cloudRunPromise).rejects.not.toThrow(/pw-secret-1/)
    await expect(startServer({ DB_PATH: tempDb(), DATABASE_URL: 'postgres://u:p@h/db' })).rejects.toThrow(/must be a mysql:\/\/ URL/)
  })
})

describe('HTTP hardening', () => {
  let server: RunningServer
  let token: string
  const ALLOWED = 'http://localhost:10086'
  beforeAll(async () => {
    const site = mkdtempSync(join(tmpdir(), 'glp-site-'))
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>')
    server = await startServer({ DB_PATH: tempDb(), STATIC_DIR: site, CORS_ORIGINS: ALLOWED, RATE_LIMIT_BURST: '4', RATE_LIMIT_PER_SECOND: '1' })
    token = (await post(server.url, 'login', { code: 'dev:hardy' })).body.result.token
  })
  afterAll(() => server.stop())

  it('answers CORS for listed origins only', async () => {
    const preflight = (origin: string) =>
      send(server.url, '/cloud/getWallet', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } })
    expect((await preflight(ALLOWED)).headers.get('access-control-allow-origin')).toBe(ALLOWED)
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull()
    const crossSite = await send(server.url, '/cloud/getWallet', {
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{"data":{}}',
    })
    expect(crossSite.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('serves the app with a Content-Security-Policy, nosniff, a Referrer-Policy and no framing', async () => {
    const page = await send(server.url, '/', { method: 'GET' })
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const api = await send(server.url, '/cloud/getWallet', {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{"data":{}}',
    })
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('rate-limits bad tokens and unknown function names per address, not only logins', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await post(server.url, i % 2 ? 'noSuchFunction' : 'getWallet', {}, `forged.token.${i}`)).status)
    expect(statuses.slice(0, 2)).toEqual([401, 404])
    expect(statuses.slice(-1)).toEqual([429])
  })
})

describe('client address behind a proxy', () => {
  const loginFrom = (url: string, forwardedFor: string) =>
    send(url, '/cloud/login', { headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body: '{"data":{"code":"dev:p"}}' })

  it('ignores X-Forwarded-For unless TRUST_PROXY=1, then uses the hop the proxy appended', async () => {
    const direct = await startServer({ DB_PATH: tempDb(), RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_SECOND: '1' })
    const proxied = await startServer({ DB_PATH: tempDb(), RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_SECOND: '1', TRUST_PROXY: '1' })
    try {
      const directStatuses = [await loginFrom(direct.url, '1.1.1.1'), await loginFrom(direct.url, '2.2.2.2'), await loginFrom(direct.url, '3.3.3.3')].map(
        (r) => r.status,
      )
      expect(directStatuses).toEqual([200, 200, 429])
      // The client wrote 9.9.9.9 itself each time; the proxy appended the real addresses.
      const proxiedStatuses = [
        await loginFrom(proxied.url, '9.9.9.9, 1.1.1.1'),
        await loginFrom(proxied.url, '9.9.9.9, 2.2.2.2'),
        await loginFrom(proxied.url, '9.9.9.9, 3.3.3.3'),
        await loginFrom(proxied.url, '9.9.9.9, 1.1.1.1'),
        await loginFrom(proxied.url, '9.9.9.9, 1.1.1.1'),
      ].map((r) => r.status)
      expect(proxiedStatuses).toEqual([200, 200, 200, 200, 429])
    } finally {
      await direct.stop()
      await proxied.stop()
    }
  })
})
