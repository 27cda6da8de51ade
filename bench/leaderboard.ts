/** getLeaderboard latency at 1k, 10k and 100k participants (in-process, warm, median of 25 calls). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCloud } from '../mock/cloud'
import { addDays, shanghaiDay } from '../src/core/time'
import { percentile } from './stats'

export function leaderboardLatency(participants: number): { p50Ms: number; p99Ms: number } {
  const dir = mkdtempSync(join(tmpdir(), 'glp-board-'))
  const cloud = createCloud({ dbPath: join(dir, 'b.sqlite'), organizers: ['boss'], rateLimit: { burst: 0, perSecond: 1 }, devLogin: true })
  const boss = (cloud.callNow('login', { code: 'dev:boss' }).body as any).result.token
  const today = shanghaiDay(Date.now())
  const c = (cloud.callNow('createChallenge', { title: 'Bench', metric: 'gramsCo2e', targetPerMember: 1_000_000, startDay: today, endDay: addDays(today, 30), bonusPoints: 1 }, `Bearer ${boss}`).body as any).result.challenge
  const me = (cloud.callNow('login', { code: 'dev:me' }).body as any).result
  const now = Date.now()
  cloud.store.transaction(() => {
    for (let i = 0; i < participants - 1; i++) {
      const openid = `o_bench_${i}`
      cloud.store.addParticipant({ challengeId: c.id, openid, joinedMs: now, value: 0, valueMs: now })
      cloud.store.addToParticipant(c.id, openid, (i * 7919) % 100_000, now + i)
    }
    cloud.store.addParticipant({ challengeId: c.id, openid: me.openid, joinedMs: now, value: 0, valueMs: now })
    cloud.store.addToParticipant(c.id, me.openid, 12_345, now)
  })
  const times: number[] = []
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now()
    const out = cloud.callNow('getLeaderboard', { challengeId: c.id, limit: 20 }, `Bearer ${me.token}`)
    const ms = performance.now() - t0
    if (out.status !== 200) throw new Error(JSON.stringify(out.body))
    if (i >= 5) times.push(ms)
  }
  cloud.close()
  rmSync(dir, { recursive: true, force: true })
  times.sort((a, b) => a - b)
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) }
}
