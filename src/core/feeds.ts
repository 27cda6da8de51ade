/**
 * The rules of the operators' feeds (issue 24, docs/partner-api.md), as pure functions: which partner kinds may
 * report what, how a scale's weight meets the drops the resident reported at its station, and what a weighing
 * corrects. An operator's trip against the resident's own trips is travel's (src/core/kinds/travel
 * operatorTripPrecedence), where the trips are remembered.
 */
import type { Evidence } from './stationCode'

export { FEED_KINDS, feedNotForKind } from './partners'

/**
 * A scale's weighing and a drop the resident reported at the same station, of the same material, are one drop when
 * they happened this close, either way: the resident scans the display, then the bin weighs (or the other way round).
 */
export const WEIGHING_MATCH_WINDOW_MS = 30 * 60_000

/** One drop at a station as the person's row for it keeps it (src/core/kinds/recycling StationDrop). */
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
  return previous
    .filter((d) => d.material === weighing.material && d.evidence === 'station-display' && !d.weighed && d.entryId && near(d.claimedMs, weighing.atMs))
    .sort((a, b) => Math.abs(a.claimedMs - weighing.atMs) - Math.abs(b.claimedMs - weighing.atMs))[0]
}

/** A weighed drop a resident's later report (display code or typed) would count a second time. */
export function weighedAlready<D extends WeighableDrop>(previous: readonly D[], drop: { material: string; atMs: number }): D | undefined {
  return previous.find((d) => d.material === drop.material && d.weighed && near(d.claimedMs, drop.atMs))
}

/**
 * What a weighing corrects of the drop it confirms: the difference between what the scale's weight earns (under the
 * caps, with the confirmed drop's own grams given back to them) and what the drop earned. Points taken back stop at
 * the balance, as a reversal's do. Zero and zero: the scale agreed, nothing is written.
 */
export function weighingCorrection(
  credited: { gramsCo2e: number; points: number },
  weighed: { gramsCo2e: number; points: number },
  balance: number,
): { gramsCo2e: number; points: number } {
  const points = weighed.points - credited.points
  return { gramsCo2e: weighed.gramsCo2e - credited.gramsCo2e, points: points < 0 ? Math.max(points, -Math.max(0, balance)) : points }
}
