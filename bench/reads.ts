/**
 * Reads under writers: getWallet and listLedger over HTTP while `writers` clients run checkIn against the same
 * server, on SQLite and (when a server answers) on MySQL with one worker. What a resident feels while the city
 * is checking in is the read's latency, so the figure is read p50/p99 beside the write path's p99 measured in
 * the same window (goal: reads no slower at p99 than writes).
 */
import http from 'node:http'
import { join } from 'node:path'
import { benchDatabase, benchTrip, drive, postJson, startChild, tempDb, type HttpFigures } from './cloud'
import { percentile } from './stats'

export interface ReadLatency {
  count: number
  p50Ms: number
  p99Ms: number
}

export interface ReadsUnderWriters {
  writes: HttpFigures
  getWallet: ReadLatency
  listLedger: ReadLatency
}

const USERS = 2000

function latency(times: number[]): ReadLatency {
  times.sort((a, b) => a - b)
  return { count: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) }
}

/** One run against a server started with `env`: `readersPerFunction` clients per read function, looping until the writers finish. */
async function measure(env: Record<string, string>, writers: number, totalWrites: number, readersPerFunction: number): Promise<ReadsUnderWriters> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: writers + 2 * readersPerFunction })
  const server = await startChild([join(__dirname, '..', 'mock', 'server.ts')], { PORT: '0', RATE_LIMIT_BURST: '0', DEV_LOGIN: '1', ...env })
  try {
    const url = new URL(server.url)
    const tokens: string[] = []
    for (let u = 0; u < USERS; u++) tokens.push((await postJson(agent, url, '/cloud/login', { data: { code: `dev:r${u}` } })).body.result.token)
    const startedMs = Date.now()
    const checkIn = async (prefix: string, i: number) => {
      const r = await postJson(agent, url, '/cloud/checkIn', { data: benchTrip(prefix, i, USERS, startedMs) }, tokens[i % USERS])
      if (r.status !== 200) throw new Error(`HTTP check-in failed: ${JSON.stringify(r.body)}`)
    }
    // Every resident starts with a ledger of one entry, so listLedger returns rows, not an empty page.
    await drive(writers, USERS, (i) => checkIn('reads-warm', i))
    let writing = true
    const reader = (name: 'getWallet' | 'listLedger', data: object, times: number[]) => async (r: number) => {
      for (let i = r; writing; i += readersPerFunction) {
        const t0 = performance.now()
        const out = await postJson(agent, url, `/cloud/${name}`, { data }, tokens[(i * 7919) % USERS])
        if (out.status !== 200) throw new Error(`${name} failed under writers: ${JSON.stringify(out.body)}`)
        times.push(performance.now() - t0)
      }
    }
    const walletMs: number[] = []
    const ledgerMs: number[] = []
    const readers = Array.from({ length: readersPerFunction }, (_, r) => [
      reader('getWallet', {}, walletMs)(r),
      reader('listLedger', { limit: 20 }, ledgerMs)(r),
    ]).flat()
    // Offset past the warm-up's USERS check-ins: each resident's next trip is two minutes earlier than the last.
    const writes = await drive(writers, totalWrites, (i) => checkIn('reads-req', i + USERS))
    writing = false
    await Promise.all(readers)
    return { writes, getWallet: latency(walletMs), listLedger: latency(ledgerMs) }
  } finally {
    server.child.kill('SIGTERM')
    agent.destroy()
    await new Promise((r) => setTimeout(r, 500))
  }
}

export async function sqliteReadsUnderWriters(writers: number, totalWrites: number, readersPerFunction: number): Promise<ReadsUnderWriters> {
  const db = tempDb()
  try {
    return await measure({ DB_PATH: db.path }, writers, totalWrites, readersPerFunction)
  } finally {
    db.dispose()
  }
}

/** Undefined when no MySQL server answers (found as the other MySQL benches find it). */
export async function mysqlReadsUnderWriters(writers: number, totalWrites: number, readersPerFunction: number): Promise<ReadsUnderWriters | undefined> {
  const db = await benchDatabase()
  if (!db) return undefined
  try {
    return await measure({ DATABASE_URL: db.url, CLOUD_WORKERS: '1' }, writers, totalWrites, readersPerFunction)
  } finally {
    await db.drop()
  }
}
