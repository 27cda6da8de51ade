/**
 * N stateless workers over one MySQL database (CLOUD_WORKERS=2), under a stream of check-ins and redeems from
 * several residents whose phones retry with the same requestId until they get an answer: one worker is
 * killed with SIGKILL mid-stream, and (where the test may control the database: TEST_MYSQL_CONTROL=1, as in
 * CI) mariadbd itself is killed with SIGKILL and restarted. Afterwards every acknowledged call replays to the
 * same result, nothing is doubled, every wallet equals its entries and every chain verifies.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MYSQL_URL } from '../support/database'
import { post, startServer, tableRows, type RunningServer } from '../support/server'
import { streamedTrip } from '../support/trips'

const mysqlOnly = MYSQL_URL ? it : it.skip
const controlsDatabase = MYSQL_URL && process.env.TEST_MYSQL_CONTROL === '1' ? it : it.skip
const USERS = 4

/** The cloud workers a primary forked (its other children, such as tsx's esbuild, are not counted). */
function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const parent = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1])
        return parent === pid && /mock\/server\.ts|server\.js/.test(readFileSync(`/proc/${d}/cmdline`, 'utf8'))
      } catch {
        return false
      }
    })
    .map(Number)
}

interface Acked {
  token: string
  name: 'checkIn' | 'redeem'
  data: Record<string, unknown>
  resultId: string
}

/**
 * Sends until answered: a phone with the call's requestId kept, through refused connections, 503s and calls
 * that never come back (a connection the primary handed to the worker just killed is lost: the phone's own
 * timeout, 5 s here, ends the wait and it sends again).
 */
async function untilAnswered(url: string, name: string, data: unknown, token: string, deadline: number) {
  for (;;) {
    try {
      const res = await post(url, name, data, token, 5000)
      if (res.status !== 503) return res
    } catch {
      // no answer: the worker died under it, or the gateway is between workers
    }
    if (Date.now() > deadline) throw new Error(`${name} still unanswered at the deadline`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function stream(server: RunningServer, tokens: string[], rewardId: string, acked: Acked[], whileRunning: () => boolean, tag: string) {
  let n = 0
  const startedMs = Date.now()
  const deadline = Date.now() + 90_000
  await Promise.all(
    tokens.map(async (token, u) => {
      while (whileRunning()) {
        const i = n++
        const redeem = i % 6 === 5
        const name = redeem ? 'redeem' : 'checkIn'
        const data = redeem
          ? { requestId: `${tag}-r-${u}-${i}`, rewardId }
          : streamedTrip(startedMs, i, { requestId: `${tag}-c-${u}-${i}`, mode: ['walk', 'bike', 'bus'][i % 3], distanceKm: 0.2 })
        const res = await untilAnswered(server.url, name, data, token, deadline)
        if (res.status === 200) acked.push({ token, name, data, resultId: redeem ? res.body.result.redemption.id : res.body.result.entry.id })
      }
    }),
  )
}

async function booksBalance(server: RunningServer, tokens: string[], acked: Acked[]) {
  for (const a of acked) {
    const again = await post(server.url, a.name, a.data, a.token, 10_000)
    expect(again.status).toBe(200)
    expect(a.name === 'redeem' ? again.body.result.redemption.id : again.body.result.entry.id).toBe(a.resultId)
  }
  const entryIds = acked.filter((a) => a.name === 'checkIn').map((a) => a.resultId)
  expect(new Set(entryIds).size).toBe(entryIds.length)
  const wallets = await tableRows<any>(
    server,
    'SELECT w.openid, w.points_balance AS balance, w.grams_total AS grams, SUM(e.points) AS points, SUM(e.grams) AS entryGrams, COUNT(*) AS n, MAX(e.seq) AS head FROM wallets w JOIN entries e ON e.openid = w.openid GROUP BY w.openid, w.points_balance, w.grams_total',
  )
  for (const w of wallets) {
    expect([w.balance, w.grams, w.n]).toEqual([w.points, w.entryGrams, w.head])
  }
  const [{ n: doubled }] = await tableRows<{ n: number }>(
    server,
    "SELECT COUNT(*) AS n FROM (SELECT ref FROM entries WHERE type = 'redeem' GROUP BY ref HAVING COUNT(*) > 1) d",
  )
  expect(doubled).toBe(0)
  for (const t of tokens) expect((await post(server.url, 'verifyLedger', {}, t)).body.result.ok).toBe(true)
}

async function setUp(tag: string) {
  const dir = mkdtempSync(join(tmpdir(), `glp-${tag}-`))
  const server = await startServer({ DB_PATH: join(dir, 'cloud.sqlite'), ORGANIZERS: 'boss', CLOUD_WORKERS: '2' })
  const boss = (await post(server.url, 'login', { code: 'dev:boss' })).body.result.token
  const reward = (await post(server.url, 'upsertReward', { title: 'Worker mug', pointsCost: 2, stock: 100_000, perUserLimit: 1000 }, boss)).body.result.reward
  const tokens: string[] = []
  for (let u = 0; u < USERS; u++) {
    const t = (await post(server.url, 'login', { code: `dev:${tag}${u}` })).body.result.token
    await post(server.url, 'checkIn', { requestId: `${tag}-seed-${u}`, kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' }, t)
    tokens.push(t)
  }
  return { server, tokens, rewardId: reward.id as string }
}

mysqlOnly(
  'loses and doubles nothing when one of 2 workers is killed with SIGKILL mid-stream',
  async () => {
    const { server, tokens, rewardId } = await setUp('wkill')
    try {
      const workers = workersOf(server.child.pid as number)
      expect(workers.length).toBe(2)
      const acked: Acked[] = []
      let running = true
      const stopAt = setTimeout(() => (running = false), 3000)
      setTimeout(() => process.kill(workers[0], 'SIGKILL'), 800)
      await stream(server, tokens, rewardId, acked, () => running, 'wkill')
      clearTimeout(stopAt)
      expect(acked.length).toBeGreaterThan(20)
      // The primary started a replacement; both workers serve again.
      expect(workersOf(server.child.pid as number).filter((p) => p !== workers[0]).length).toBe(2)
      await booksBalance(server, tokens, acked)
    } finally {
      await server.stop()
    }
  },
  120_000,
)

controlsDatabase(
  'loses and doubles nothing when mariadbd is killed with SIGKILL mid-stream and restarted',
  async () => {
    const { server, tokens, rewardId } = await setUp('dbkill')
    const acked: Acked[] = []
    let running = true
    setTimeout(() => {
      execFileSync('pkill', ['-KILL', '-x', 'mariadbd'])
      setTimeout(() => {
        // Back after a second and a half, as an operator's restart would bring it.
        spawnSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd', '--', '--user=mysql'])
        setTimeout(() => (running = false), 2500)
      }, 1500)
    }, 800)
    let unavailable = 0
    const counting = async () => {
      while (running) {
        const res = await post(server.url, 'getWallet', {}, tokens[0]).catch(() => undefined)
        if (res?.status === 503) unavailable++
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    try {
      await Promise.all([stream(server, tokens, rewardId, acked, () => running, 'dbkill'), counting()])
      expect(unavailable).toBeGreaterThan(0) // the outage answered 503, not 500
      expect(acked.length).toBeGreaterThan(20)
      await booksBalance(server, tokens, acked)
    } finally {
      await server.stop()
    }
  },
  150_000,
)
