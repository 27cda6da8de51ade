/**
 * Rules against farming points: each one explained to the resident when it applies, and published on the
 * Methodology page. They exist because an adversarial pass over the cloud earned 75,010 points from one
 * fresh account in about 140 requests (no durations, drops just under the cap, spaced by a client-chosen
 * occurredAt, back-dated eight days).
 */
import type { CreditRules, Factor } from '../contract/types'
import { dailyTotal, publishedKindRules } from './kinds'
import { FACTORS } from './methodology'
import { DEFAULT_RESIDENTS_PER_CODE_WINDOW } from './review'

/** Oldest activity that may still be credited, in hours before now (the cloud may set 1–168; this is the default). */
export const DEFAULT_MAX_BACKDATE_HOURS = 48
export const MAX_BACKDATE_HOURS_RANGE = [1, 168] as const

/**
 * The most one person may be credited on one Asia/Shanghai day, across all factors, for the built-in kinds: the
 * largest recycling cap (paper, 10 kg × 3,460 g/kg, Luzhou 绿芽积分's factor) plus the largest travel cap (EV,
 * 20 km × 89 g/km). A real day can hold one heavy recycling run and one long green trip; a script that fills every
 * factor's cap cannot. Each kind says whether its largest cap is a share (src/core/kinds), and the cloud adds up
 * the shares of the kinds and factors in force (creditRules).
 */
const BUILT_IN_TOTAL = dailyTotal(FACTORS)
export const DAILY_TOTAL_GRAMS = BUILT_IN_TOTAL.grams
export const DAILY_TOTAL_BASIS = BUILT_IN_TOTAL.basis

/** The counter row key that holds a person's total across factors for a day, beside the per-factor rows. */
export const DAY_TOTAL_KEY = '*'

// Travel's memory of trips, where the overlap rule was first published from (departure carries it).
export { overlappingTrip, parseTrips, rememberTrip, tripOverlapWindowMs, tripSpan, TRIPS_KEPT, type Trip } from './kinds/rules/travel'

/** The order getMethodology has always sent the rules in: the shared ones and the kinds' own, as the contract lists them. */
const PUBLISHED_ORDER = {
  maxBackdateHours: 0,
  travelNeedsDuration: 0,
  dailyTotalGrams: 0,
  dailyTotalBasis: 0,
  dailyTotalBasisZh: 0,
  stationBurstCount: 0,
  stationBurstWindowMin: 0,
  nearCapShare: 0,
  heldWhileReviewed: 0,
  selfReportedCapShare: 0,
  selfReportedDailyGrams: 0,
  residentsPerCodeWindow: 0,
  sceneRepeatWindowMin: 0,
} satisfies Record<keyof CreditRules, 0>

/**
 * The rules in force, as getMethodology publishes them: the shared ones, the day's total over the factors in force,
 * and each kind's own (src/core/kinds).
 */
export function creditRules(
  maxBackdateHours: number,
  residentsPerCodeWindow = DEFAULT_RESIDENTS_PER_CODE_WINDOW,
  factors: readonly Pick<Factor, 'kind' | 'dailyCapGrams'>[] = FACTORS,
): CreditRules {
  const total = dailyTotal(factors)
  const rules: Partial<CreditRules> = {
    maxBackdateHours,
    dailyTotalGrams: total.grams,
    dailyTotalBasis: total.basis,
    dailyTotalBasisZh: total.basisZh,
    heldWhileReviewed: true,
    residentsPerCodeWindow,
    ...publishedKindRules(factors),
  }
  const ordered = Object.keys(PUBLISHED_ORDER)
    .filter((key) => key in rules)
    .map((key) => [key, rules[key as keyof CreditRules]])
  return Object.fromEntries(ordered) as CreditRules
}
