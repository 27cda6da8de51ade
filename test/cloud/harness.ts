import { createCloud, type Cloud, type CloudOptions } from '../../mock/cloud'

export const NOW = Date.parse('2026-11-29T10:00:00+08:00')

export interface Harness {
  cloud: Cloud
  clock: { ms: number }
  /** logs a handle in and returns a caller bound to its token */
  as(handle: string): Caller
  close(): void
}

export interface Caller {
  token: string
  openid: string
  call(name: string, data?: unknown): { status: number; body: any }
  ok(name: string, data?: unknown): any
  error(name: string, data?: unknown): { status: number; code: string; message: string }
}

export function harness(options: Partial<CloudOptions> = {}): Harness {
  const clock = { ms: NOW }
  const cloud = createCloud({
    dbPath: ':memory:',
    now: () => clock.ms,
    rateLimit: { burst: 0, perSecond: 1 },
    devLogin: true,
    ...options,
  })
  const as = (handle: string): Caller => {
    const res = cloud.callNow('login', { code: `dev:${handle}` })
    if (res.status !== 200) throw new Error(JSON.stringify(res.body))
    const { token, openid } = (res.body as any).result
    const call = (name: string, data: unknown = {}) => cloud.callNow(name, data, `Bearer ${token}`) as any
    return {
      token,
      openid,
      call,
      ok(name, data) {
        const out = call(name, data)
        if (out.status !== 200) throw new Error(`${name} failed: ${JSON.stringify(out.body)}`)
        return out.body.result
      },
      error(name, data) {
        const out = call(name, data)
        if (out.status === 200) throw new Error(`${name} unexpectedly succeeded`)
        return { status: out.status, ...out.body.error }
      },
    }
  }
  return { cloud, clock, as, close: () => cloud.close() }
}

let counter = 0
export function rid(prefix = 'req'): string {
  counter++
  return `${prefix}-${counter.toString().padStart(6, '0')}`
}

export function bike(distanceKm: number, extra: Record<string, unknown> = {}) {
  return { requestId: rid(), kind: 'travel', mode: 'bike', distanceKm, ...extra }
}

/** Everything a person's ledger holds, to compare before/after a failed call. */
export function snapshot(caller: Caller) {
  const wallet = caller.ok('getWallet')
  const page = caller.ok('listLedger', { limit: 50 })
  return { wallet: wallet.wallet, entries: page.entries }
}
