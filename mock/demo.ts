/**
 * Demo data for `npm start`: a resident with a week of history, written through the real functions
 * (so every gram passes the same rules as a real check-in). Skipped when the demo user exists.
 */
import type { Cloud } from './cloud'

export const DEMO_HANDLE = 'demo'

export async function seedDemoData(cloud: Cloud): Promise<void> {
  if (await cloud.store.findUserByHandle(DEMO_HANDLE)) return
  const login = await cloud.call('login', { code: `dev:${DEMO_HANDLE}` })
  if (login.status !== 200 || !('result' in login.body)) throw new Error('demo login failed')
  const auth = `Bearer ${(login.body.result as { token: string }).token}`
  const now = cloud.services.now()
  const hour = 3600 * 1000
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
    const out = await cloud.call(
      'checkIn',
      { ...trip, requestId: `demo-seed-${i}`, occurredAt: new Date(now - (ago as number)).toISOString() },
      auth,
    )
    if (out.status !== 200) throw new Error(`demo check-in ${i} failed: ${JSON.stringify(out.body)}`)
  }
}
