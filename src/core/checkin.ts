/**
 * The decision on one check-in, before anything is written: which factor, which day, how much credit,
 * or which contract error. The cloud function only adds identity, storage and the transaction.
 */
import type { ErrorCode } from '../contract/errors'
import type { CheckInRequest } from '../contract/schemas'
import { LIMITS } from '../contract/constants'
import type { Factor, Station } from '../contract/types'
import { computeCredit, gramsFor, type Credit } from './credit'
import { checkInKind } from './kinds'
import { DAILY_TOTAL_GRAMS, DEFAULT_MAX_BACKDATE_HOURS, SELF_REPORTED_DAILY_GRAMS } from './farming'
import { selfReportedCapGrams, type Evidence } from './stationCode'
import { walkingCeiling } from './steps'
import { shanghaiDay } from './time'

export interface RuleViolation {
  code: ErrorCode
  message: string
}

export type Decision<T> = { ok: true; value: T } | { ok: false; violation: RuleViolation }

const fail = (code: ErrorCode, message: string): { ok: false; violation: RuleViolation } => ({
  ok: false,
  violation: { code, message },
})

export interface CheckInPlan {
  factorId: string
  occurredAtMs: number
  day: string
  quantity: number
  /** the measured quantity in integer units for the ledger (src/core/kinds Measurements) */
  distanceM?: number
  durationS?: number
  weightG?: number
  steps?: number
}

export function factorIdOf(req: CheckInRequest): string {
  return checkInKind(req).factorId
}

export interface PlanRules {
  /** activity older than this many hours is not credited (src/core/farming: 48 unless the cloud sets it) */
  maxBackdateHours: number
}

/** Checks that need no stored state: the shared time window, then the kind's own (src/core/kinds). */
export function planCheckIn(
  req: CheckInRequest,
  factor: Factor | undefined,
  station: Station | undefined,
  nowMs: number,
  rules: PlanRules = { maxBackdateHours: DEFAULT_MAX_BACKDATE_HOURS },
): Decision<CheckInPlan> {
  if (!factor) return fail('NOT_FOUND', `No factor ${factorIdOf(req)} in the current methodology.`)
  const occurredAtMs = req.occurredAt === undefined ? nowMs : Date.parse(req.occurredAt)
  if (!Number.isFinite(occurredAtMs)) return fail('INVALID_ARGUMENT', 'occurredAt is not a valid instant.')
  if (occurredAtMs > nowMs + LIMITS.maxFutureSkewMs) {
    return fail('INVALID_ARGUMENT', 'occurredAt is in the future (more than 5 minutes ahead of the server clock).')
  }
  if (occurredAtMs < nowMs - rules.maxBackdateHours * 3_600_000) {
    return fail(
      'INVALID_ARGUMENT',
      `occurredAt is more than ${rules.maxBackdateHours} hours ago; activity is credited within ${rules.maxBackdateHours} hours (see the methodology).`,
    )
  }
  const day = shanghaiDay(occurredAtMs)
  const { kind } = checkInKind(req)
  const own = kind.plan(req, factor, station)
  if (!own.ok) return own
  return { ok: true, value: { factorId: factor.id, occurredAtMs, day, quantity: own.value.quantity, ...own.value.measurements } }
}

/** The credit under the day's caps (the factor's and the total across factors), or the contract error when nothing can be credited. */
export function creditCheckIn(
  plan: CheckInPlan,
  factor: Factor,
  credited: { factorGrams: number; dayGrams: number; walkClaimedGrams: number; stepsVerifiedGrams: number; selfReportedGrams?: number; selfReportedTotalGrams?: number },
  gramsPerPoint: number,
  evidence?: Evidence,
): Decision<Credit> {
  // A walk and the day's verified steps are one walk: only what the larger source adds is credited.
  const raw = gramsFor(factor.gramsPerUnit, plan.quantity)
  const ceilingGrams =
    factor.id === 'travel.walk'
      ? walkingCeiling({
          capGrams: factor.dailyCapGrams,
          claimedGrams: credited.walkClaimedGrams + raw,
          verifiedGrams: credited.stepsVerifiedGrams,
          creditedGrams: credited.factorGrams,
        })
      : evidence === 'self-reported'
        ? Math.max(0, Math.min(selfReportedCapGrams(factor) - (credited.selfReportedGrams ?? 0), SELF_REPORTED_DAILY_GRAMS - (credited.selfReportedTotalGrams ?? 0)))
        : undefined
  const credit = computeCredit({
    factor,
    quantity: plan.quantity,
    alreadyCreditedGrams: credited.factorGrams,
    gramsPerPoint,
    dayTotal: { limitGrams: DAILY_TOTAL_GRAMS, alreadyGrams: credited.dayGrams },
    ceilingGrams,
  })
  if (credit.rawGramsCo2e === 0) {
    return fail('INVALID_ARGUMENT', `That ${factor.unit === 'km' ? 'distance' : 'weight'} is too small to earn a gram.`)
  }
  if (credit.gramsCo2e === 0 && credit.cappedBy === 'ceiling') {
    if (evidence === 'self-reported') {
      return fail(
        'DAILY_CAP_REACHED',
        `Drops with a typed station code earn at most ${selfReportedCapGrams(factor)} g of ${factor.key} and ${SELF_REPORTED_DAILY_GRAMS} g of all materials together a day; scan the code on the station's display to credit more.`,
      )
    }
    return fail('DAILY_CAP_REACHED', `Your verified WeRun steps for ${plan.day} already count this walk: a day's walking is counted once.`)
  }
  if (credit.gramsCo2e === 0 && credit.cappedBy === 'dayTotal') {
    return fail(
      'DAILY_CAP_REACHED',
      `The day's total of ${DAILY_TOTAL_GRAMS} g across all activities on ${plan.day} is already reached (see the methodology).`,
    )
  }
  if (credit.gramsCo2e === 0) {
    return fail(
      'DAILY_CAP_REACHED',
      `Today's cap of ${factor.dailyCapGrams} g for ${factor.key} on ${plan.day} is already reached.`,
    )
  }
  return { ok: true, value: credit }
}
