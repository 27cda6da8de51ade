/**
 * Demo data for `npm start`: a resident with a week of history, written through the real functions
 * (so every gram passes the same rules as a real check-in). Skipped when the demo user exists.
 */
import { randomBytes } from 'node:crypto'
import { createCloud, type Cloud } from './cloud'

export const DEMO_HANDLE = 'demo'

export async function seedDemoData(cloud: Cloud): Promise<void> {
  if (await cloud.store.findUserByHandle(DEMO_HANDLE)) return
  const now = cloud.services.now()
  const hour = 3600 * 1000
  // The week is replayed as it happened: each check-in is made at its own moment by a cloud whose clock stands
  // there, so the 48-hour window, the caps and the overlap rule apply to demo data as to anyone's.
  let clock = now - 7 * 24 * hour
  const replay = await createCloud({
    storage: cloud.services.storage,
    now: () => clock,
    devLogin: true,
    organizers: [],
    sessionSecret: randomBytes(32).toString('hex'),
    rateLimit: { burst: 0, perSecond: 1 },
  })
  const login = await replay.call('login', { code: `dev:${DEMO_HANDLE}` })
  if (login.status !== 200 || !('result' in login.body)) throw new Error('demo login failed')
  const auth = `Bearer ${(login.body.result as { token: string }).token}`
  const trips: Array<Record<string, unknown>> = [
    { kind: 'travel', mode: 'metro', distanceKm: 12.4, durationMin: 28, ago: 6 * 24 * hour },
    { kind: 'travel', mode: 'bike', distanceKm: 3.2, durationMin: 14, ago: 5 * 24 * hour },
    { kind: 'recycling', material: 'cardboard', weightKg: 2.5, stationCode: 'ST-HQ01', ago: 4 * 24 * hour },
    { kind: 'travel', mode: 'bus', distanceKm: 8, durationMin: 30, ago: 3 * 24 * hour },
    { kind: 'travel', mode: 'walk', distanceKm: 2.1, durationMin: 25, ago: 2 * 24 * hour },
    { kind: 'recycling', material: 'plastic', weightKg: 1.2, stationCode: 'ST-PK02', ago: 26 * hour },
    { kind: 'travel', mode: 'metro', distanceKm: 9.6, durationMin: 22, ago: 2 * hour },
  ]
  for (const [i, { ago, ...trip }] of trips.entries()) {
    clock = now - (ago as number)
    const out = await replay.call('checkIn', { ...trip, requestId: `demo-seed-${i}` }, auth)
    if (out.status !== 200) throw new Error(`demo check-in ${i} failed: ${JSON.stringify(out.body)}`)
  }
}
