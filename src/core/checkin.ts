/**
 * The decision on one check-in, before anything is written: which factor, which day, how much credit,
 * or which contract error. The shared rules are here; each kind's own come from its definition (src/core/kinds).
 * The cloud function only adds identity, storage and the transaction.
 */
import type { ErrorCode, ErrorReason } from '../contract/errors'
import { LIMITS } from '../contract/constants'
import type { Factor, Station } from '../contract/types'
import { computeCredit, gramsFor, type Credit } from './credit'
import { capKeyOf, requestKindOf, type Counters, type Evidence, type KindRequest, type Measurements, type RequestKind, type RuleViolation } from './kinds'
import { DAY_TOTAL_KEY, DEFAULT_MAX_BACKDATE_HOURS } from './farming'
import { shanghaiDay } from './time'

export type { RuleViolation }

export type Decision<T> = { ok: true; value: T } | { ok: false; violation: RuleViolation }

const fail = (code: ErrorCode, message: string, refusal: ErrorReason): { ok: false; violation: RuleViolation } => ({
  ok: false,
  violation: { code, message, ...refusal },
})

export interface CheckInPlan {
  factorId: string
  occurredAtMs: number
  day: string
  /** in the factor's unit (km, kg, …): what its grams per unit multiply */
  quantity: number
  /** what the entry keeps of it, in integers (src/core/kinds Measurements) */
  measured: Measurements
}

export interface PlanRules {
  /** activity older than this many hours is not credited (src/core/farming: 48 unless the cloud sets it) */
  maxBackdateHours: number
}

/** Checks that need no stored state: the shared time window, then the kind's own (src/core/kinds). */
export function planCheckIn(
  req: KindRequest,
  factor: Factor | undefined,
  station: Station | undefined,
  nowMs: number,
  rules: PlanRules = { maxBackdateHours: DEFAULT_MAX_BACKDATE_HOURS },
): Decision<CheckInPlan> {
  const { kind, factorId } = requestKindOf(req)
  if (!factor) return fail('NOT_FOUND', `No factor ${factorId} in the current methodology.`, { reason: 'checkIn.noFactor' })
  const occurredAtMs = req.occurredAt === undefined ? nowMs : Date.parse(req.occurredAt)
  if (!Number.isFinite(occurredAtMs)) return fail('INVALID_ARGUMENT', 'occurredAt is not a valid instant.', { reason: 'checkIn.badTime' })
  if (occurredAtMs > nowMs + LIMITS.maxFutureSkewMs) {
    return fail('INVALID_ARGUMENT', 'occurredAt is in the future (more than 5 minutes ahead of the server clock).', {
      reason: 'checkIn.future',
      params: { minutes: LIMITS.maxFutureSkewMs / 60_000 },
    })
  }
  if (occurredAtMs < nowMs - rules.maxBackdateHours * 3_600_000) {
    return fail(
      'INVALID_ARGUMENT',
      `occurredAt is more than ${rules.maxBackdateHours} hours ago; activity is credited within ${rules.maxBackdateHours} hours (see the methodology).`,
      { reason: 'checkIn.backdated', params: { hours: rules.maxBackdateHours } },
    )
  }
  const day = shanghaiDay(occurredAtMs)
  const own = kind.request.plan(req, factor, station)
  if (!own.ok) return own
  return { ok: true, value: { factorId: factor.id, occurredAtMs, day, quantity: own.value.quantity, measured: own.value.measured } }
}

/** The day's counter rows a check-in's credit reads: its cap's, the day's total, and those its kind's ceiling reads. */
export function counterKeysOf(kind: RequestKind, factorId: string, evidence: Evidence | undefined): string[] {
  return [capKeyOf(factorId), DAY_TOTAL_KEY, ...(kind.request.counterKeys?.(factorId, evidence) ?? [])]
}

export interface CreditRulesInForce {
  gramsPerPoint: number
  /** the day's total across kinds (src/core/farming creditRules) */
  dailyTotalGrams: number
  /** the methodology's factors, for a kind's ceiling that follows them */
  factors: readonly Factor[]
}

/**
 * The credit under the day's caps (the factor's, the total across factors, and any ceiling of the kind's), with
 * the counters added once the entry is written; or the contract error when nothing can be credited.
 */
export function creditCheckIn(
  kind: RequestKind,
  plan: CheckInPlan,
  factor: Factor,
  counters: Counters,
  rules: CreditRulesInForce,
  evidence?: Evidence,
): Decision<Credit & { counters: { key: string; grams: number }[] }> {
  const context = { factor, factors: rules.factors, day: plan.day, rawGrams: gramsFor(factor.gramsPerUnit, plan.quantity), counters, evidence }
  const ceiling = kind.request.ceiling?.(context)
  const credit = computeCredit({
    factor,
    quantity: plan.quantity,
    alreadyCreditedGrams: counters(capKeyOf(factor.id)),
    gramsPerPoint: rules.gramsPerPoint,
    dayTotal: { limitGrams: rules.dailyTotalGrams, alreadyGrams: counters(DAY_TOTAL_KEY) },
    ceilingGrams: ceiling?.grams,
  })
  if (credit.rawGramsCo2e === 0) {
    return fail('INVALID_ARGUMENT', `That ${kind.request.quantityNoun} is too small to earn a gram.`, {
      reason: 'checkIn.tooSmall',
      params: { quantity: plan.quantity },
    })
  }
  if (credit.gramsCo2e === 0 && credit.cappedBy === 'ceiling' && ceiling) return { ok: false, violation: { code: 'DAILY_CAP_REACHED', ...ceiling.refusal } }
  if (credit.gramsCo2e === 0 && credit.cappedBy === 'dayTotal') {
    return fail(
      'DAILY_CAP_REACHED',
      `The day's total of ${rules.dailyTotalGrams} g across all activities on ${plan.day} is already reached (see the methodology).`,
      { reason: 'checkIn.dailyTotal', params: { totalGrams: rules.dailyTotalGrams, day: plan.day } },
    )
  }
  if (credit.gramsCo2e === 0) {
    return fail('DAILY_CAP_REACHED', `Today's cap of ${factor.dailyCapGrams} g for ${factor.key} on ${plan.day} is already reached.`, {
      reason: 'checkIn.dailyCap',
      params: { capGrams: factor.dailyCapGrams, day: plan.day },
    })
  }
  const after = kind.request.countersAfter?.({ ...context, creditedGrams: credit.gramsCo2e }) ?? []
  return { ok: true, value: { ...credit, counters: after } }
}

/**
 * What a credited drop holds in the day's counter rows: its grams in its factor's cap row and the day's total, and
 * whatever the kind's own rows took of it at the evidence it was credited at. A weighing that corrects the drop is
 * capped with all of these given back, as if the drop had not been credited.
 */
export function countedFor(
  kind: RequestKind,
  factor: Factor,
  rules: Pick<CreditRulesInForce, 'factors'>,
  credited: { day: string; gramsCo2e: number; evidence?: Evidence },
): Map<string, number> {
  const counted = new Map<string, number>([
    [capKeyOf(factor.id), credited.gramsCo2e],
    [DAY_TOTAL_KEY, credited.gramsCo2e],
  ])
  const context = { factor, factors: rules.factors, day: credited.day, rawGrams: credited.gramsCo2e, counters: () => 0, evidence: credited.evidence }
  for (const { key, grams } of kind.request.countersAfter?.({ ...context, creditedGrams: credited.gramsCo2e }) ?? []) {
    counted.set(key, (counted.get(key) ?? 0) + grams)
  }
  return counted
}

/**
 * The kind's own counter rows a correction moves: what the weighed credit adds to each, less what the drop it
 * corrects added, so each row reads what it would had the drop been credited at the weighed amount. The factor's
 * cap row and the day's total are moved by the correction's `adjust` entry itself (its grams), like a reversal's.
 */
export function correctionCounterMoves(
  factorId: string,
  counted: ReadonlyMap<string, number>,
  weighed: readonly { key: string; grams: number }[],
): { key: string; grams: number }[] {
  const moves = new Map<string, number>()
  for (const [key, grams] of counted) moves.set(key, -grams)
  for (const { key, grams } of weighed) moves.set(key, (moves.get(key) ?? 0) + grams)
  moves.delete(capKeyOf(factorId))
  moves.delete(DAY_TOTAL_KEY)
  return [...moves].filter(([, grams]) => grams !== 0).map(([key, grams]) => ({ key, grams }))
}
