/**
 * Counters kept beside the ledger, in the same transaction as the entry that moves them, so no call adds
 * up the ledger to answer. A counter the whole city would write (a project's total) is split into slots
 * chosen by the person, so no single row serialises the city; readers add the slots up.
 */
import type { RedemptionStatus } from '../contract/types'

export const COUNTER_SLOTS = 32

/** The slot a person's share of a city-wide counter lives in: stable for the person, spread across people. */
export function slotOf(openid: string, slots = COUNTER_SLOTS): number {
  // FNV-1a, 32-bit: cheap, stable across engines and releases, and spreads similar ids.
  let hash = 0x811c9dc5
  for (let i = 0; i < openid.length; i++) {
    hash ^= openid.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % slots
}

/** A voucher still held or already used counts toward its reward's per-person limit; a cancelled or expired one does not. */
export function holdsReward(status: RedemptionStatus): boolean {
  return status === 'pending' || status === 'fulfilled'
}

/** How a voucher's change of status moves its owner's count of that reward. */
export function holdingDelta(from: RedemptionStatus, to: RedemptionStatus): number {
  return Number(holdsReward(to)) - Number(holdsReward(from))
}

/**
 * A list kept as JSON text in a row (recent trips, recent drops), read defensively: anything that is not a list
 * counts as empty, and items that are not what `isItem` expects are left out.
 */
export function parseStoredList<T>(text: string | undefined, isItem: (item: unknown) => item is T): T[] {
  if (!text) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter(isItem) : []
  } catch {
    return []
  }
}

/**
 * The stock an edit saves: the stock now, moved by what the editor changed in their form (typed − shown), so units
 * redeemed while the form was open stay taken; for a new reward (no stock now), or without what the form showed (an
 * older client), what was typed.
 */
export function stockToSave(stockNow: number | undefined, typed: number, shown: number | undefined, maxStock: number): number {
  if (stockNow === undefined || shown === undefined) return typed
  return Math.max(0, Math.min(maxStock, stockNow + typed - shown))
}
