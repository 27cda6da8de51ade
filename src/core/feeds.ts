/**
 * The rules of the operators' feeds (issue 24, docs/partner-api.md), as pure functions: which partner kinds may
 * report what, how a scale's weight meets the drops the resident reported at its station, and what a weighing
 * corrects. An operator's trip against the resident's own trips is travel's (src/core/kinds/rules/travel
 * operatorTripPrecedence), where the trips are remembered.
 */
import type { Evidence } from './stationCode'

export { FEED_KINDS, feedNotForKind } from './partners'

/**
 * A scale's weighing and a drop the resident reported at the same station, of the same material, are one drop when
 * they happened this close, either way: the resident scans the display, then the bin weighs (or the other way round).
 */
export const WEIGHING_MATCH_WINDOW_MS = 30 * 60_000

/** One drop at a station as the person's row for it keeps it (src/core/kinds/rules/recycling StationDrop). */
export interface WeighableDrop {
  claimedMs: number
  entryId?: string
  material?: string
  evidence?: Evidence
  /** a scale weighed it: its own report (evidence 'scale') or a display-code drop a scale confirmed */
  weighed?: boolean
}

const near = (a: number, b: number) => Math.abs(a - b) <= WEIGHING_MATCH_WINDOW_MS

/**
 * The display-code drop a scale's weighing confirms: same material, within the window, not weighed yet; the nearest
 * in time when there are more. A typed (self-reported) drop is not confirmed: it never proved the resident was there.
 */
export function dropToConfirm<D extends WeighableDrop>(previous: readonly D[], weighing: { material: string; atMs: number }): D | undefined {
  return nearestUnweighed(previous, weighing, 'station-display')
}

/**
 * The typed (self-reported) drop a scale's weighing replaces: same material, within the window, not weighed. It
 * proved nothing and the scale weighed the bag, so the typed drop is reversed and the weighing credited in its place
 * (as an operator's trip supersedes the resident's own); in the other order the typed report is refused
 * (weighedAlready). Either way one bag counts once.
 */
export function typedDropToReplace<D extends WeighableDrop>(previous: readonly D[], weighing: { material: string; atMs: number }): D | undefined {
  return nearestUnweighed(previous, weighing, 'self-reported')
}

/** The credited drop of this evidence a weighing meets: same material, within the window, not weighed yet, nearest in time. */
function nearestUnweighed<D extends WeighableDrop>(previous: readonly D[], weighing: { material: string; atMs: number }, evidence: Evidence): D | undefined {
  return previous
    .filter((d) => d.material === weighing.material && d.evidence === evidence && !d.weighed && d.entryId && near(d.claimedMs, weighing.atMs))
    .sort((a, b) => Math.abs(a.claimedMs - weighing.atMs) - Math.abs(b.claimedMs - weighing.atMs))[0]
}

/** A weighed drop a resident's later report (display code or typed) would count a second time. */
export function weighedAlready<D extends WeighableDrop>(previous: readonly D[], drop: { material: string; atMs: number }): D | undefined {
  return previous.find((d) => d.material === drop.material && d.weighed && near(d.claimedMs, drop.atMs))
}

/**
 * What a weighing corrects of the drop it confirms: the difference between what the scale's weight earns (under the
 * caps, with the confirmed drop's own grams given back to them) and what the drop earned. Zero and zero: the scale
 * agreed, nothing is written.
 *
 * Points taken back stop at what the resident may still give (`takeablePoints`: their spendable points and the
 * drop's own review hold; never points another review holds). Grams whose points were already spent stay counted
 * in the day's cap rows (`keptCapGrams`): the ledger says what the scale weighed, but the room they took is not
 * given back, or over-reporting, spending at once and being weighed down would earn the same points again.
 */
export function weighingCorrection(
  credited: { gramsCo2e: number; points: number },
  weighed: { gramsCo2e: number; points: number },
  takeablePoints: number,
  gramsPerPoint: number,
): { gramsCo2e: number; points: number; keptCapGrams: number } {
  const gramsCo2e = weighed.gramsCo2e - credited.gramsCo2e
  const wanted = weighed.points - credited.points
  if (wanted >= 0) return { gramsCo2e, points: wanted, keptCapGrams: 0 }
  // 0 − n, not −n: nothing to take back is 0, never −0
  const points = 0 - Math.min(-wanted, Math.max(0, takeablePoints))
  const keptCapGrams = Math.min(-gramsCo2e, Math.max(0, (points - wanted) * gramsPerPoint))
  return { gramsCo2e, points, keptCapGrams }
}

/** The measured fields a weighing can differ in, and what an `adjust` of it carries (src/core/kinds Measurements). */
type Measured = { distanceM?: number; durationS?: number; weightG?: number; steps?: number; quantity?: number }
const MEASURED = ['distanceM', 'durationS', 'weightG', 'steps', 'quantity'] as const

/**
 * What a correction measured: the weighed amount less the drop's, per field either has (a scale's 1.2 kg of a drop
 * reported as 1 kg: weightG 200). The adjust carries it, so the drop and its correction together measure what the
 * scale weighed, and a kg challenge moves by exactly the difference.
 */
export function measuredDifference(credited: Measured, weighed: Measured): Measured {
  const out: Measured = {}
  for (const key of MEASURED) {
    if (credited[key] === undefined && weighed[key] === undefined) continue
    const difference = (weighed[key] ?? 0) - (credited[key] ?? 0)
    if (difference !== 0) out[key] = difference
  }
  return out
}

/**
 * What is left of a credited entry with the adjusts written of it (a scale's correction): its grams, points and
 * measurements summed. A review's decision, a late flag and a reversal take back or confirm this, not the entry as
 * first written (a drop weighed up and then reversed would otherwise keep its correction).
 */
export function standingOf<E extends { id: string; gramsCo2e: number; points: number } & Measured>(
  entry: E,
  adjusts: readonly ({ ref?: string; gramsCo2e: number; points: number } & Measured)[],
): E {
  const own = adjusts.filter((a) => a.ref === entry.id)
  if (own.length === 0) return entry
  const out: E = { ...entry }
  out.gramsCo2e = entry.gramsCo2e + own.reduce((s, a) => s + a.gramsCo2e, 0)
  out.points = entry.points + own.reduce((s, a) => s + a.points, 0)
  for (const key of MEASURED) if (entry[key] !== undefined) out[key] = (entry[key] ?? 0) + own.reduce((s, a) => s + (a[key] ?? 0), 0)
  return out
}

/**
 * How much more (or less) a review holds once the drop it holds is corrected: the points the correction credits
 * are held with the drop's (they rest on the same unconfirmed drop); the points it takes back leave the hold as far
 * as it goes, so the review never holds more than is left of the drop. Its decision then releases exactly this.
 */
export function heldAfterCorrection(heldPoints: number, correctionPoints: number): number {
  return correctionPoints >= 0 ? correctionPoints : 0 - Math.min(-correctionPoints, Math.max(0, heldPoints))
}
