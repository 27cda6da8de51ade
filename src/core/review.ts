/**
 * Which credited check-ins an organizer should look at. Flags never block a credit (a resident is not
 * punished for a machine's suspicion); they put the entry in the review queue, where it can be confirmed
 * or reversed by a new `adjust` entry.
 */
import type { Factor } from '../contract/types'
import { parseStoredList } from './counters'

export type ReviewReason = 'near_cap_weight' | 'station_burst' | 'near_max_speed' | 'shared_code'

export const REVIEW_RULES = {
  /** a single drop weighing this share of the daily cap's weight or more */
  nearCapShare: 0.8,
  /** this many drops by one person at one station… */
  stationBurstCount: 3,
  /** …within this window (the new drop included) */
  stationBurstWindowMs: 10 * 60 * 1000,
  /** a trip at this share of the factor's maximum speed or more */
  nearMaxSpeedShare: 0.9,
} as const

/**
 * How many residents one station can serve in one 30-second window of its display code (STATION_CODE_RESIDENTS
 * unless the cloud sets it): more scans of one window than that means the code travelled (a screenshot in a group
 * chat credited ten residents who were not there), so every drop made with it is reviewed.
 */
export const DEFAULT_RESIDENTS_PER_CODE_WINDOW = 4

/** The drops of one code window to review: none while the window is within what a station serves, all of them after. */
export function codeShared(residentsInWindow: number, limit: number): boolean {
  return residentsInWindow > limit
}

/** One earlier drop at a station, on both clocks: when the resident says it happened, and when the cloud heard of it. */
export interface StationDrop {
  claimedMs: number
  receivedMs: number
}

/** How many recent drops a person's row per station keeps: more than a burst needs, so back-dating cannot hide one. */
export const STATION_DROPS_KEPT = 8

/**
 * Earlier drops that fall within the burst window of a new one on either clock. The claimed time alone can be
 * spread by back-dating (eleven drops "eleven minutes apart" sent in one minute); the receipt time cannot.
 */
export function recentDropsAtStation(previous: readonly StationDrop[], drop: StationDrop): number {
  const near = (a: number, b: number) => Math.abs(a - b) <= REVIEW_RULES.stationBurstWindowMs
  const byClaim = previous.filter((p) => near(p.claimedMs, drop.claimedMs)).length
  const byReceipt = previous.filter((p) => near(p.receivedMs, drop.receivedMs)).length
  return Math.max(byClaim, byReceipt)
}

/** The row to keep after a drop: the newest drops by receipt, at most STATION_DROPS_KEPT. */
export function rememberDrop(previous: readonly StationDrop[], drop: StationDrop): StationDrop[] {
  return [...previous, drop].sort((a, b) => b.receivedMs - a.receivedMs).slice(0, STATION_DROPS_KEPT)
}

/** Reads a stored row defensively: anything that is not a list of two-clock drops counts as none. */
export function parseStationDrops(text: string | undefined): StationDrop[] {
  return parseStoredList(text, (d: any): d is StationDrop => typeof d === 'object' && d !== null && Number.isFinite(d.claimedMs) && Number.isFinite(d.receivedMs))
}

export interface ReviewFacts {
  factor: Pick<Factor, 'kind' | 'gramsPerUnit' | 'dailyCapGrams' | 'maxKmh'>
  quantity: number
  /** km/h when a duration was given */
  speedKmh?: number
  /** earlier drops by the same person at the same station within the burst window */
  recentDropsAtStation?: number
}

export function reviewReasons(facts: ReviewFacts): ReviewReason[] {
  const reasons: ReviewReason[] = []
  const { factor } = facts
  if (factor.kind === 'recycling') {
    const capKg = factor.dailyCapGrams / factor.gramsPerUnit
    if (facts.quantity >= REVIEW_RULES.nearCapShare * capKg) reasons.push('near_cap_weight')
    if ((facts.recentDropsAtStation ?? 0) + 1 >= REVIEW_RULES.stationBurstCount) reasons.push('station_burst')
  } else if (facts.speedKmh !== undefined && factor.maxKmh !== undefined) {
    if (facts.speedKmh >= REVIEW_RULES.nearMaxSpeedShare * factor.maxKmh) reasons.push('near_max_speed')
  }
  return reasons
}

/**
 * Points a resident may spend: the balance less what is held for review. A flagged check-in's points are
 * held from the moment it is credited until an organizer confirms it, so a reversal always takes all of them
 * back — nothing bought with them can be cancelled or left to expire to get them back.
 */
export function spendablePoints(wallet: { pointsBalance: number; pointsHeld?: number }): number {
  return wallet.pointsBalance - (wallet.pointsHeld ?? 0)
}

/**
 * What deciding a review releases from the hold: what that review holds (its entry's points, or less for an entry
 * flagged after some of them were spent), never more than the wallet holds.
 */
export function releasedOnDecision(reviewHeldPoints: number, pointsHeld: number): number {
  return Math.max(0, Math.min(reviewHeldPoints, pointsHeld))
}

/** What reversing a credit takes back: all its grams, and its points as far as the balance allows. */
export function reversalOf(credit: { gramsCo2e: number; points: number }, balance: number) {
  const points = Math.min(credit.points, Math.max(0, balance))
  return { gramsCo2e: -credit.gramsCo2e, points: points === 0 ? 0 : -points }
}
