import { createCloud, type Cloud, type CloudOptions } from '../../mock/cloud'
import { auditEconomy } from '../../src/core/economy'
import { testStorage, testStorages } from '../support/database'
import { economyTotals } from '../../mock/treasury/queries'

export const NOW = Date.parse('2026-11-29T10:00:00+08:00')

export interface Harness {
  cloud: Cloud
  /** every worker's cloud over the one database (harness({ workers })); the first is `cloud` */
  clouds: Cloud[]
  /** the test's clock; `skewMs[i]` moves worker i's clock off it (a worker whose time runs a little ahead) */
  clock: { ms: number; skewMs: number[] }
  /** logs a handle in and returns a caller bound to its token */
  as(handle: string): Promise<Caller>
  /** logs in with any login code (a WeChat code against a stand-in, say) and returns a caller bound to its token */
  login(code: string): Promise<Caller>
  /** for tests that tamper with the database on purpose: the closing audit is theirs to assert */
  tampered(): void
  close(): Promise<void>
}

export interface Caller {
  token: string
  openid: string
  /** the same person calling through another worker's cloud (harness({ workers })) */
  via(worker: number): Caller
  call(name: string, data?: unknown): Promise<{ status: number; body: any }>
  ok(name: string, data?: unknown): Promise<any>
  /** a refusal as the body says it: code and message, and the reason and params the app words it from */
  error(name: string, data?: unknown): Promise<{ status: number; code: string; message: string; reason?: string; params?: Record<string, string | number> }>
}

/**
 * A cloud over SQLite :memory: (or the storage given) with a clock the test moves. With `workers: N`, N clouds
 * over one database, as N worker processes are (on MySQL each with its own pool; SQLite has one writer).
 */
export async function harness(options: Partial<CloudOptions> & { workers?: number } = {}): Promise<Harness> {
  const clock: Harness['clock'] = { ms: NOW, skewMs: [] }
  const { workers = 1, ...cloudOptions } = options
  const storages = options.storage ? [options.storage] : workers > 1 ? await testStorages(workers) : [await testStorage()]
  const clouds: Cloud[] = []
  for (const [i, storage] of storages.entries()) {
    clouds.push(
      await createCloud({
        now: () => clock.ms + (clock.skewMs[i] ?? 0),
        rateLimit: { burst: 0, perSecond: 1 },
        devLogin: true,
        ...cloudOptions,
        storage,
      }),
    )
  }
  const cloud = clouds[0]
  const login = async (code: string): Promise<Caller> => {
    const res = await cloud.call('login', { code })
    if (res.status !== 200) throw new Error(JSON.stringify(res.body))
    const { token, openid } = (res.body as any).result
    return callerOf(token, openid, 0)
  }
  const callerOf = (token: string, openid: string, worker: number): Caller => {
    const target = clouds[worker % clouds.length]
    const call = (name: string, data: unknown = {}): Promise<any> => {
      // A trip is checked in after it was taken: without an explicit occurredAt, the clock first moves on by
      // the trip's duration, as a resident's day would (two trips can then never share the same minutes).
      const d = (data ?? {}) as { kind?: unknown; mode?: unknown; durationMin?: unknown; occurredAt?: unknown }
      const minutes = typeof d.durationMin === 'number' && d.durationMin > 0 && d.durationMin <= 1440 ? d.durationMin : 0
      const wellFormedTrip = d.kind === 'travel' && typeof d.mode === 'string' && d.mode in PACE_KMH && minutes > 0
      if (name === 'checkIn' && wellFormedTrip && d.occurredAt === undefined) clock.ms += Math.ceil(minutes * 60_000)
      return target.call(name, data, `Bearer ${token}`)
    }
    return {
      token,
      openid,
      via: (k) => callerOf(token, openid, k),
      call,
      async ok(name, data) {
        const out = await call(name, data)
        if (out.status !== 200) throw new Error(`${name} failed: ${JSON.stringify(out.body)}`)
        return out.body.result
      },
      async error(name, data) {
        const out = await call(name, data)
        if (out.status === 200) throw new Error(`${name} unexpectedly succeeded`)
        return { status: out.status, ...out.body.error }
      },
    }
  }
  let tampered = false
  return {
    cloud,
    clouds,
    clock,
    as: (handle) => login(`dev:${handle}`),
    login,
    tampered: () => void (tampered = true),
    // Every scenario ends with the books audited: points issued = carbon points + funded budgets spent, and the rest.
    async close() {
      const audit = auditEconomy(await economyTotals(cloud.store))
      await cloud.close()
      const failed = audit.checks.filter((c) => !c.ok)
      if (failed.length > 0 && !tampered) throw new Error(`the economy audit failed after this scenario: ${JSON.stringify(failed)}`)
    },
  }
}

let counter = 0
export function rid(prefix = 'req'): string {
  counter++
  return `${prefix}-${counter.toString().padStart(6, '0')}`
}

/** A steady pace per mode, well under each mode's plausible top speed, for trips that should never be flagged. */
export const PACE_KMH: Record<string, number> = { walk: 5, bike: 15, bus: 20, metro: 35, ev: 40, carpool: 40 }

export function tripMinutes(mode: string, distanceKm: number): number {
  return Math.max(1, Math.ceil((distanceKm / PACE_KMH[mode]) * 60))
}

/** A travel check-in with the duration it takes at a steady pace (pass durationMin to override). */
export function trip(mode: string, distanceKm: number, extra: Record<string, unknown> = {}) {
  return { requestId: rid(), kind: 'travel', mode, distanceKm, durationMin: tripMinutes(mode, distanceKm), ...extra }
}

export function bike(distanceKm: number, extra: Record<string, unknown> = {}) {
  return trip('bike', distanceKm, extra)
}

/** A person's whole ledger, newest first, paged through listLedger's cursor `pageSize` entries at a time. */
export async function allEntries(caller: Caller, pageSize = 50): Promise<any[]> {
  const entries: any[] = []
  let cursor: string | null | undefined
  do {
    const page = await caller.ok('listLedger', cursor ? { cursor, limit: pageSize } : { limit: pageSize })
    entries.push(...page.entries)
    cursor = page.nextCursor
  } while (cursor)
  return entries
}

/** Everything a person's ledger holds, to compare before/after a failed call. */
export async function snapshot(caller: Caller) {
  const wallet = await caller.ok('getWallet')
  const page = await caller.ok('listLedger', { limit: 50 })
  return { wallet: wallet.wallet, entries: page.entries }
}

/** One call at a time, in order: tests whose clock or ranking depends on the order of calls stay exact. */
export { sequentially as inOrder } from '../../mock/function'

/**
 * A city organizer issues points into the treasury (the only way points that are not carbon come to exist) and,
 * with `communityId`, allocates them to that community's allowance; budgets are drawn from there.
 */
export async function stockTreasury(city: Caller, points: number, communityId?: string): Promise<void> {
  await city.ok('issuePoints', { requestId: rid('issue'), points, reason: 'test budget' })
  if (communityId !== undefined) await city.ok('allocatePoints', { requestId: rid('allocate'), communityId, points, reason: 'test allowance' })
}
