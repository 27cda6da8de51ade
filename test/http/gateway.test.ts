import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { post, startServer, type RunningServer } from '../support/server'

let server: RunningServer
let token: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glp-http-'))
  server = await startServer({ DB_PATH: join(dir, 'cloud.sqlite') })
  token = (await post(server.url, 'login', { code: 'dev:alice' })).body.result.token
})
afterAll(() => server.stop())

/** A hand-made request; JSON's content type unless the test names another. */
const raw = (path: string, init: RequestInit) =>
  fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }))

describe('HTTP transport', () => {
  it('answers non-JSON, non-object and over-size bodies with the contract error body', async () => {
    expect(await raw('/cloud/getWallet', { method: 'POST', body: '{"data":' })).toEqual({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT', message: expect.any(String), reason: 'call.notJson' } },
    })
    expect((await raw('/cloud/getWallet', { method: 'POST', body: '[1]' })).status).toBe(400)
    const big = JSON.stringify({ data: { pad: 'x'.repeat(70 * 1024) } })
    const res = await raw('/cloud/login', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(413)
    expect(res.body.error).toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'call.tooLarge', params: { maxKb: 64 } })
  })

  it('takes only application/json, so a form or a text/plain POST from another site cannot call a function', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw('/cloud/getWallet', { method: 'POST', body: '{"data":{}}', headers: { 'Content-Type': type, Authorization: `Bearer ${token}` } })
      expect(res).toEqual({
        status: 415,
        body: { error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('application/json'), reason: 'call.jsonOnly' } },
      })
    }
    const charset = await raw('/cloud/getWallet', {
      method: 'POST',
      body: '{"data":{}}',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
    })
    expect(charset.status).toBe(200)
  })

  it('answers unknown functions with 404 NOT_FOUND and GET with a readable refusal', async () => {
    expect(await post(server.url, 'nope', {}, token)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    expect((await raw('/cloud/getWallet', { method: 'GET' })).status).toBe(405)
  })

  it('needs a bearer token for everything but login', async () => {
    expect(await post(server.url, 'getWallet', {})).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } })
    expect((await post(server.url, 'getWallet', {}, token)).status).toBe(200)
  })

  it('keeps serving after a burst of garbage', async () => {
    const bodies = ['', 'null', '{}', '{"data":null}', '{"data":[]}', '\u0000\u0001', '{"data":{"kind":"travel"}}', 'x'.repeat(1000)]
    for (const body of bodies) {
      const res = await raw('/cloud/checkIn', { method: 'POST', body, headers: { Authorization: `Bearer ${token}` } })
      expect([400, 413]).toContain(res.status)
      expect(res.body.error.code).toBe('INVALID_ARGUMENT')
    }
    expect(
      (await post(server.url, 'checkIn', { requestId: 'http-ok-1', kind: 'travel', mode: 'bus', distanceKm: 4, durationMin: 15 }, token)).body.result.entry
        .gramsCo2e,
    ).toBe(104)
  })

  it('holds exactly-once when 200 identical check-ins arrive over HTTP at once', async () => {
    const req = {
      requestId: 'http-burst-1',
      kind: 'travel',
      mode: 'metro',
      distanceKm: 3,
      durationMin: 8,
      occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    }
    const results = await Promise.all(Array.from({ length: 200 }, () => post(server.url, 'checkIn', req, token)))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(new Set(results.map((r) => r.body.result.entry.id)).size).toBe(1)
    const page = await post(server.url, 'listLedger', { limit: 50 }, token)
    expect(page.body.result.entries.filter((e: any) => e.factorId === 'travel.metro')).toHaveLength(1)
  })
})
