/**
 * The MySQL half of the reliability suite on a three-node MariaDB Galera cluster (`npm run test:galera`,
 * GALERA=1; skipped otherwise): the cloud's workers spread over the nodes (DATABASE_URLS), every call sent
 * twice at once so the two copies usually land on different nodes and race to COMMIT, where certification
 * lets one through and fails the other as a deadlock the retry policy runs again; one node SIGKILLed
 * mid-stream and brought back. Afterwards every acknowledged call replays to the same result, nothing is
 * doubled, books and ledgers balance, and the three nodes hold the same rows. Also: clouds starting at once
 * against different nodes of a fresh database migrate it exactly once (GET_LOCK is node-local under Galera).
 */
import { openMysql, type MysqlPort } from '../../mock/storage/mysql/port'
import { MYSQL_MIGRATIONS } from '../../mock/storage/mysql/migrations'
import { startGalera, type GaleraCluster } from '../support/galera'
import { post, startServer, type RunningServer } from '../support/server'
import { streamedTrip } from '../support/trips'

const galera = process.env.GALERA === '1'
const galeraIt = galera ? it : it.skip
const USERS = 4
/** the node killed mid-stream: not node 1, which the checks read */
const VICTIM = 3

let cluster: GaleraCluster

beforeAll(async () => {
  if (galera) cluster = await startGalera({ log: (line) => console.log(line) })
}, 120_000)

afterAll(async () => {
  await cluster?.stop()
}, 60_000)

async function createDatabase(name: string): Promise<string[]> {
  const root = await cluster.admin(1)
  try {
    await root.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`)
  } finally {
    await root.end()
  }
  return cluster.urls(name)
}

/** Rows read on node n once it has applied everything committed anywhere before the read (wsrep_sync_wait). */
async function rowsOn<T>(n: number, database: string, sql: string): Promise<T[]> {
  const c = await cluster.admin(n)
  try {
    await c.query(`USE \`${database}\`; SET SESSION wsrep_sync_wait = 1`)
    const [rows] = await c.query(sql)
    return rows as T[]
  } finally {
    await c.end()
  }
}

galeraIt(
  'clouds starting at once against the three nodes of a fresh database migrate it exactly once',
  async () => {
    // Why a named lock is not enough here: two nodes grant the same GET_LOCK at the same time.
    const [a, b] = [await cluster.admin(1), await cluster.admin(2)]
    try {
      const [[onA]] = (await a.query("SELECT GET_LOCK('glp_probe', 0) AS got")) as unknown as [{ got: number }[]]
      const [[onB]] = (await b.query("SELECT GET_LOCK('glp_probe', 0) AS got")) as unknown as [{ got: number }[]]
      expect([onA.got, onB.got]).toEqual([1, 1])
    } finally {
      await a.end()
      await b.end()
    }
    const urls = await createDatabase('glp_galera_migrate')
    // two a node, all at once, as six workers of three instances starting together
    const opened = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => openMysql({ url: urls[i % 3], connectionLimit: 2 })))
    const ports = opened.filter((o): o is PromiseFulfilledResult<MysqlPort> => o.status === 'fulfilled').map((o) => o.value)
    try {
      expect(opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([])
      const applied = ports.flatMap((p) => p.applied).sort((x, y) => x - y)
      expect(applied).toEqual(MYSQL_MIGRATIONS.map((m) => m.version))
      for (const n of [1, 2, 3]) {
        const versions = await rowsOn<{ version: number }>(n, 'glp_galera_migrate', 'SELECT version FROM schema_migrations ORDER BY version')
        expect(versions.map((v) => v.version)).toEqual(MYSQL_MIGRATIONS.map((m) => m.version))
        // released by its holder, not left to expire
        expect(await rowsOn(n, 'glp_galera_migrate', 'SELECT * FROM schema_migration_lock')).toEqual([])
      }
    } finally {
      for (const p of ports) await p.close()
    }
  },
  120_000,
)

interface Acked {
  token: string
  name: 'checkIn' | 'redeem' | 'cancelRedemption'
  data: Record<string, unknown>
  resultId: string
}

/** A phone that keeps its requestId and sends again through refused connections, 503s and lost answers. */
async function untilAnswered(url: string, name: string, data: unknown, token: string, deadline: number, seen: { unavailable: number }) {
  for (;;) {
    try {
      const res = await post(url, name, data, token, 5000)
      if (res.status !== 503) return res
      seen.unavailable++
    } catch {
      // no answer: the worker's node died under the call, or the cluster was still evicting it
    }
    if (Date.now() > deadline) throw new Error(`${name} still unanswered at the deadline`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const resultIdOf = (name: Acked['name'], body: any): string => (name === 'checkIn' ? body.result.entry.id : body.result.redemption.id)

galeraIt(
  'loses and doubles nothing with the workers over three nodes, racing copies of each call, and one node SIGKILLed mid-stream',
  async () => {
    const startedMs = Date.now()
    const database = 'glp_galera_stream'
    const urls = await createDatabase(database)
    const server: RunningServer = await startServer({ DATABASE_URL: urls[0], DATABASE_URLS: urls.join(','), CLOUD_WORKERS: '3', ORGANIZERS: 'boss' }, 90_000)
    const seen = { unavailable: 0, raced: 0, calls: 0 }
    try {
      const boss = (await post(server.url, 'login', { code: 'dev:boss' })).body.result.token
      const reward = (await post(server.url, 'upsertReward', { title: 'Galera mug', pointsCost: 2, stock: 100_000, perUserLimit: 1000 }, boss)).body.result
        .reward
      const tokens: string[] = []
      for (let u = 0; u < USERS; u++) {
        const t = (await post(server.url, 'login', { code: `dev:galera${u}` })).body.result.token
        const seed = await untilAnswered(
          server.url,
          'checkIn',
          { requestId: `galera-seed-${u}`, kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' },
          t,
          Date.now() + 30_000,
          seen,
        )
        expect(seed.status).toBe(200)
        tokens.push(t)
      }

      const certFailuresOn12 = async () => {
        let sum = 0
        for (const n of [1, 2]) sum += Number((await rowsOn<{ Value: string }>(n, database, "SHOW GLOBAL STATUS LIKE 'wsrep_local_cert_failures'"))[0].Value)
        return sum
      }
      const certBefore = await certFailuresOn12()
      const acked: Acked[] = []
      let running = true
      let killedAt = 0
      const deadline = Date.now() + 120_000
      const streamStart = Date.now()
      const stopAt = setTimeout(() => (running = false), 7000)
      const killer = setTimeout(() => {
        killedAt = Date.now() - streamStart
        void cluster.kill(VICTIM)
      }, 1500)
      // Each call goes twice at once: the copies reach different workers, so usually different nodes.
      const twice = async (token: string, name: Acked['name'], data: Record<string, unknown>) => {
        seen.calls += 2
        const [x, y] = await Promise.all([0, 1].map(() => untilAnswered(server.url, name, data, token, deadline, seen)))
        if (name === 'cancelRedemption') {
          // The copy that lost finds the voucher already cancelled (so may both, when the winner's answer was
          // lost and it was sent again): either way the voucher is cancelled, with one refund.
          expect([x, y].filter((r) => r.status === 200 || r.body?.error?.code === 'CONFLICT').length).toBe(2)
          acked.push({ token, name, data, resultId: data.redemptionId as string })
          return
        }
        expect([x, y].map((r) => (r.status === 200 ? 200 : r.body))).toEqual([200, 200])
        expect(resultIdOf(name, y.body)).toBe(resultIdOf(name, x.body))
        seen.raced++
        acked.push({ token, name, data, resultId: resultIdOf(name, x.body) })
        return resultIdOf(name, x.body)
      }
      await Promise.all(
        tokens.map(async (token, u) => {
          for (let i = 0; running; i++) {
            if (i % 4 === 3) {
              const voucher = await twice(token, 'redeem', { requestId: `galera-r-${u}-${i}`, rewardId: reward.id })
              // every other voucher is given back at once
              if (i % 8 === 7 && voucher) await twice(token, 'cancelRedemption', { redemptionId: voucher })
            } else {
              await twice(
                token,
                'checkIn',
                streamedTrip(streamStart, i, { requestId: `galera-c-${u}-${i}`, mode: ['walk', 'bike', 'bus'][i % 3], distanceKm: 0.2 }),
              )
            }
          }
        }),
      )
      clearTimeout(stopAt)
      clearTimeout(killer)
      const streamMs = Date.now() - streamStart
      expect(killedAt).toBeGreaterThan(0)
      expect(acked.filter((a) => a.name === 'checkIn').length).toBeGreaterThan(20)
      expect(acked.filter((a) => a.name === 'cancelRedemption').length).toBeGreaterThan(0)

      // The node comes back (IST or SST) and its worker's pool reconnects.
      const rejoinStart = Date.now()
      await cluster.restart(VICTIM)
      const rejoinMs = Date.now() - rejoinStart

      // Every acknowledged call, sent again, answers as it did (a cancel: already cancelled).
      for (const a of acked) {
        const again = await untilAnswered(server.url, a.name, a.data, a.token, Date.now() + 30_000, seen)
        if (a.name === 'cancelRedemption') expect(again.body.error?.code).toBe('CONFLICT')
        else {
          expect(again.status).toBe(200)
          expect(resultIdOf(a.name, again.body)).toBe(a.resultId)
        }
      }
      const entryIds = acked.filter((a) => a.name === 'checkIn').map((a) => a.resultId)
      expect(new Set(entryIds).size).toBe(entryIds.length)

      // The same books on every node, and they balance.
      const fingerprints: string[] = []
      for (const n of [1, 2, 3]) {
        const wallets = await rowsOn<any>(
          n,
          database,
          'SELECT w.openid, w.points_balance AS balance, w.grams_total AS grams, SUM(e.points) AS points, SUM(e.grams) AS entryGrams, COUNT(*) AS n, MAX(e.seq) AS head FROM wallets w JOIN entries e ON e.openid = w.openid GROUP BY w.openid, w.points_balance, w.grams_total ORDER BY w.openid',
        )
        for (const w of wallets) expect([w.balance, w.grams, w.n]).toEqual([w.points, w.entryGrams, w.head])
        // One chain a person: each entry links to the one before it, the wallet's head to the last (a fork is
        // two transactions' halves committed: one's entry, the other's wallet).
        const forks = await rowsOn<{ openid: string; seq: number }>(
          n,
          database,
          'SELECT e.openid, e.seq FROM entries e JOIN entries p ON p.openid = e.openid AND p.seq = e.seq - 1 WHERE e.prev_hash <> p.hash',
        )
        const heads = await rowsOn<{ openid: string }>(
          n,
          database,
          'SELECT w.openid FROM wallets w JOIN entries e ON e.openid = w.openid AND e.seq = w.head_seq WHERE e.hash <> w.head_hash',
        )
        expect({ forks, heads }).toEqual({ forks: [], heads: [] })
        const [{ n: doubled }] = await rowsOn<{ n: number }>(
          n,
          database,
          "SELECT COUNT(*) AS n FROM (SELECT type, ref FROM entries WHERE type IN ('redeem', 'refund') GROUP BY type, ref HAVING COUNT(*) > 1) d",
        )
        expect(doubled).toBe(0)
        // Each acknowledged voucher exists once; exactly the acknowledged cancels are cancelled (with one refund each).
        const vouchers = await rowsOn<{ id: string; status: string }>(n, database, 'SELECT id, status FROM redemptions')
        const status = new Map(vouchers.map((v) => [v.id, v.status]))
        const cancelled = new Set(acked.filter((a) => a.name === 'cancelRedemption').map((a) => a.resultId))
        for (const a of acked.filter((x) => x.name === 'redeem'))
          expect([a.resultId, status.get(a.resultId)]).toEqual([a.resultId, cancelled.has(a.resultId) ? 'cancelled' : 'pending'])
        const [{ refunds }] = await rowsOn<{ refunds: number }>(n, database, "SELECT COUNT(*) AS refunds FROM entries WHERE type = 'refund'")
        expect(refunds).toBe(cancelled.size)
        const rows = await rowsOn<{ h: string; n: number }>(
          n,
          database,
          "SELECT COUNT(*) AS n, SHA2(GROUP_CONCAT(CONCAT(openid, ':', seq, ':', hash) ORDER BY openid, seq SEPARATOR ','), 256) AS h FROM entries",
        )
        fingerprints.push(`${rows[0].n}:${rows[0].h}`)
      }
      expect(new Set(fingerprints).size).toBe(1)
      for (const t of tokens)
        expect((await untilAnswered(server.url, 'verifyLedger', {}, t, Date.now() + 30_000, seen)).body.result).toMatchObject({ ok: true })
      const audit = await untilAnswered(server.url, 'auditEconomy', {}, boss, Date.now() + 30_000, seen)
      expect(audit.body.result.ok).toBe(true)

      const metrics = await (await fetch(`${server.url}/metrics`)).text()
      const retries = Number(/^glp_transaction_retries_total (\d+)/m.exec(metrics)?.[1] ?? 0)
      // Transactions that lost certification at COMMIT on the nodes that lived throughout (node 3's count
      // restarted with it): the racing copies met there, and each loss was retried, none surfaced (the answers
      // above were all 200 or CONFLICT).
      const certFailures = (await certFailuresOn12()) - certBefore
      expect(certFailures).toBeGreaterThan(0)
      expect(retries).toBeGreaterThan(0)
      console.log(
        `galera stream: ${seen.calls} calls (${seen.raced} raced pairs answered alike), ${acked.length} acknowledged, ${retries} transactions retried after a conflict (${certFailures} certification failures on nodes 1 and 2), ` +
          `${seen.unavailable} answered 503; node ${VICTIM} SIGKILLed at ${killedAt} ms of a ${streamMs} ms stream, rejoined in ${rejoinMs} ms; ${Date.now() - startedMs} ms in all`,
      )
    } finally {
      await server.stop()
    }
  },
  240_000,
)
