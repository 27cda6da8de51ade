/**
 * The MySQL rows of `npm run bench cloud` beyond checkIn: listLedger at 1,000 vs 1,000,000 entries, getLeaderboard
 * at 100,000 participants, and the hot-spot run (every client in one open challenge, donating to one project).
 *
 * Seeding a million entries through the cloud would take most of an hour here, so the seeders write rows in
 * bulk — but the rows are real: each entry is hashed and chained by src/core/ledger as appendEntry would, the
 * wallet is the fold of the entries, and the run checks verifyLedger on the 1,000-entry ledger it times.
 */
import http from 'node:http'
import { join } from 'node:path'
import type { Pool } from 'mysql2/promise'
import { createCloud, type Cloud } from '../mock/cloud'
import { encodeCursor } from '../mock/wallet/listLedger'
import { openMysql, type MysqlPort } from '../mock/storage/mysql/port'
import type { LedgerEntry, Wallet } from '../src/contract/types'
import { slotOf } from '../src/core/counters'
import { applyToWallet, entryHash, GENESIS_HASH, type UnhashedEntry } from '../src/core/ledger'
import { addDays, shanghaiDay, toShanghaiIso } from '../src/core/time'
import { benchDatabase, drive, postJson, startChild, type HttpFigures } from './cloud'
import { percentile } from './stats'

const ROWS_PER_INSERT = 1000

async function insertRows(pool: Pool, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + ROWS_PER_INSERT)])
  }
}

async function mysqlCloud(): Promise<{ cloud: Cloud; port: MysqlPort; drop(): Promise<void> } | undefined> {
  const db = await benchDatabase()
  if (!db) return undefined
  const port = await openMysql({ url: db.url })
  const cloud = await createCloud({ storage: port, organizers: ['boss'], rateLimit: { burst: 0, perSecond: 1 }, devLogin: true })
  return {
    cloud,
    port,
    drop: async () => {
      await cloud.close()
      await db.drop()
    },
  }
}

async function login(cloud: Cloud, handle: string): Promise<{ openid: string; token: string }> {
  return ((await cloud.call('login', { code: `dev:${handle}` })).body as any).result
}

/** Median of `runs` warm calls (the first 10 discarded). */
async function medianMs(runs: number, call: () => Promise<void>): Promise<{ p50Ms: number; p99Ms: number }> {
  const times: number[] = []
  for (let i = 0; i < runs + 10; i++) {
    const t0 = performance.now()
    await call()
    if (i >= 10) times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) }
}

/** The entries table's columns in the order chainRows gives them (the same names on SQLite and MySQL). */
export const CHAIN_COLUMNS = ['openid', 'seq', 'id', 'type', 'grams', 'points', 'factor_id', 'day', 'created_at', 'prev_hash', 'hash']

/**
 * One person's chain of `count` check-ins as rows, hashed and linked by the rules core, one at a time so a
 * million never sit in memory at once; the wallet they fold to is returned at the end.
 */
export function* chainRows(openid: string, count: number): Generator<unknown[], { wallet: Wallet; head: { seq: number; hash: string } }> {
  let wallet: Wallet = { gramsCo2eTotal: 0, pointsBalance: 0, pointsEarned: 0, pointsSpent: 0 }
  let prevHash = GENESIS_HASH
  const now = Date.now()
  const today = shanghaiDay(now)
  for (let seq = 1; seq <= count; seq++) {
    const unhashed: UnhashedEntry = {
      id: `e_scale_${seq}`,
      seq,
      type: 'checkin',
      gramsCo2e: 20 + (seq % 50),
      points: 2,
      factorId: 'travel.bike',
      day: addDays(today, -Math.floor((count - seq) / 200)),
      createdAt: toShanghaiIso(now - (count - seq) * 1000),
      prevHash,
    }
    const entry: LedgerEntry = { ...unhashed, hash: entryHash(unhashed) }
    wallet = applyToWallet(wallet, entry)
    prevHash = entry.hash
    yield [openid, seq, entry.id, 'checkin', entry.gramsCo2e, entry.points, entry.factorId, entry.day, entry.createdAt, entry.prevHash, entry.hash]
  }
  return { wallet, head: { seq: count, hash: prevHash } }
}

/** chainRows gathered into one array, for the bulk INSERTs of mysqlLedgerScale. */
function chain(openid: string, count: number): { rows: unknown[][]; wallet: Wallet; head: { seq: number; hash: string } } {
  const rows: unknown[][] = []
  const it = chainRows(openid, count)
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return { rows, ...step.value }
    rows.push(step.value)
  }
}

export interface MysqlLedgerScale {
  entries: number
  firstPageMs: number
  deepPageMs: number
  bytesPerMillion: number
}

/** listLedger first and deep page for one person with `entries` entries, on MySQL. */
export async function mysqlLedgerScale(entries: number): Promise<MysqlLedgerScale | undefined> {
  const setup = await mysqlCloud()
  if (!setup) return undefined
  const { cloud, port } = setup
  try {
    const me = await login(cloud, 'scale')
    const { rows, wallet, head } = chain(me.openid, entries)
    await insertRows(port.pool, 'entries', CHAIN_COLUMNS, rows)
    await port.pool.query(
      'UPDATE wallets SET grams_total = ?, points_balance = ?, points_earned = ?, points_spent = ?, head_seq = ?, head_hash = ? WHERE openid = ?',
      [wallet.gramsCo2eTotal, wallet.pointsBalance, wallet.pointsEarned, wallet.pointsSpent, head.seq, head.hash, me.openid],
    )
    if (entries <= 10_000) {
      const verified = (await cloud.call('verifyLedger', {}, `Bearer ${me.token}`)).body as any
      if (!verified.result?.ok) throw new Error(`seeded ledger does not verify: ${JSON.stringify(verified)}`)
    }
    await port.pool.query('ANALYZE TABLE entries')
    const page = (data: object) => async () => {
      const out = await cloud.call('listLedger', data, `Bearer ${me.token}`)
      if (out.status !== 200 || (out.body as any).result.entries.length !== 20) throw new Error(`listLedger failed: ${JSON.stringify(out.body)}`)
    }
    const first = await medianMs(50, page({ limit: 20 }))
    const deep = await medianMs(50, page({ limit: 20, cursor: encodeCursor(Math.floor(entries / 2)) }))
    const [[size]] = (await port.pool.query(
      "SELECT data_length + index_length AS bytes FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'entries'",
    )) as any
    return { entries, firstPageMs: first.p50Ms, deepPageMs: deep.p50Ms, bytesPerMillion: (Number(size.bytes) / entries) * 1e6 }
  } finally {
    await setup.drop()
  }
}

/** getLeaderboard for one open challenge with `participants` participants, on MySQL (me somewhere in the middle). */
export async function mysqlLeaderboard(participants: number): Promise<{ p50Ms: number; p99Ms: number } | undefined> {
  const setup = await mysqlCloud()
  if (!setup) return undefined
  const { cloud, port } = setup
  try {
    const boss = await login(cloud, 'boss')
    const today = shanghaiDay(Date.now())
    const c = (
      (
        await cloud.call(
          'createChallenge',
          { title: 'Bench', metric: 'gramsCo2e', targetPerMember: 1_000_000, startDay: today, endDay: addDays(today, 30), bonusPoints: 1 },
          `Bearer ${boss.token}`,
        )
      ).body as any
    ).result.challenge
    const me = await login(cloud, 'me')
    const joined = (await cloud.call('joinChallenge', { challengeId: c.id }, `Bearer ${me.token}`)).body as any
    if (!joined.result) throw new Error(JSON.stringify(joined))
    await port.pool.query('UPDATE challenge_participants SET value = 12345 WHERE challenge_id = ? AND openid = ?', [c.id, me.openid])
    const now = Date.now()
    const rows: unknown[][] = []
    const slots = new Map<number, number>()
    for (let i = 0; i < participants - 1; i++) {
      const openid = `o_bench_${i}`
      rows.push([c.id, openid, now, (i * 7919) % 100_000, now + i])
      slots.set(slotOf(openid), (slots.get(slotOf(openid)) ?? 0) + 1)
    }
    await insertRows(port.pool, 'challenge_participants', ['challenge_id', 'openid', 'joined_ms', 'value', 'value_ms'], rows)
    for (const [slot, n] of slots)
      await port.pool
        .query('UPDATE challenge_slots SET participants = participants + ? WHERE challenge_id = ? AND slot = ?', [n, c.id, slot])
        .then(async ([r]: any) => {
          if (r.affectedRows === 0) await port.pool.query('INSERT INTO challenge_slots (challenge_id, slot, participants) VALUES (?, ?, ?)', [c.id, slot, n])
        })
    await port.pool.query('ANALYZE TABLE challenge_participants')
    return await medianMs(30, async () => {
      const out = (await cloud.call('getLeaderboard', { challengeId: c.id, limit: 20 }, `Bearer ${me.token}`)).body as any
      if (out.result?.participants !== participants) throw new Error(`leaderboard answered ${JSON.stringify(out).slice(0, 300)}`)
    })
  } finally {
    await setup.drop()
  }
}

export interface HotSpotFigures {
  hot: HttpFigures
  spread: HttpFigures
}

/**
 * 50 residents over HTTP on MySQL (one worker), each alternating a check-in and a 1-point donation. Hot: all
 * are in one open challenge and donate to one project. Spread: the same calls, no
 * challenge, each donating to a project of their own. The ratio is what the shared rows cost.
 */
export async function mysqlHotSpot(clients: number, total: number): Promise<HotSpotFigures | undefined> {
  const figures: Partial<HotSpotFigures> = {}
  for (const run of ['spread', 'hot'] as const) {
    const db = await benchDatabase()
    if (!db) return undefined
    const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
    const server = await startChild([join(__dirname, '..', 'mock', 'server.ts')], {
      DATABASE_URL: db.url,
      PORT: '0',
      RATE_LIMIT_BURST: '0',
      DEV_LOGIN: '1',
      ORGANIZERS: 'boss',
    })
    try {
      const url = new URL(server.url)
      const call = async (name: string, data: object, token: string) => {
        const r = await postJson(agent, url, `/cloud/${name}`, { data }, token)
        if (r.status !== 200) throw new Error(`${name} failed in the ${run} run: ${JSON.stringify(r.body)}`)
        return r.body.result
      }
      const boss = (await postJson(agent, url, '/cloud/login', { data: { code: 'dev:boss' } })).body.result.token
      const today = shanghaiDay(Date.now())
      const projects: string[] = []
      for (let p = 0; p < (run === 'hot' ? 1 : clients); p++) {
        projects.push((await call('upsertProject', { title: `Trees ${p}`, goalPoints: 1_000_000 }, boss)).project.id)
      }
      const challenge =
        run === 'hot'
          ? (
              await call(
                'createChallenge',
                { title: 'City week', metric: 'gramsCo2e', targetPerMember: 1_000_000, startDay: today, endDay: addDays(today, 7), bonusPoints: 1 },
                boss,
              )
            ).challenge
          : undefined
      const tokens: string[] = []
      for (let u = 0; u < clients; u++) {
        const token = (await postJson(agent, url, '/cloud/login', { data: { code: `dev:hot${u}` } })).body.result.token
        tokens.push(token)
        if (challenge) await call('joinChallenge', { challengeId: challenge.id }, token)
        await call('checkIn', { requestId: `warmup-request-${u}`, kind: 'recycling', material: 'paper', weightKg: 1, stationCode: 'ST-HQ01' }, token)
      }
      const modes = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool']
      const startedMs = Date.now()
      figures[run] = await drive(clients, total, async (i) => {
        const u = i % clients
        const round = Math.floor(i / clients)
        if (round % 2 === 0) {
          const trip = round / 2
          await call(
            'checkIn',
            {
              requestId: `hotspot-request-${i}`,
              kind: 'travel',
              mode: modes[trip % modes.length],
              distanceKm: 0.3,
              durationMin: 2,
              occurredAt: new Date(startedMs - trip * 2 * 60_000).toISOString(),
            },
            tokens[u],
          )
        } else {
          await call('donate', { requestId: `hotspot-request-${i}`, projectId: projects[u % projects.length], points: 1 }, tokens[u])
        }
      })
    } finally {
      server.child.kill('SIGTERM')
      agent.destroy()
      await new Promise((r) => setTimeout(r, 500))
      await db.drop()
    }
  }
  return figures as HotSpotFigures
}
