/**
 * The checked compare-and-set every state change goes through (mock/transitions.ts), on whichever engine the
 * suite runs: a move nobody designed is refused before it is written, a lost race is refused and rolls back, and
 * no statement in the engine changes a money-like state behind it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CloudError } from '../../mock/errors'
import { claim, conflict, move, transition } from '../../mock/transitions'
import { assertMoves, isAllowedMove, isTerminal } from '../../src/core/states'
import { harness, rid } from './harness'

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
    const spec = { table: 'redemptions', key: { id: redemption.id }, column: 'status', from: ['pending'], to: 'fulfilled', set: { closed_at: '2026-11-29T10:00:00+08:00', verified_by: 'x' } }
    // An edge the voucher machine does not have is a programming error, thrown before anything is written.
    await expect(transition(store, { ...spec, from: ['fulfilled'], to: 'pending' }, conflict('no'))).rejects.toThrow(/cannot move from fulfilled to pending/)
    await store.transaction((tx) => transition(tx, spec, conflict('second')))
    await expect(store.transaction((tx) => transition(tx, spec, conflict('second desk')))).rejects.toMatchObject({ code: 'CONFLICT', message: 'second desk' })
    expect(await store.transaction((tx) => claim(tx, spec))).toBe(false)
    // Only listed tables and columns: a name from anywhere else never reaches the statement text.
    await expect(store.transaction((tx) => claim(tx, { ...spec, column: 'points_cost', from: [1], to: 2 }))).rejects.toThrow(/not written by a conditional update/)
    await expect(store.transaction((tx) => claim(tx, { ...spec, table: 'wallets; DROP TABLE entries', column: 'x' }))).rejects.toThrow(/no conditional updates/)
    // A bounded move stays within its bound and says so.
    const stock = (await store.getReward('rw-bus'))!.stock
    await expect(store.transaction((tx) => move(tx, { table: 'rewards', key: { id: 'rw-bus' }, column: 'stock', delta: -(stock + 1), min: 0 }, () => new CloudError('OUT_OF_STOCK', 'none')))).rejects.toMatchObject({ code: 'OUT_OF_STOCK' })
    expect((await store.getReward('rw-bus'))!.stock).toBe(stock)
    await h.close()
  })

  it('leave no statement in the engine that changes a money-like state or counter on its own', () => {
    const engine = readFileSync(join(__dirname, '../../mock/storage/sqlEngine.ts'), 'utf8')
    // Every such change is built by applyTransition / applyMove from the writable list and checked by its caller.
    for (const raw of [/UPDATE redemptions SET/, /UPDATE reviews SET/, /UPDATE event_signups SET/, /UPDATE events SET/, /UPDATE rewards SET stock/, /SET budget_spent/, /SET completed_ms/, /SET bonus_entry_id/]) {
      expect(engine).not.toMatch(raw)
    }
  })
})
