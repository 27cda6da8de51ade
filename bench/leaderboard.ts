/** getLeaderboard latency at 1k, 10k and 100k participants (in-process, warm, median of 25 calls). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../mock/storage/sqlitePort'
import { createCloud } from '../mock/cloud'
import { slotOf } from '../src/core/counters'
import { addDays, shanghaiDay } from '../src/core/time'
import { percentile } from './stats'
import { addParticipant, addToParticipant, addChallengeParticipants } from '../mock/challenges/queries'

export async function leaderboardLatency(participants: number): Promise<{ p50Ms: number; p99Ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'glp-board-'))
  const cloud = await createCloud({
    storage: openSqlite({ path: join(dir, 'b.sqlite') }),
    organizers: ['boss'],
    rateLimit: { burst: 0, perSecond: 1 },
    devLogin: true,
  })
  const boss = ((await cloud.call('login', { code: 'dev:boss' })).body as any).result.token
  const today = shanghaiDay(Date.now())
  const c = (
    (
      await cloud.call(
        'createChallenge',
        { title: 'Bench', metric: 'gramsCo2e', targetPerMember: 1_000_000, startDay: today, endDay: addDays(today, 30), bonusPoints: 1 },
        `Bearer ${boss}`,
      )
    ).body as any
  ).result.challenge
  const me = ((await cloud.call('login', { code: 'dev:me' })).body as any).result
  const now = Date.now()
  await cloud.store.transaction(async (tx) => {
    for (let i = 0; i < participants - 1; i++) {
      const openid = `o_bench_${i}`
      await addParticipant(tx, { challengeId: c.id, openid, joinedMs: now, value: 0, valueMs: now })
      await addToParticipant(tx, c.id, openid, (i * 7919) % 100_000, now + i)
      await addChallengeParticipants(tx, c.id, slotOf(openid), 1)
    }
    await addParticipant(tx, { challengeId: c.id, openid: me.openid, joinedMs: now, value: 0, valueMs: now })
    await addToParticipant(tx, c.id, me.openid, 12_345, now)
    await addChallengeParticipants(tx, c.id, slotOf(me.openid), 1)
  })
  const times: number[] = []
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now()
    const out = await cloud.call('getLeaderboard', { challengeId: c.id, limit: 20 }, `Bearer ${me.token}`)
    const ms = performance.now() - t0
    if ((out.body as any).result?.participants !== participants) throw new Error(JSON.stringify(out.body).slice(0, 300))
    if (i >= 5) times.push(ms)
  }
  await cloud.close()
  rmSync(dir, { recursive: true, force: true })
  times.sort((a, b) => a - b)
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) }
}
