/**
 * Credit arithmetic: integer grams and points only. Pure functions so the cloud and the client's live
 * estimate compute the same numbers, and property tests can hammer them.
 */
import type { Factor } from '../contract/types'

export interface CreditInput {
  factor: Pick<Factor, 'gramsPerUnit' | 'dailyCapGrams'>
  /** km for travel, kg for recycling */
  quantity: number
  /** grams already credited to this person for this factor on this day */
  alreadyCreditedGrams: number
  gramsPerPoint: number
  /** the person's total across all factors for the day, and its limit (src/core/farming) */
  dayTotal?: { limitGrams: number; alreadyGrams: number }
  /** at most this many grams, whatever the caps allow (walking: src/core/steps walkingCeiling) */
  ceilingGrams?: number
}

export interface Credit {
  /** grams the quantity is worth before the cap */
  rawGramsCo2e: number
  gramsCo2e: number
  points: number
  capped: boolean
  /** which limit bound the credit, when one did */
  cappedBy?: 'factor' | 'dayTotal' | 'ceiling'
  remainingCapGrams: number
}

export function gramsFor(gramsPerUnit: number, quantity: number): number {
  // Round half up on a value computed in integer milli-units, so 0.1 + 0.2 style float noise never moves a gram.
  const milliQuantity = Math.round(quantity * 1000)
  return Math.floor((gramsPerUnit * milliQuantity + 500) / 1000)
}

export function pointsFor(gramsCo2e: number, gramsPerPoint: number): number {
  return Math.floor(gramsCo2e / gramsPerPoint)
}

export function computeCredit(input: CreditInput): Credit {
  const { factor, quantity, alreadyCreditedGrams, gramsPerPoint, dayTotal } = input
  assertNonNegativeInt(alreadyCreditedGrams, 'alreadyCreditedGrams')
  assertPositiveInt(gramsPerPoint, 'gramsPerPoint')
  const rawGramsCo2e = gramsFor(factor.gramsPerUnit, quantity)
  const remainingBefore = Math.max(0, factor.dailyCapGrams - alreadyCreditedGrams)
  const dayRemaining = dayTotal ? Math.max(0, dayTotal.limitGrams - dayTotal.alreadyGrams) : Infinity
  const ceiling = input.ceilingGrams ?? Infinity
  const gramsCo2e = Math.max(0, Math.min(rawGramsCo2e, remainingBefore, dayRemaining, ceiling))
  const capped = gramsCo2e < rawGramsCo2e
  const credit: Credit = {
    rawGramsCo2e,
    gramsCo2e,
    points: pointsFor(gramsCo2e, gramsPerPoint),
    capped,
    remainingCapGrams: remainingBefore - gramsCo2e,
  }
  if (capped) credit.cappedBy = ceiling < Math.min(remainingBefore, dayRemaining) ? 'ceiling' : dayRemaining < remainingBefore ? 'dayTotal' : 'factor'
  if (dayTotal && dayTotal.alreadyGrams + gramsCo2e > Math.max(dayTotal.limitGrams, dayTotal.alreadyGrams)) {
    throw new Error('credit would exceed the daily total')
  }
  // Invariants: never above the cap, never negative, points never worth more than the grams.
  if (alreadyCreditedGrams + gramsCo2e > Math.max(factor.dailyCapGrams, alreadyCreditedGrams)) {
    throw new Error('credit would exceed the daily cap')
  }
  if (credit.points * gramsPerPoint > gramsCo2e) throw new Error('points exceed grams')
  return credit
}

/** km/h of a trip; undefined when no duration was given. */
export function speedKmh(distanceKm: number, durationMin?: number): number | undefined {
  if (durationMin === undefined) return undefined
  return distanceKm / (durationMin / 60)
}

export function isPlausibleSpeed(distanceKm: number, durationMin: number | undefined, maxKmh: number | undefined) {
  const kmh = speedKmh(distanceKm, durationMin)
  return kmh === undefined || maxKmh === undefined || kmh <= maxKmh
}

function assertNonNegativeInt(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`)
}

function assertPositiveInt(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`)
}

/**
 * Which ledger entries count toward a factor's daily cap: check-ins, and the reversals of check-ins (adjust
 * entries carry the original's factor and negative grams, so a reversal frees the day's cap).
 */
export function countsTowardDailyCap(entry: { type: string; factorId?: string }): entry is { type: 'checkin' | 'adjust'; factorId: string } {
  return entry.factorId !== undefined && (entry.type === 'checkin' || entry.type === 'adjust')
}
