/**
 * The one way a money-like row changes state or a bounded counter moves: a conditional update whose affected
 * rows are checked. Two callers racing for one row (two desks scanning one voucher, a cancel and a verify in the
 * same instant, two organizers deciding one review) both read the row as it was; only one update can match,
 * and the other is refused here and its whole transaction rolls back, so nothing else it wrote stays. SQLite's
 * single writer hides such races; MySQL's row locks do not (README, "What the economy promises").
 */
import { assertMoves, type StateMachine } from '../src/core/states'
import { CloudError } from './errors'
import type { AsyncOps, CellValue, MoveSpec, TransitionSpec } from './storage/port'

/** What the loser is told; it may read the row again (inside the same transaction) to say why. */
export type Refusal = () => CloudError | Promise<CloudError>

/** Tables whose `status` column is a state machine of src/core/states. */
const MACHINE_OF: Record<string, StateMachine> = { redemptions: 'voucher', reviews: 'review', event_signups: 'signup' }

function checked(t: TransitionSpec): TransitionSpec {
  const machine = MACHINE_OF[t.table]
  if (machine && t.column === 'status') assertMoves(machine, t.from.map(String), String(t.to))
  return t
}

/**
 * Moves a row from one of `from` to `to`, or throws `refusal` (a CONFLICT, as a rule: someone else moved it
 * first) and nothing moves.
 */
export async function transition(store: AsyncOps, t: TransitionSpec, refusal: Refusal): Promise<void> {
  const moved = await store.applyTransition(checked(t))
  if (moved !== 1) throw await refusal()
}

/**
 * The same where losing is an expected outcome, not a refusal (a completion already recorded by the member's
 * own earlier call): answers whether this call made the move.
 */
export async function claim(store: AsyncOps, t: TransitionSpec): Promise<boolean> {
  return (await store.applyTransition(checked(t))) === 1
}

/** Moves a counter within its bounds, or throws `refusal` (out of stock, no budget, no place left) and nothing moves. */
export async function move(store: AsyncOps, m: MoveSpec, refusal: Refusal): Promise<void> {
  if ((await store.applyMove(m)) !== 1) throw await refusal()
}

/** The same where running out is an expected outcome (a completion past its budget earns a badge instead): answers whether it moved. */
export async function tryMove(store: AsyncOps, m: MoveSpec): Promise<boolean> {
  return (await store.applyMove(m)) === 1
}

/** A move that must succeed: a refusal here means the books were already wrong (taking back a unit a voucher held). */
export async function mustMove(store: AsyncOps, m: MoveSpec): Promise<void> {
  if ((await store.applyMove(m)) !== 1) throw new Error(`${m.table}.${m.column} ${m.delta > 0 ? '+' : ''}${m.delta} refused for ${JSON.stringify(m.key)}: the books are already off`)
}

export const conflict = (message: string) => () => new CloudError('CONFLICT', message)

export type { CellValue }
