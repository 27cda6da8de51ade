/**
 * checkIn throughput in-process and over HTTP, each beside its floors measured in the same run: a bare
 * better-sqlite3 insert-per-transaction loop, a bare Node HTTP server doing one insert, and the same server
 * doing one credit-shaped transaction (./bareCreditServer), the ceiling for a credit on SQLite.
 */
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../mock/storage/sqlitePort'
import { freshMysqlDatabase } from '../test/support/database'
import { createCloud } from '../mock/cloud'
import { fmt, percentile } from './stats'

const MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool'] as const

/**
 * The i-th check-in of a run over `users` residents: each resident's k-th trip takes its own two minutes,
 * counted back from when the run began (a trip needs a duration; one person's trips may not overlap).
 */
export function benchTrip(prefix: string, i: number, users: number, startedMs: number) {
  const k = Math.floor(i / users)
  return {
    requestId: `${prefix}-${i}`,
    kind: 'travel',
    mode: MODES[k % MODES.length],
    distanceKm: 0.3,
    durationMin: 2,
    occurredAt: new Date(startedMs - k * 2 * 60_000).toISOString(),
  }
}

export interface CloudFigures {
  bareInsertsPerSec: number
  inProcessPerSec: number
  bareHttp: HttpFigures
  cloudHttp: HttpFigures
}

export interface HttpFigures {
  perSec: number
  p50Ms: number
  p99Ms: number
}

export function tempDb(): { path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'glp-bench-'))
  return { path: join(dir, 'bench.sqlite'), dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

export function bareInsertLoop(count: number): number {
  const tmp = tempDb()
  const db = new Database(tmp.path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, openid TEXT, grams INTEGER, body TEXT)')
  const insert = db.prepare('INSERT INTO t (openid, grams, body) VALUES (?, ?, ?)')
  const one = db.transaction((i: number) => insert.run(`user-${i % 100}`, i, `{"i":${i}}`))
  const start = process.hrtime.bigint()
  for (let i = 0; i < count; i++) one(i)
  const secs = Number(process.hrtime.bigint() - start) / 1e9
  db.close()
  tmp.dispose()
  return count / secs
}

/** Distinct users and small trips, so caps never refuse: the rate measured is of credits written. */
export async function inProcessCheckIns(count: number): Promise<number> {
  const tmp = tempDb()
  const cloud = await createCloud({
    storage: openSqlite({ path: tmp.path, backgroundCheckpoints: true }),
    rateLimit: { burst: 0, perSecond: 1 },
    devLogin: true,
  })
  const users = 2000
  const startedMs = Date.now()
  const tokens: string[] = []
  for (let u = 0; u < users; u++) tokens.push(((await cloud.call('login', { code: `dev:bench${u}` })).body as any).result.token as string)
  const start = process.hrtime.bigint()
  for (let i = 0; i < count; i++) {
    const out = await cloud.call('checkIn', benchTrip('bench-req', i, users, startedMs), `Bearer ${tokens[i % users]}`)
    if (out.status !== 200) throw new Error(`check-in failed: ${JSON.stringify(out.body)}`)
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9
  await cloud.close()
  tmp.dispose()
  return count / secs
}

export function startChild(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // BENCH_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the servers the bench starts.
    const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean)
    // LOG_LEVEL=warn: a JSON line per call would be measured too (and kept here); the figures are the calls'.
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
      env: { LOG_LEVEL: 'warn', ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    let started = false
    child.stdout!.on('data', (c: Buffer) => {
      if (started) return
      out += c
      const m = /http:\/\/[\d.]+:\d+/.exec(out)
      if (m) {
        started = true
        resolve({ url: m[0], child })
      }
    })
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)))
  })
}

export function postJson(agent: http.Agent, url: URL, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const text = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
      },
    )
    req.on('error', reject)
    req.end(text)
  })
}

/** `concurrency` clients, each sending its next request as soon as the previous one is answered. */
export async function drive(concurrency: number, total: number, send: (i: number) => Promise<void>): Promise<HttpFigures> {
  const latencies: number[] = []
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++
        const t0 = performance.now()
        await send(i)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const secs = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  return { perSec: total / secs, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) }
}

export interface SqliteHttpFigures {
  /** one insert per request */
  bare: HttpFigures
  /** one credit-shaped transaction per request */
  credit: HttpFigures
  cloud: HttpFigures
}

export async function httpFigures(concurrency: number, total: number): Promise<SqliteHttpFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const bareDb = tempDb()
  const bare = await startChild([join(__dirname, 'bareServer.ts')], { DB_PATH: bareDb.path })
  const bareUrl = new URL(bare.url)
  await drive(concurrency, 500, async (i) => void (await postJson(agent, bareUrl, '/insert', { data: { i } }))) // warm-up
  const bareFigures = await drive(concurrency, total, async (i) => {
    const r = await postJson(agent, bareUrl, '/insert', { data: { requestId: `b-${i}`, kind: 'travel', mode: 'bike', distanceKm: 0.5 } })
    if (r.status !== 200) throw new Error('bare insert failed')
  })
  bare.child.kill('SIGKILL')
  bareDb.dispose()

  // 2,000 residents, as the cloud run below spreads its check-ins, so each wallet row is as hot as there.
  const users = 2000
  const creditDb = tempDb()
  const creditServer = await startChild([join(__dirname, 'bareCreditServer.ts')], { DB_PATH: creditDb.path })
  const creditUrl = new URL(creditServer.url)
  await drive(concurrency, 500, async (i) => void (await postJson(agent, creditUrl, '/', { data: { user: i % users } })))
  const creditFigures = await drive(concurrency, total, async (i) => {
    const r = await postJson(agent, creditUrl, '/', { data: { user: i % users, requestId: `c-${i}`, kind: 'travel', mode: 'bike', distanceKm: 0.5 } })
    if (r.status !== 200) throw new Error(`bare credit failed: ${JSON.stringify(r.body)}`)
  })
  creditServer.child.kill('SIGKILL')
  creditDb.dispose()

  const cloudDb = tempDb()
  const cloud = await startChild([join(__dirname, '..', 'mock', 'server.ts')], { DB_PATH: cloudDb.path, PORT: '0', RATE_LIMIT_BURST: '0', DEV_LOGIN: '1' })
  const cloudUrl = new URL(cloud.url)
  const startedMs = Date.now()
  const tokens: string[] = []
  for (let u = 0; u < users; u++) tokens.push((await postJson(agent, cloudUrl, '/cloud/login', { data: { code: `dev:h${u}` } })).body.result.token)
  await drive(concurrency, 500, async (i) => void (await postJson(agent, cloudUrl, '/cloud/getWallet', { data: {} }, tokens[i % users])))
  const cloudFigures = await drive(concurrency, total, async (i) => {
    const r = await postJson(agent, cloudUrl, '/cloud/checkIn', { data: benchTrip('http-req', i, users, startedMs) }, tokens[i % users])
    if (r.status !== 200) throw new Error(`HTTP check-in failed: ${JSON.stringify(r.body)}`)
  })
  cloud.child.kill(process.env.BENCH_CHILD_NODE_ARGS ? 'SIGTERM' : 'SIGKILL')
  await new Promise((r) => setTimeout(r, process.env.BENCH_CHILD_NODE_ARGS ? 1500 : 0))
  cloudDb.dispose()
  agent.destroy()
  return { bare: bareFigures, credit: creditFigures, cloud: cloudFigures }
}

/** A throw-away MySQL database for one bench server (the tests' own helper), or undefined when no server answers. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const { findMysql } = require('../test/support/mysqlServer') as { findMysql(): Promise<{ url?: string }> }
  const found = await findMysql()
  return found.url ? freshMysqlDatabase(undefined, found.url) : undefined
}

export interface MysqlHttpFigures {
  floor: HttpFigures
  workers: { n: number; figures: HttpFigures }[]
}

/**
 * checkIn over HTTP on MySQL with 1 and with 2 workers, beside the bare credit-shaped transaction server on
 * the same MySQL server, 2,000 residents, `concurrency` clients. Undefined when no MySQL server answers.
 */
export async function mysqlHttpFigures(concurrency: number, total: number): Promise<MysqlHttpFigures | undefined> {
  const floorDb = await benchDatabase()
  if (!floorDb) return undefined
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const users = 2000
  const startedMs = Date.now()
  const bare = await startChild([join(__dirname, 'bareMysqlServer.ts')], { DATABASE_URL: floorDb.url })
  const bareUrl = new URL(bare.url)
  await drive(concurrency, 500, async (i) => void (await postJson(agent, bareUrl, '/', { data: { user: i % users } })))
  const floor = await drive(concurrency, total, async (i) => {
    const r = await postJson(agent, bareUrl, '/', { data: { user: i % users, requestId: `b-${i}`, kind: 'travel', mode: 'bike', distanceKm: 0.5 } })
    if (r.status !== 200) throw new Error(`bare mysql insert failed: ${JSON.stringify(r.body)}`)
  })
  bare.child.kill('SIGKILL')
  await floorDb.drop()
  const workers: MysqlHttpFigures['workers'] = []
  for (const n of (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)) {
    const db = await benchDatabase()
    if (!db) break
    const cloud = await startChild([join(__dirname, '..', 'mock', 'server.ts')], {
      DATABASE_URL: db.url,
      CLOUD_WORKERS: String(n),
      PORT: '0',
      RATE_LIMIT_BURST: '0',
      DEV_LOGIN: '1',
    })
    const cloudUrl = new URL(cloud.url)
    const tokens: string[] = []
    for (let u = 0; u < users; u++) tokens.push((await postJson(agent, cloudUrl, '/cloud/login', { data: { code: `dev:m${u}` } })).body.result.token)
    await drive(concurrency, 500, async (i) => void (await postJson(agent, cloudUrl, '/cloud/getWallet', { data: {} }, tokens[i % users])))
    const figures = await drive(concurrency, total, async (i) => {
      const r = await postJson(agent, cloudUrl, '/cloud/checkIn', { data: benchTrip('mysql-req', i, users, startedMs) }, tokens[i % users])
      if (r.status !== 200) throw new Error(`HTTP check-in on MySQL failed: ${JSON.stringify(r.body)}`)
    })
    workers.push({ n, figures })
    cloud.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    await db.drop()
  }
  agent.destroy()
  return { floor, workers }
}

export function describeHttp(f: HttpFigures): string {
  return `${fmt(f.perSec)}/s, p50 ${fmt(f.p50Ms, 2)} ms, p99 ${fmt(f.p99Ms, 2)} ms`
}
