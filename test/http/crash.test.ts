/**
 * SIGKILL mid-stream: every check-in the server acknowledged must survive the crash, nothing may be
 * credited twice when the client retries, and every chain must verify after the restart.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { post, startServer } from '../support/server'
import { streamedTrip } from '../support/trips'

const MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool']

it('loses no acknowledged check-in and double-credits nothing across a SIGKILL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glp-crash-'))
  const env = { DB_PATH: join(dir, 'cloud.sqlite') }
  let server = await startServer(env)
  const users = await Promise.all(['u1', 'u2', 'u3'].map(async (h) => (await post(server.url, 'login', { code: `dev:${h}` })).body.result.token as string))

  const acked = new Map<string, { token: string; req: any; entryId: string }>()
  const startedMs = Date.now()
  let sent = 0
  let killed = false
  // Three clients stream check-ins; the server is killed after ~150 acknowledgements, mid-flight.
  const stream = users.map(async (token, u) => {
    for (let i = 0; !killed; i++) {
      const req = streamedTrip(startedMs, i, { requestId: `crash-u${u}-${i}`, mode: MODES[i % MODES.length], distanceKm: 0.3 })
      sent++
      try {
        const res = await post(server.url, 'checkIn', req, token)
        if (res.status === 200) acked.set(req.requestId, { token, req, entryId: res.body.result.entry.id })
      } catch {
        return // connection refused or reset: the server is gone
      }
      if (acked.size >= 150 && !killed) {
        killed = true
        server.child.kill('SIGKILL')
      }
    }
  })
  await Promise.all(stream)
  await server.stop()
  expect(acked.size).toBeGreaterThanOrEqual(150)

  server = await startServer(env)
  try {
    // Tokens survive the restart (the secret is kept beside the database).
    for (const { token, req, entryId } of acked.values()) {
      const again = await post(server.url, 'checkIn', req, token)
      expect(again.status).toBe(200)
      expect(again.body.result.entry.id).toBe(entryId)
    }
    for (const token of users) {
      const verify = await post(server.url, 'verifyLedger', {}, token)
      expect(verify.body.result.ok).toBe(true)
      const entries: any[] = []
      let cursor: string | null = null
      do {
        const page: any = await post(server.url, 'listLedger', cursor ? { cursor, limit: 50 } : { limit: 50 }, token)
        entries.push(...page.body.result.entries)
        cursor = page.body.result.nextCursor
      } while (cursor)
      const wallet = (await post(server.url, 'getWallet', {}, token)).body.result.wallet
      expect(wallet.gramsCo2eTotal).toBe(entries.reduce((s, e) => s + e.gramsCo2e, 0))
      expect(wallet.pointsBalance).toBe(entries.reduce((s, e) => s + e.points, 0))
      expect(verify.body.result.entries).toBe(entries.length)
      // each acknowledged request is present once
      const ids = new Set(entries.map((e) => e.id))
      for (const a of acked.values()) if (a.token === token) expect(ids.has(a.entryId)).toBe(true)
      expect(ids.size).toBe(entries.length)
    }
    expect(sent).toBeGreaterThanOrEqual(acked.size)
  } finally {
    await server.stop()
  }
})
