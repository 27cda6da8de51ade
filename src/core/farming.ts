/**
 * Rules against farming points: each one explained to the resident when it applies, and published on the
 * Methodology page. They exist because an adversarial pass over the cloud earned 75,010 points from one
 * fresh account in about 140 requests (no durations, drops just under the cap, spaced by a client-chosen
 * occurredAt, back-dated eight days).
 */
import { CARRIED_TRIP_ID } from './departure'
import type { CreditRules } from '../contract/types'
import { LIMITS } from '../contract/constants'
import { parseStoredList } from './counters'
import { FACTORS } from './methodology'
import { DEFAULT_RESIDENTS_PER_CODE_WINDOW, REVIEW_RULES } from './review'
import { SELF_REPORTED_CAP_SHARE } from './stationCode'
import { shanghaiClock } from './time'

/** Oldest activity that may still be credited, in hours before now (the cloud may set 1–168; this is the default). */
export const DEFAULT_MAX_BACKDATE_HOURS = 48
export const MAX_BACKDATE_HOURS_RANGE = [1, 168] as const

/**
 * The most one person may be credited on one Asia/Shanghai day, across all factors: the largest recycling cap
 * (paper, 10 kg × 3,460 g/kg, Luzhou 绿芽积分's factor) plus the largest travel cap (EV, 20 km × 89 g/km).
 * A real day can hold one heavy recycling run and one long green trip; a script that fills every factor's cap
 * cannot. The figure follows the factors, so a new methodology version moves it with them.
 */
export const DAILY_TOTAL_GRAMS = largestCap('recycling') + largestCap('travel')

export const DAILY_TOTAL_BASIS =
  'largest recycling cap (paper 10 kg × 3,460 g/kg, Luzhou 绿芽积分) + largest travel cap (EV 20 km × 89 g/km)'
export const DAILY_TOTAL_BASIS_ZH = '最大的回收上限（纸张 10 千克 × 3460 克/千克，泸州绿芽积分）+ 最大的出行上限（电动车 20 公里 × 89 克/公里）'

/** The counter row key that holds a person's total across factors for a day, beside the per-factor rows. */
export const DAY_TOTAL_KEY = '*'

/**
 * Typed-code (self-reported) drops of every material together, per person and day: the share a typed code earns
 * of the largest material cap (paper's), so drops of a second and third material add nothing past it. Per
 * material the share of that material's own cap still applies.
 */
export const SELF_REPORTED_DAILY_GRAMS = Math.floor(largestCap('recycling') * SELF_REPORTED_CAP_SHARE)
/** The counter row (per person, day) of self-reported grams of all materials together. */
export const SELF_REPORTED_TOTAL_KEY = '~self.*'

function largestCap(kind: 'travel' | 'recycling'): number {
  return Math.max(...FACTORS.filter((f) => f.kind === kind).map((f) => f.dailyCapGrams))
}

/** One trip as it occupies time: from occurredAt − duration to occurredAt (occurredAt is when it ended). */
export interface Trip {
  entryId: string
  factorId: string
  startMs: number
  endMs: number
}

/** How many recent trips a person's row keeps for the overlap check (far more than a day can hold). */
export const TRIPS_KEPT = 64

export function tripSpan(occurredAtMs: number, durationMin: number): { startMs: number; endMs: number } {
  return { startMs: occurredAtMs - Math.round(durationMin * 60_000), endMs: occurredAtMs }
}

/** The earlier trip this one overlaps (sharing more than an instant), if any: one person cannot ride two buses at once. */
export function overlappingTrip(previous: readonly Trip[], span: { startMs: number; endMs: number }): Trip | undefined {
  return previous.find((t) => t.startMs < span.endMs && span.startMs < t.endMs)
}

/**
 * How long after its end a trip can still be overlapped: a trip back-dated to the oldest credited instant may last
 * the longest duration. The overlap row keeps trips this long, and a deleted account's trips are carried this long.
 */
export function tripOverlapWindowMs(maxBackdateHours: number): number {
  return maxBackdateHours * 3_600_000 + LIMITS.maxDurationMin * 60_000
}

/** The row to keep after a trip: the newest TRIPS_KEPT by end time, none older than can still be overlapped. */
export function rememberTrip(previous: readonly Trip[], trip: Trip, oldestStartMs: number): Trip[] {
  return [...previous, trip]
    .filter((t) => t.endMs > oldestStartMs)
    .sort((a, b) => b.endMs - a.endMs)
    .slice(0, TRIPS_KEPT)
}

/** The refusal a resident reads: both trips in Shanghai time, and the earlier one's entry id to find it in the wallet. */
export function tripOverlapMessage(span: { startMs: number; endMs: number }, earlier: Trip): string {
  const hm = (ms: number) => shanghaiClock(ms)
  // A trip carried over from a deleted account names no entry: the old ledger stays unlinked (src/core/departure).
  const which = earlier.entryId === CARRIED_TRIP_ID ? 'made under your earlier account' : earlier.entryId
  return `This trip (${hm(span.startMs)}–${hm(span.endMs)}) overlaps your ${earlier.factorId.replace('travel.', '')} trip ${which} (${hm(earlier.startMs)}–${hm(earlier.endMs)}, Asia/Shanghai); one person makes one trip at a time.`
}

export function parseTrips(text: string | undefined): Trip[] {
  return parseStoredList(
    text,
    (t: any): t is Trip =>
      typeof t === 'object' && t !== null && typeof t.entryId === 'string' && typeof t.factorId === 'string' &&
      Number.isFinite(t.startMs) && Number.isFinite(t.endMs),
  )
}

/** The rules in force, as getMethodology publishes them. */
export function creditRules(maxBackdateHours: number, residentsPerCodeWindow = DEFAULT_RESIDENTS_PER_CODE_WINDOW): CreditRules {
  return {
    maxBackdateHours,
    travelNeedsDuration: true,
    dailyTotalGrams: DAILY_TOTAL_GRAMS,
    dailyTotalBasis: DAILY_TOTAL_BASIS,
    dailyTotalBasisZh: DAILY_TOTAL_BASIS_ZH,
    stationBurstCount: REVIEW_RULES.stationBurstCount,
    stationBurstWindowMin: REVIEW_RULES.stationBurstWindowMs / 60_000,
    nearCapShare: REVIEW_RULES.nearCapShare,
    heldWhileReviewed: true,
    selfReportedCapShare: SELF_REPORTED_CAP_SHARE,
    selfReportedDailyGrams: SELF_REPORTED_DAILY_GRAMS,
    residentsPerCodeWindow,
  }
}
