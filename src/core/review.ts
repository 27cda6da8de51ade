/**
 * Which credited check-ins an organizer should look at. Flags never block a credit (a resident is not
 * punished for a machine's suspicion); they put the entry in the review queue, where it can be confirmed
 * or reversed by a new `adjust` entry.
 */
import { kindNamed, type ReviewFacts } from './kinds'

export type { ReviewFacts }

/** Why a check-in is reviewed: the built-in kinds' reasons and the station codes', or a reason a later kind adds. */
export type ReviewReason = 'near_cap_weight' | 'station_burst' | 'near_max_speed' | 'shared_code' | (string & {})

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

// A station's recent drops are recycling's memory; they are stored and carried beside the reviews.
export { parseStationDrops, recentDropsAtStation, rememberDrop, STATION_DROPS_KEPT, type StationDrop } from './kinds/rules/recycling'

/** The reasons the factor's kind gives for reviewing a credited check-in. */
export function reviewReasons(facts: ReviewFacts): ReviewReason[] {
  return kindNamed(facts.factor.kind)?.request?.reviewReasons?.(facts) ?? []
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
