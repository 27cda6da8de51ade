/**
 * Travel: a trip by one of the green modes, credited by distance. It needs a duration (the speed is checked and two
 * trips of one person may not overlap in time), its walks share the day's walking with verified steps, and a trip
 * near its mode's top speed is reviewed.
 */
import type { z } from 'zod'
import { LIMITS, TRAVEL_MODES } from '../../../contract/constants'
import { isPlausibleSpeed, speedKmh } from '../../credit'
import { parseStoredList } from '../../counters'
import { CARRIED_TRIP_ID } from '../../departure'
import { STEPS_VERIFIED_KEY, WALK_CLAIMED_KEY, walkingCeiling } from '../../steps'
import { shanghaiClock, toShanghaiIso } from '../../time'
import { refuseCheckIn, type KindRules, type RequestParts, type RuleViolation, type Zod } from '../kind'

export const travelSchema = (zod: Zod, p: RequestParts) =>
  zod.strictObject({
    requestId: p.requestId,
    kind: zod.literal('travel'),
    mode: zod.enum(TRAVEL_MODES, { error: `mode must be one of ${TRAVEL_MODES.join(', ')}` }),
    distanceKm: p.positiveUpTo(LIMITS.maxDistanceKm, 'distanceKm'),
    durationMin: p.positiveUpTo(LIMITS.maxDurationMin, 'durationMin').optional(),
    occurredAt: p.occurredAt.optional(),
  })

export type TravelCheckInRequest = z.output<ReturnType<typeof travelSchema>>

/** Manual walks and verified steps are one walk (src/core/steps): this factor's credit reads both sources. */
const WALK = 'travel.walk'

/** A trip at this share of its mode's top speed or more is reviewed. */
export const NEAR_MAX_SPEED_SHARE = 0.9

/** One trip as it occupies time: from occurredAt − duration to occurredAt (occurredAt is when it ended). */
export interface Trip {
  entryId: string
  factorId: string
  startMs: number
  endMs: number
  /** the partner that reported it (evidence 'operator'); absent on a trip the resident reported */
  operator?: string
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

/**
 * The refusal of an overlapping trip: for API consumers both trips in Shanghai time and the earlier one's entry id to
 * find it in the wallet; for the app the earlier trip's times only (no id).
 */
export function tripOverlap(span: { startMs: number; endMs: number }, earlier: Trip): RuleViolation {
  const hm = (ms: number) => shanghaiClock(ms)
  // A trip carried over from a deleted account names no entry: the old ledger stays unlinked (src/core/departure).
  const which = earlier.entryId === CARRIED_TRIP_ID ? 'made under your earlier account' : earlier.entryId
  return {
    code: 'TRIP_OVERLAP',
    message: `This trip (${hm(span.startMs)}–${hm(span.endMs)}) overlaps your ${earlier.factorId.replace('travel.', '')} trip ${which} (${hm(earlier.startMs)}–${hm(earlier.endMs)}, Asia/Shanghai); one person makes one trip at a time.`,
    reason: 'checkIn.tripOverlap',
    params: { start: toShanghaiIso(earlier.startMs), end: toShanghaiIso(earlier.endMs) },
  }
}

export function parseTrips(text: string | undefined): Trip[] {
  return parseStoredList(
    text,
    (t: any): t is Trip =>
      typeof t === 'object' &&
      t !== null &&
      typeof t.entryId === 'string' &&
      typeof t.factorId === 'string' &&
      Number.isFinite(t.startMs) &&
      Number.isFinite(t.endMs) &&
      (t.operator === undefined || typeof t.operator === 'string'),
  )
}

/**
 * How an operator's trip meets the person's earlier trips it overlaps (docs/partner-api.md "Precedence"): an operator
 * trip already reported by another partner is the same ride (counted once: the earlier entry answers); one the same
 * partner reported under another rowId is a second ride at the same time (refused TRIP_OVERLAP); trips the resident
 * reported are superseded (reversed, then this one is credited). A resident's trip overlapping an operator's is
 * refused like any overlap (travel's recall).
 */
export function operatorTripPrecedence(
  previous: readonly Trip[],
  span: { startMs: number; endMs: number },
  partnerId: string,
): { violation: RuleViolation } | { sameAs: string } | { supersedes: string[] } {
  const clashes = previous.filter((t) => t.startMs < span.endMs && span.startMs < t.endMs)
  const samePartner = clashes.find((t) => t.operator === partnerId)
  if (samePartner) return { violation: tripOverlap(span, samePartner) }
  const otherPartner = clashes.find((t) => t.operator !== undefined)
  if (otherPartner) return { sameAs: otherPartner.entryId }
  // A carried trip (from a deleted account) has no entry here to reverse: it still blocks, as it does a resident's.
  const carried = clashes.find((t) => t.entryId === CARRIED_TRIP_ID)
  if (carried) return { violation: tripOverlap(span, carried) }
  return { supersedes: clashes.map((t) => t.entryId) }
}

/** Travel's rules (its face, what the app shows, is ../travel.ts). */
export const travelRules: KindRules<TravelCheckInRequest> = {
  dailyTotal: { basis: 'largest travel cap (EV 20 km × 89 g/km)', basisZh: '最大的出行上限（电动车 20 公里 × 89 克/公里）' },
  publishedRules: () => ({ travelNeedsDuration: true }),
  request: {
    schema: travelSchema,
    factorId: (req) => `travel.${req.mode}`,
    quantityNoun: 'distance',
    plan(req, factor) {
      if (req.durationMin === undefined) {
        // Without a duration no speed can be checked and no two trips can be told apart in time.
        return refuseCheckIn(
          'INVALID_ARGUMENT',
          'durationMin is required for travel: how long the trip took lets the speed and overlapping trips be checked.',
          {
            reason: 'checkIn.durationNeeded',
          },
        )
      }
      if (!isPlausibleSpeed(req.distanceKm, req.durationMin, factor.maxKmh)) {
        const kmh = Math.round(speedKmh(req.distanceKm, req.durationMin) ?? 0)
        return refuseCheckIn(
          'IMPLAUSIBLE',
          `${req.distanceKm} km in ${req.durationMin} min is ${kmh} km/h, faster than ${factor.maxKmh} km/h allowed for ${req.mode}.`,
          {
            reason: 'checkIn.implausibleSpeed',
            params: { distanceKm: req.distanceKm, durationMin: req.durationMin, kmh, maxKmh: factor.maxKmh ?? 0, mode: req.mode },
          },
        )
      }
      return {
        ok: true,
        value: { quantity: req.distanceKm, measured: { distanceM: Math.round(req.distanceKm * 1000), durationS: Math.round(req.durationMin * 60) } },
      }
    },
    memory: {
      row: 'person',
      parse: parseTrips,
      recall(previous, visit) {
        const span = tripSpan(visit.occurredAtMs, visit.req.durationMin ?? 0)
        if (visit.evidence === 'operator' && visit.source !== undefined) return operatorTripPrecedence(previous, span, visit.source)
        const clash = overlappingTrip(previous, span)
        return clash ? { violation: tripOverlap(span, clash) } : {}
      },
      remember(previous, visit) {
        const span = tripSpan(visit.occurredAtMs, visit.req.durationMin ?? 0)
        const operator = visit.evidence === 'operator' ? visit.source : undefined
        // The resident's trips an operator's superseded were reversed: they no longer occupy the time.
        const kept =
          operator === undefined ? previous : previous.filter((t: Trip) => t.operator !== undefined || !(t.startMs < span.endMs && span.startMs < t.endMs))
        return rememberTrip(
          kept,
          { entryId: visit.entryId, factorId: visit.factorId, ...span, ...(operator !== undefined ? { operator } : {}) },
          visit.receivedMs - tripOverlapWindowMs(visit.maxBackdateHours),
        )
      },
    },
    reviewFacts: (req) => ({ speedKmh: speedKmh(req.distanceKm, req.durationMin) }),
    reviewReasons({ factor, speedKmh: kmh }) {
      return kmh !== undefined && factor.maxKmh !== undefined && kmh >= NEAR_MAX_SPEED_SHARE * factor.maxKmh ? ['near_max_speed'] : []
    },
    // A walk and the day's verified steps are one walk: only what the larger source adds is credited.
    counterKeys: (factorId) => (factorId === WALK ? [WALK_CLAIMED_KEY, STEPS_VERIFIED_KEY] : []),
    ceiling: ({ factor, day, rawGrams, counters }) =>
      factor.id !== WALK
        ? undefined
        : {
            grams: walkingCeiling({
              capGrams: factor.dailyCapGrams,
              claimedGrams: counters(WALK_CLAIMED_KEY) + rawGrams,
              verifiedGrams: counters(STEPS_VERIFIED_KEY),
              creditedGrams: counters(factor.id),
            }),
            refusal: {
              message: `Your verified WeRun steps for ${day} already count this walk: a day's walking is counted once.`,
              reason: 'checkIn.walkCountedBySteps',
              params: { day },
            },
          },
    // Manual walks are one source of the day's walking: what they claimed is remembered, credited or not.
    countersAfter: ({ factor, rawGrams }) => (factor.id === WALK ? [{ key: WALK_CLAIMED_KEY, grams: rawGrams }] : []),
  },
}
