/**
 * The one way a money-like row changes state or a bounded counter moves: a conditional update whose affected
 * rows are checked. Two callers racing for one row (two desks scanning one voucher, a cancel and a verify in the
 * same instant, two organizers deciding one review) both read the row as it was; only one update can match,
 * and the other is refused here and its whole transaction rolls back, so nothing else it wrote stays. SQLite's
 * single writer hides such races; MySQL's row locks do not (docs/economy.md). The statement
 * is built here from a list of writable columns and nowhere else: no other file writes such a change.
 */
import type { ErrorReason } from '../src/contract/errors'
import { assertMoves, type StateMachine } from '../src/core/states'
import { CloudError } from './errors'
import type { Db } from './storage/port'

/** A value a conditional update compares or writes. */
export type CellValue = string | number | null

/**
 * One compare-and-set on a row: `column` moves from one of `from` to `to` (with `set` written in the same
 * statement) where the row's key matches, or nothing moves. Table and column names come from the list of
 * writable columns below, never from input.
 */
export interface TransitionSpec {
  table: string
  key: Record<string, string>
  column: string
  from: readonly CellValue[]
  to: CellValue
  set?: Record<string, CellValue>
  /**
   * Other columns that must still hold what the caller read (null: IS NULL): a write made from a read that is
   * no longer true (an edit of several columns at once, racing another) matches nothing and is refused.
   */
  unchanged?: Record<string, CellValue>
}

/** One bounded move of a counter column: `column + delta` stays within `min` and `max` (each a number or another column of the row), or nothing moves. */
export interface MoveSpec {
  table: string
  key: Record<string, string>
  column: string
  delta: number
  min?: number | string
  max?: number | string
}

/**
 * The columns a compare-and-set (applyTransition) or a bounded move (applyMove) may write, by table, with the
 * table's key: names are checked against this list, so no statement text is ever made from input.
 */
const WRITABLE: Record<string, { key: readonly string[]; columns: readonly string[] }> = {
  redemptions: { key: ['id'], columns: ['status', 'closed_at', 'verified_by', 'subsidy_fen'] },
  reviews: { key: ['id'], columns: ['status', 'decided_by', 'decided_at', 'adjust_entry_id', 'held_points'] },
  event_signups: { key: ['event_id', 'openid'], columns: ['status', 'signed_at', 'attended_at', 'bonus_entry_id', 'distance_m'] },
  events: { key: ['id'], columns: ['taken', 'slots', 'budget_spent', 'budget_points', 'cancelled_at', 'budget_closed_at'] },
  // A reward's or offer's edit (saveReward, mock/rewards/rewards.ts) is one compare-and-set of every column it writes, from what it read.
  rewards: {
    key: ['id'],
    columns: [
      'stock',
      'subsidy_fen',
      'title',
      'image_url',
      'title_en',
      'description',
      'description_en',
      'points_cost',
      'per_user_limit',
      'valid_days',
      'active',
      'community_id',
    ],
  },
  challenges: { key: ['id'], columns: ['budget_spent', 'budget_points', 'budget_closed_at'] },
  challenge_participants: { key: ['challenge_id', 'openid'], columns: ['completed_ms', 'bonus_entry_id'] },
  groups: { key: ['id'], columns: ['leader', 'closed_at', 'invite_code'] },
  wallets: { key: ['openid'], columns: ['closed_at'] },
  treasury: { key: ['id'], columns: ['issued', 'allocated'] },
  treasury_months: { key: ['month'], columns: ['issued'] },
  allowances: { key: ['purse'], columns: ['granted', 'spent'] },
  partners: { key: ['id'], columns: ['secret_version', 'sealed_secret', 'revoked_at'] },
  partner_link_codes: { key: ['code'], columns: ['used_at'] },
}

function writable(table: string, key: Record<string, string>, columns: string[]): string[] {
  const spec = WRITABLE[table]
  if (!spec) throw new Error(`no conditional updates are written to ${table}`)
  const keyColumns = Object.keys(key)
  if (keyColumns.length !== spec.key.length || !spec.key.every((k) => keyColumns.includes(k))) {
    throw new Error(`${table} is keyed by ${spec.key.join(', ')}, not ${keyColumns.join(', ')}`)
  }
  for (const c of columns) if (!spec.columns.includes(c)) throw new Error(`${table}.${c} is not written by a conditional update`)
  return [...spec.key]
}

async function applyTransition(db: Db, t: TransitionSpec): Promise<number> {
  const set = t.set ?? {}
  const unchanged = t.unchanged ?? {}
  const others = Object.keys(set)
  const held = Object.keys(unchanged)
  const keys = writable(t.table, t.key, [t.column, ...others, ...held])
  if (held.includes(t.column)) throw new Error(`${t.table}.${t.column} is compared by from, not unchanged`)
  const values = t.from.filter((v) => v !== null)
  const matches = [
    ...(t.from.includes(null) ? [`${t.column} IS NULL`] : []),
    ...(values.length > 0 ? [`${t.column} IN (${values.map(() => '?').join(', ')})`] : []),
  ]
  if (matches.length === 0) throw new Error(`a transition of ${t.table}.${t.column} names no state to move from`)
  const heldValues = held.filter((c) => unchanged[c] !== null)
  const stillHeld = held.map((c) => (unchanged[c] === null ? ` AND ${c} IS NULL` : ` AND ${c} = ?`)).join('')
  const sql = `UPDATE ${t.table} SET ${[t.column, ...others].map((c) => `${c} = ?`).join(', ')} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')} AND (${matches.join(' OR ')})${stillHeld}`
  const params = [t.to, ...others.map((c) => set[c]), ...keys.map((k) => t.key[k]), ...values, ...heldValues.map((c) => unchanged[c])]
  return db.execute(sql, ...params)
}

async function applyMove(db: Db, m: MoveSpec): Promise<number> {
  if (!Number.isSafeInteger(m.delta)) throw new Error(`a move of ${m.table}.${m.column} by ${m.delta}`)
  const limitColumns = [m.min, m.max].filter((b): b is string => typeof b === 'string')
  const keys = writable(m.table, m.key, [m.column, ...limitColumns])
  const bounds: string[] = []
  const boundParams: unknown[] = []
  if (typeof m.min === 'string') {
    bounds.push(`${m.column} + ? >= ${m.min}`)
    boundParams.push(m.delta)
  } else if (m.min !== undefined) {
    bounds.push(`${m.column} + ? >= ?`)
    boundParams.push(m.delta, m.min)
  }
  if (typeof m.max === 'string') {
    bounds.push(`${m.column} + ? <= ${m.max}`)
    boundParams.push(m.delta)
  } else if (m.max !== undefined) {
    bounds.push(`${m.column} + ? <= ?`)
    boundParams.push(m.delta, m.max)
  }
  const sql = `UPDATE ${m.table} SET ${m.column} = ${m.column} + ? WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}${bounds.map((b) => ` AND ${b}`).join('')}`
  return db.execute(sql, m.delta, ...keys.map((k) => m.key[k]), ...boundParams)
}

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
export async function transition(store: Db, t: TransitionSpec, refusal: Refusal): Promise<void> {
  const moved = await applyTransition(store, checked(t))
  if (moved !== 1) throw await refusal()
}

/**
 * The same where losing is an expected outcome, not a refusal (a completion already recorded by the member's
 * own earlier call): answers whether this call made the move.
 */
export async function claim(store: Db, t: TransitionSpec): Promise<boolean> {
  return (await applyTransition(store, checked(t))) === 1
}

/** Moves a counter within its bounds, or throws `refusal` (out of stock, no budget, no place left) and nothing moves. */
export async function move(store: Db, m: MoveSpec, refusal: Refusal): Promise<void> {
  if ((await applyMove(store, m)) !== 1) throw await refusal()
}

/** The same where running out is an expected outcome (a completion past its budget earns a badge instead): answers whether it moved. */
export async function tryMove(store: Db, m: MoveSpec): Promise<boolean> {
  return (await applyMove(store, m)) === 1
}

/** A move that must succeed: a refusal here means the books were already wrong (taking back a unit a voucher held). */
export async function mustMove(store: Db, m: MoveSpec): Promise<void> {
  if ((await applyMove(store, m)) !== 1)
    throw new Error(`${m.table}.${m.column} ${m.delta > 0 ? '+' : ''}${m.delta} refused for ${JSON.stringify(m.key)}: the books are already off`)
}

/** The CONFLICT a lost race answers: the English sentence, and the reason the app words it from. */
export const conflict = (message: string, refusal: ErrorReason) => () => new CloudError('CONFLICT', message, refusal)
