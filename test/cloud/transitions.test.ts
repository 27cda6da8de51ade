/**
 * The checked compare-and-set every state change goes through (mock/transitions.ts), on whichever engine the
 * suite runs: a move nobody designed is refused before it is written, a lost race is refused and rolls back, and
 * no statement anywhere else in the cloud changes a money-like state behind it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CloudError } from '../../mock/errors'
import { claim, conflict, move, transition } from '../../mock/transitions'
import { assertMoves, isAllowedMove, isTerminal } from '../../src/core/states'
import { harness, rid } from './harness'
import { getReward } from '../../mock/rewards/queries'

const RACE = { reason: 'voucherDesk.settledMeanwhile' }

describe('the state machines (src/core/states)', () => {
  it('allow only the designed moves', () => {
    expect(isAllowedMove('voucher', 'pending', 'fulfilled')).toBe(true)
    expect(isAllowedMove('voucher', 'fulfilled', 'pending')).toBe(false)
    expect(isAllowedMove('voucher', 'cancelled', 'expired')).toBe(false)
    expect(isAllowedMove('review', 'reversed', 'confirmed')).toBe(false)
    expect(isAllowedMove('signup', 'attended', 'signed')).toBe(false)
    expect(isAllowedMove('signup', 'cancelled', 'signed')).toBe(true)
    expect(isTerminal('voucher', 'fulfilled')).toBe(true)
    expect(isTerminal('review', 'open')).toBe(false)
    expect(() => assertMoves('voucher', ['pending', 'fulfilled'], 'cancelled')).toThrow(/fulfilled to cancelled/)
    expect(() => assertMoves('review', [], 'confirmed')).toThrow(/names no state/)
  })
})

describe('transition, claim and move', () => {
  it('move a row once, refuse the second mover and an undesigned edge, and keep names to the writable list', async () => {
    const h = await harness({ organizers: ['boss'] })
    const a = await h.as('alice')
    await a.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: 1, stationCode: 'ST-HQ01' })
    const { redemption } = await a.ok('redeem', { requestId: rid(), rewardId: 'rw-bus' })
    const store = h.cloud.store
    const spec = {
      table: 'redemptions',
      key: { id: redemption.id },
      column: 'status',
      from: ['pending'],
      to: 'fulfilled',
      set: { closed_at: '2026-11-29T10:00:00+08:00', verified_by: 'x' },
    }
    // An edge the voucher machine does not have is a programming error, thrown before anything is written.
    await expect(transition(store, { ...spec, from: ['fulfilled'], to: 'pending' }, conflict('no', RACE))).rejects.toThrow(
      /cannot move from fulfilled to pending/,
    )
    await store.transaction((tx) => transition(tx, spec, conflict('second', RACE)))
    await expect(store.transaction((tx) => transition(tx, spec, conflict('second desk', RACE)))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'second desk',
      reason: RACE.reason,
    })
    expect(await store.transaction((tx) => claim(tx, spec))).toBe(false)
    // Only listed tables and columns: a name from anywhere else never reaches the statement text.
    await expect(store.transaction((tx) => claim(tx, { ...spec, column: 'points_cost', from: [1], to: 2 }))).rejects.toThrow(
      /not written by a conditional update/,
    )
    await expect(store.transaction((tx) => claim(tx, { ...spec, table: 'wallets; DROP TABLE entries', column: 'x' }))).rejects.toThrow(/no conditional updates/)
    // The columns it compares as read are checked against the same list.
    await expect(store.transaction((tx) => claim(tx, { ...spec, unchanged: { 'points_cost = points_cost OR 1': 1 } }))).rejects.toThrow(
      /not written by a conditional update/,
    )
    // A bounded move stays within its bound and says so.
    const stock = (await getReward(store, 'rw-bus'))!.stock
    await expect(
      store.transaction((tx) =>
        move(tx, { table: 'rewards', key: { id: 'rw-bus' }, column: 'stock', delta: -(stock + 1), min: 0 }, () => new CloudError('OUT_OF_STOCK', 'none')),
      ),
    ).rejects.toMatchObject({ code: 'OUT_OF_STOCK' })
    expect((await getReward(store, 'rw-bus'))!.stock).toBe(stock)
    await h.close()
  })

  it('leave no statement in the cloud that changes a money-like state or counter on its own', () => {
    // Every such change is built in mock/transitions.ts from its writable list and checked there: no wing's
    // queries, no engine, no function writes one. (The migrations' one-off backfills run at an upgrade, not in a request.)
    const root = join(__dirname, '../../mock')
    const isMigration = (f: string) => f.startsWith(join('storage', 'migrations') + '/')
    const sources = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && f !== 'transitions.ts' && !isMigration(f))
    expect(sources).toContain(join('wallet', 'queries.ts'))
    for (const file of sources) {
      const text = readFileSync(join(root, file), 'utf8')
      for (const raw of [
        /UPDATE redemptions SET/,
        /UPDATE reviews SET/,
        /UPDATE event_signups SET/,
        /UPDATE events SET/,
        /UPDATE rewards SET stock/,
        /SET budget_spent/,
        /SET completed_ms/,
        /SET bonus_entry_id/,
      ]) {
        expect({ file, matches: raw.test(text) }).toEqual({ file, matches: false })
      }
    }
  })
})
