/**
 * The real server under a stream of check-ins, redemptions and cancellations from several residents is
 * killed with SIGKILL at random moments, 5 times, and restarted. Afterwards every acknowledged call is
 * still there (replaying it returns the same result), nothing was credited or refunded twice, every
 * wallet equals its entries, every chain verifies and the reward's stock adds up.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { post, startServer, tableRows, type RunningServer } from '../support/server'
import { streamedTrip } from '../support/trips'

const ROUNDS = 5
const USERS = 4
const MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool']

interface Acked {
  token: string
  name: 'checkIn' | 'redeem' | 'cancelRedemption'
  data: Record<string, unknown>
  resultId: string
}

it('survives 5 SIGKILLs without losing or doubling anything', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glp-reliability-'))
  const env = { DB_PATH: join(dir, 'cloud.sqlite'), ORGANIZERS: 'boss' }
  let server: RunningServer = await startServer(env)
  const boss = (await post(server.url, 'login', { code: 'dev:boss' })).body.result.token
  const reward = (await post(server.url, 'upsertReward', { title: 'Crash-test mug', pointsCost: 30, stock: 1000, perUserLimit: 1000 }, boss)).body.result.reward
  const tokens: string[] = []
  for (let u = 0; u < USERS; u++) tokens.push((await post(server.url, 'login', { code: `dev:crash${u}` })).body.result.token)

  const acked: Acked[] = []
  let seq = 0
  const startedMs = Date.now()
  for (let round = 0; round < ROUNDS; round++) {
    let alive = true
    const killAfterMs = 300 + Math.floor(Math.random() * 700)
    const killer = setTimeout(() => {
      alive = false
      server.child.kill('SIGKILL')
    }, killAfterMs)
    await Promise.all(
      tokens.map(async (token, u) => {
        const mine: string[] = []
        while (alive) {
          const n = seq++
          let name: Acked['name'] = 'checkIn'
          let data: Record<string, unknown>
          if (n % 5 === 3) {
            name = 'redeem'
            data = { requestId: `crash-r-${n}`, rewardId: reward.id }
          } else if (n % 7 === 6 && mine.length > 0) {
            name = 'cancelRedemption'
            data = { redemptionId: mine.shift() }
          } else {
            data =
              n % 2
                ? { requestId: `crash-c-${n}`, kind: 'recycling', material: 'cardboard', weightKg: 0.05, stationCode: 'ST-HQ01' }
                : streamedTrip(startedMs, n, { requestId: `crash-c-${n}`, mode: MODES[(n >> 1) % MODES.length], distanceKm: 0.3 })
          }
          try {
            const res = await post(server.url, name, data, token)
            if (res.status === 200) {
              const resultId = name === 'checkIn' ? res.body.result.entry.id : res.body.result.redemption.id
              acked.push({ token, name, data, resultId })
              if (name === 'redeem') mine.push(resultId)
            }
          } catch {
            return // the server is gone
          }
        }
        void u
      }),
    )
    clearTimeout(killer)
    await server.stop('SIGKILL')
    server = await startServer(env)
  }

  try {
    expect(acked.filter((a) => a.name === 'checkIn').length).toBeGreaterThan(50)
    expect(acked.filter((a) => a.name === 'redeem').length).toBeGreaterThan(5)
    // Every acknowledged request that carries a requestId replays to the same result.
    for (const a of acked) {
      if (a.name === 'cancelRedemption') continue
      const again = await post(server.url, a.name, a.data, a.token)
      expect(again.status).toBe(200)
      expect(a.name === 'checkIn' ? again.body.result.entry.id : again.body.result.redemption.id).toBe(a.resultId)
    }
    // Every acknowledged cancel stuck.
    for (const a of acked.filter((x) => x.name === 'cancelRedemption')) {
      const mine = (await post(server.url, 'listMyRedemptions', {}, a.token)).body.result.redemptions
      expect(mine.find((r: any) => r.id === a.data.redemptionId).status).toBe('cancelled')
    }
    for (const token of tokens) {
      expect((await post(server.url, 'verifyLedger', {}, token)).body.result.ok).toBe(true)
    }
  } finally {
    await server.stop()
  }

  // The books balance across all users: read the database the server left behind.
  const wallets = await tableRows<any>(
    server,
    'SELECT w.openid, w.points_balance AS balance, w.grams_total AS grams, SUM(e.points) AS points, SUM(e.grams) AS entryGrams FROM wallets w JOIN entries e ON e.openid = w.openid GROUP BY w.openid, w.points_balance, w.grams_total',
  )
  for (const w of wallets) {
    expect(w.balance).toBe(w.points)
    expect(w.grams).toBe(w.entryGrams)
  }
  const perRedemption = await tableRows<any>(
    server,
    `
    SELECT r.id, r.status,
      (SELECT COUNT(*) FROM entries e WHERE e.ref = r.id AND e.type = 'redeem') AS redeems,
      (SELECT COUNT(*) FROM entries e WHERE e.ref = r.id AND e.type = 'refund') AS refunds
    FROM redemptions r`,
  )
  for (const r of perRedemption) {
    expect(r.redeems).toBe(1)
    expect(r.refunds).toBe(r.status === 'cancelled' || r.status === 'expired' ? 1 : 0)
  }
  const [{ n: held }] = await tableRows<{ n: number }>(
    server,
    "SELECT COUNT(*) AS n FROM redemptions WHERE reward_id = ? AND status IN ('pending', 'fulfilled')",
    [reward.id],
  )
  const [{ stock }] = await tableRows<{ stock: number }>(server, 'SELECT stock FROM rewards WHERE id = ?', [reward.id])
  expect(stock + held).toBe(1000)
}, 180_000)
