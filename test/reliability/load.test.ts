/** Concurrency over real HTTP (on MySQL with 2 workers): identical check-ins collapse to one; redeems never oversell. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MYSQL_URL } from '../support/database'
import { post, startServer, type RunningServer } from '../support/server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DB_PATH: join(mkdtempSync(join(tmpdir(), 'glp-load-')), 'c.sqlite'), ORGANIZERS: 'boss', CLOUD_WORKERS: MYSQL_URL ? '2' : '1' })
})
afterAll(() => server.stop())

it('200 concurrent identical check-ins write one entry', async () => {
  const token = (await post(server.url, 'login', { code: 'dev:same' })).body.result.token
  const req = { requestId: 'load-same-1', kind: 'travel', mode: 'bus', distanceKm: 6, durationMin: 20 }
  const results = await Promise.all(Array.from({ length: 200 }, () => post(server.url, 'checkIn', req, token)))
  expect(new Set(results.map((r) => r.body.result.entry.id)).size).toBe(1)
  expect((await post(server.url, 'listLedger', {}, token)).body.result.entries).toHaveLength(1)
})

it('100 concurrent redeems for a stock of 10 give exactly 10 vouchers', async () => {
  const boss = (await post(server.url, 'login', { code: 'dev:boss' })).body.result.token
  const reward = (await post(server.url, 'upsertReward', { title: 'Ten only', pointsCost: 20, stock: 10 }, boss)).body.result.reward
  const tokens = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const t = (await post(server.url, 'login', { code: `dev:load${i}` })).body.result.token
      await post(server.url, 'checkIn', { requestId: `load-earn-${i}`, kind: 'recycling', material: 'paper', weightKg: 0.1, stationCode: 'ST-HQ01' }, t)
      return t
    }),
  )
  const results = await Promise.all(tokens.map((t, i) => post(server.url, 'redeem', { requestId: `load-redeem-${i}`, rewardId: reward.id }, t)))
  expect(results.filter((r) => r.status === 200)).toHaveLength(10)
  expect(results.filter((r) => r.body.error?.code === 'OUT_OF_STOCK')).toHaveLength(90)
  const after = (await post(server.url, 'listRewards', {}, boss)).body.result.rewards.find((r: any) => r.id === reward.id)
  expect(after.stock).toBe(0)
})
