/**
 * The states money-like rows move through, and the only moves allowed between them. The cloud changes a state
 * with one conditional update (a compare-and-set whose affected rows it checks); these tables say which
 * compare-and-sets may exist at all, so an edge nobody designed (a fulfilled voucher made pending again, a
 * reversed review confirmed) cannot be written even by mistake.
 */

export const STATE_MACHINES = {
  /** a voucher: held until it is handed out, given back by its owner, or left to expire (each refunded once) */
  voucher: { pending: ['fulfilled', 'cancelled', 'expired'] },
  /** a flagged check-in in the review queue: decided once */
  review: { open: ['confirmed', 'reversed'] },
  /** a resident's place at an event: taken, given back (and taken again), or used once */
  signup: { signed: ['cancelled', 'attended'], cancelled: ['signed'] },
} as const satisfies Record<string, Record<string, readonly string[]>>

export type StateMachine = keyof typeof STATE_MACHINES

/** A state of one machine. */
export type StateOf<M extends StateMachine> = keyof (typeof STATE_MACHINES)[M] | (typeof STATE_MACHINES)[M][keyof (typeof STATE_MACHINES)[M]]

export function isAllowedMove(machine: StateMachine, from: string, to: string): boolean {
  const edges = (STATE_MACHINES[machine] as Record<string, readonly string[]>)[from]
  return edges !== undefined && edges.includes(to)
}

/** States with no move out of them: a row in one is settled for good. */
export function isTerminal(machine: StateMachine, state: string): boolean {
  return (STATE_MACHINES[machine] as Record<string, readonly string[]>)[state] === undefined
}

/**
 * Asserts every `from` may move to `to` (a programming error otherwise, never a caller's): the cloud's one
 * transition helper calls it before it writes.
 */
export function assertMoves(machine: StateMachine, from: readonly string[], to: string): void {
  if (from.length === 0) throw new Error(`a ${machine} transition to ${to} names no state to move from`)
  for (const state of from) {
    if (!isAllowedMove(machine, state, to)) throw new Error(`a ${machine} cannot move from ${state} to ${to}`)
  }
}
