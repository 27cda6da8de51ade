/**
 * /readyz and /metrics access in-process, with readiness the test controls: a database that fails or hangs
 * makes /readyz answer 503 with a short reason (never the error's own text), a drain makes it say so.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { createLogger } from '../../mock/platform/logger'
import { createObserver, READINESS_TIMEOUT_MS } from '../../mock/platform/observe'

let readiness: () => Promise<string | undefined>
let draining = false
let logged = ''
let server: Server
let url: string

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.toString()
      done()
    },
  })
  const observer = createObserver({
    log: createLogger('info', sink),
    hashOpenid: (openid) => `h(${openid.length})`,
    isKnownFunction: () => true,
    readiness: () => readiness(),
    draining: () => draining,
  })
  server = createServer((req, res) => {
    observer.begin(req, res)
    void observer.serve(new URL(req.url ?? '/', 'http://x').pathname, req, res, '127.0.0.1').then((served) => {
      if (!served) res.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const readyz = async () => {
  const res = await fetch(`${url}/readyz`, { headers: { Connection: 'close' } })
  return { status: res.status, body: await res.json() }
}

it('is ready when the database answers', async () => {
  readiness = async () => undefined
  expect(await readyz()).toEqual({ status: 200, body: { ok: true } })
})

it('is not ready when the database fails, and says so briefly', async () => {
  readiness = async () => {
    throw new Error('connect ECONNREFUSED 10.0.0.7:3306 (secret host)')
  }
  expect(await readyz()).toEqual({ status: 503, body: { ok: false, reason: 'the database does not answer' } })
  expect(logged).toContain('readiness check failed')
})

it('is not ready when the database does not answer in time', async () => {
  readiness = () => new Promise(() => undefined)
  const startedMs = Date.now()
  expect(await readyz()).toEqual({ status: 503, body: { ok: false, reason: 'the database does not answer' } })
  expect(Date.now() - startedMs).toBeGreaterThanOrEqual(READINESS_TIMEOUT_MS - 50)
})

it('is not ready while draining', async () => {
  readiness = async () => undefined
  draining = true
  try {
    expect(await readyz()).toEqual({ status: 503, body: { ok: false, reason: 'shutting down' } })
  } finally {
    draining = false
  }
})

it('has no /metrics without a metrics registry', async () => {
  expect((await fetch(`${url}/metrics`, { headers: { Connection: 'close' } })).status).toBe(404)
})
