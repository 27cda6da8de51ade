import { checkInRequestSchema } from '../../src/contract/schemas'
import { correctionCounterMoves, countedFor, counterKeysOf, creditCheckIn, planCheckIn } from '../../src/core/checkin'
import { capKeyOf, requestKindOf, type Evidence, type KindMemory, type KindRequest, type Recalled, type Visit } from '../../src/core/kinds'
import type { LedgerEntry } from '../../src/contract/types'
import { reviewReasons } from '../../src/core/review'
import { spendablePoints } from '../../src/core/points'
import { DAY_TOTAL_KEY } from '../../src/core/farming'
import { measuredDifference, standingOf, weighingCorrection } from '../../src/core/feeds'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineIdempotentFunction, type CallerContext, type Services } from '../function'
import { correctable, flagEarlierEntry, holdCorrection, reverseEntry } from '../reviews/reviews'
import { applyCorrectionToChallenges, applyToChallenges } from '../challenges/challenges'
import { appendEntry, publicWallet } from './ledger'
import { remindAfterCheckIn } from '../reminders/reminders'
import { getStation, communityOf } from '../communities/queries'
import { prefetchDayCounters, getEntry, getWallet, dayCounterRows, addCreditedGrams, addHeldPoints, personMemory, savePersonMemory } from './queries'
import { insertReview, keyedMemory, saveKeyedMemory } from '../reviews/queries'
import { codeWindowShared, expectedEvidence, stationEvidence } from './venue'

/** A kind's memory (src/core/kinds KindMemory): on the person's own wallet row, read with the lock, or under its key. */
const memoryKey = (memory: KindMemory<KindRequest, unknown>, req: KindRequest): string | undefined => (memory.row === 'person' ? undefined : memory.row(req))

const readMemory = (services: Services, openid: string, key: string | undefined) =>
  key === undefined ? personMemory(services.store, openid) : keyedMemory(services.store, openid, key)

const writeMemory = (services: Services, openid: string, key: string | undefined, value: unknown) =>
  key === undefined ? savePersonMemory(services.store, openid, JSON.stringify(value)) : saveKeyedMemory(services.store, openid, key, JSON.stringify(value))

/** Where a check-in comes from besides the resident's own word: the partner that reported it, and how it proved it. */
export interface CheckInSource {
  /** the evidence the partner's report carries ('operator', 'scale'): no station code is read */
  evidence: Evidence
  /** the partner's id: a kind's memory tells two partners apart (docs/partner-api.md) */
  partnerId: string
}

export type CheckInCredit = { entry: LedgerEntry; capped: boolean } | { sameAs: LedgerEntry }

/**
 * The one credit path of a check-in, for the resident's checkIn and a partner's rows alike, inside the caller's
 * transaction: plan, the kind's memory, the day's counters, the credit, the entry, then challenges, review and
 * reminders. Exactly-once is the caller's (the request id, or the partner's row key).
 */
export async function creditCheckInOf(
  services: Services,
  by: { caller: CallerContext } | { openid: string; source: CheckInSource },
  req: KindRequest,
): Promise<CheckInCredit> {
  const who = 'caller' in by ? by.caller : undefined
  const source = 'source' in by ? by.source : undefined
  const openid = 'caller' in by ? by.caller.openid : by.openid
  const { store, methodology } = services
  const { kind, factorId } = requestKindOf(req)
  const own = kind.request
  const factor = methodology.factors.find((f) => f.id === factorId)
  const stationCode = own.venue?.stationCode(req)
  const station = stationCode !== undefined ? await getStation(store, stationCode) : undefined
  const plan = planCheckIn(req, factor, station, services.now(), services.rules)
  if (!plan.ok) throw new CloudError(plan.violation.code, plan.violation.message, { reason: plan.violation.reason, params: plan.violation.params })
  if (!factor) throw new Error('planCheckIn accepted a check-in without a factor')
  const proof =
    who && own.venue && stationCode !== undefined
      ? await stationEvidence(services, who, station, stationCode, own.venue.displayCode(req), plan.value.occurredAtMs, own.venue.place)
      : undefined
  // A kind whose display proves a venue rather than a station records it so (a scene: 'venue-display').
  const displayed = proof?.evidence === 'station-display' && own.venue?.displayEvidence ? own.venue.displayEvidence : proof?.evidence
  const evidence = source ? source.evidence : displayed
  const visit: Visit<KindRequest> = {
    req,
    factorId: factor.id,
    occurredAtMs: plan.value.occurredAtMs,
    receivedMs: services.now(),
    maxBackdateHours: services.rules.maxBackdateHours,
    ...(evidence ? { evidence } : {}),
    ...(source ? { source: source.partnerId } : {}),
  }
  // What the kind remembers of earlier check-ins refuses this one (an overlapping trip), tells the review rules, or
  // (for a partner's report) finds it is an activity already credited, or one it supersedes.
  const memory = own.memory
  const memoryRow = memory && memoryKey(memory, req)
  const previous = memory ? memory.parse(await readMemory(services, openid, memoryRow)) : undefined
  const recalled: Recalled = memory ? memory.recall(previous, visit) : {}
  if (recalled.violation)
    throw new CloudError(recalled.violation.code, recalled.violation.message, { reason: recalled.violation.reason, params: recalled.violation.params })
  if (recalled.sameAs !== undefined) {
    const earlier = await getEntry(store, openid, recalled.sameAs)
    if (!earlier) throw new Error(`memory names a missing entry ${recalled.sameAs}`)
    return { sameAs: earlier }
  }
  // Reversed first, so the day's counters below have their room back.
  for (const entryId of recalled.supersedes ?? []) await reverseEntry(services, openid, entryId, `partner:${source?.partnerId ?? ''}`)
  // A weighing that confirms an earlier drop is credited as if that drop had not been (what is left of it given back
  // to every counter row of its day), then only the difference is written. A drop an organizer reversed is gone: the
  // scale's weight is then credited as a drop of its own.
  const found = recalled.corrects !== undefined ? await correctable(services, openid, recalled.corrects) : undefined
  const corrected = found?.standing
  const planned = corrected ? { ...plan.value, day: corrected.day } : plan.value
  const rules = { gramsPerPoint: methodology.gramsPerPoint, dailyTotalGrams: services.rules.dailyTotalGrams, factors: methodology.factors }
  const counted = corrected ? countedFor(kind, factor, rules, corrected) : new Map<string, number>()
  const read = await dayCounterRows(store, openid, planned.day, [...new Set([...counterKeysOf(kind, factor.id, evidence), ...counted.keys()])])
  const counters = (key: string) => read(key) - (counted.get(key) ?? 0)
  const credit = creditCheckIn(kind, planned, factor, counters, rules, evidence)
  if (!credit.ok) throw new CloudError(credit.violation.code, credit.violation.message, { reason: credit.violation.reason, params: credit.violation.params })
  if (found && corrected) {
    // What the resident may still give back: their spendable points and this drop's own hold (another review's is not theirs to give).
    const takeable = spendablePoints(await getWallet(store, openid)) + (found.review?.heldPoints ?? 0)
    const delta = weighingCorrection(corrected, credit.value, takeable, methodology.gramsPerPoint)
    const measured = measuredDifference(corrected, plan.value.measured)
    if (memory) await writeMemory(services, openid, memoryRow, memory.remember(previous, { ...visit, entryId: corrected.id }))
    // The scale agreed with what the drop earned and measured: confirmed, nothing to write.
    if (delta.gramsCo2e === 0 && delta.points === 0 && Object.keys(measured).length === 0) return { entry: found.entry, capped: credit.value.capped }
    const { entry } = await appendEntry(services, openid, {
      type: 'adjust',
      gramsCo2e: delta.gramsCo2e,
      points: delta.points,
      factorId: factor.id,
      sourceVersion: factor.sourceVersion,
      methodologyVersion: methodology.version,
      day: corrected.day,
      ref: corrected.id,
      occurredAt: toShanghaiIso(plan.value.occurredAtMs),
      ...measured,
      stationCode,
      evidence,
    })
    // Its grams moved the factor's cap row and the day's total (appendEntry); the kind's own rows move here.
    for (const { key, grams } of correctionCounterMoves(factor.id, counted, credit.value.counters))
      await addCreditedGrams(store, openid, key, corrected.day, grams)
    // Grams whose points were spent before the scale reported keep their room taken (src/core/feeds weighingCorrection).
    if (delta.keptCapGrams > 0) {
      await addCreditedGrams(store, openid, capKeyOf(factor.id), corrected.day, delta.keptCapGrams)
      await addCreditedGrams(store, openid, DAY_TOTAL_KEY, corrected.day, delta.keptCapGrams)
    }
    if (found.review) await holdCorrection(services, openid, found.review, entry.points)
    const { completionBroken } = await applyCorrectionToChallenges(services, openid, corrected, standingOf(corrected, [entry]), found.review !== undefined)
    // A drop weighed down below a challenge it completed had its bonus paid on a weight the bag never had: the drop
    // goes to review, which holds the bonus (as far as unspent) until an organizer confirms or reverses it.
    if (completionBroken && !found.review) await flagEarlierEntry(services, openid, corrected.id, ['weighed_below_completion'])
    return { entry, capped: credit.value.capped }
  }
  const { entry } = await appendEntry(services, openid, {
    type: 'checkin',
    gramsCo2e: credit.value.gramsCo2e,
    points: credit.value.points,
    factorId: factor.id,
    sourceVersion: factor.sourceVersion,
    methodologyVersion: methodology.version,
    day: plan.value.day,
    occurredAt: toShanghaiIso(plan.value.occurredAtMs),
    ...plan.value.measured,
    stationCode,
    evidence,
  })
  if (memory) await writeMemory(services, openid, memoryRow, memory.remember(previous, { ...visit, entryId: entry.id }))
  for (const { key, grams } of credit.value.counters) await addCreditedGrams(store, openid, key, plan.value.day, grams)
  const reasons = reviewReasons({ factor, quantity: plan.value.quantity, ...own.reviewFacts?.(req), ...recalled.facts })
  if (stationCode !== undefined && proof?.window !== undefined && (await codeWindowShared(services, openid, stationCode, proof.window, entry.id))) {
    reasons.push('shared_code')
  }
  // A flagged check-in is credited all the same, its points held (in the balance, not spendable) until an
  // organizer decides; its share of challenge progress waits too, completing nothing until confirmed.
  const reviewId = reasons.length > 0 ? services.newId('rv') : undefined
  await applyToChallenges(services, openid, entry, reviewId ? 'credit-under-review' : 'credit')
  await remindAfterCheckIn(services, openid, plan.value.day)
  if (reviewId) {
    const { communityId } = await communityOf(store, openid)
    await insertReview(store, {
      id: reviewId,
      entryId: entry.id,
      openid,
      reasons,
      status: 'open',
      createdAt: entry.createdAt,
      communityId,
      heldPoints: entry.points,
    })
    await addHeldPoints(store, openid, entry.points)
  }
  return { entry, capped: credit.value.capped }
}

/**
 * A check-in of any registered kind (src/core/kinds): the shared rules here, each kind's own from its definition
 * (its schema, factor, checks, station and evidence, memory, ceilings, counters and review reasons).
 */
export const checkIn = defineIdempotentFunction({
  name: 'checkIn',
  // The kinds registered now: a kind registered after the cloud started is accepted like the built-in ones.
  get schema() {
    return checkInRequestSchema()
  },
  auth: 'session',
  transaction: 'write',
  idempotent: {
    // The day's counters will be read under the lock: a networked engine fetches them in the lock's own packet.
    async before(req, { openid }, services) {
      const claimedMs = req.occurredAt === undefined ? services.now() : Date.parse(req.occurredAt)
      if (!Number.isFinite(claimedMs)) return
      const { kind, factorId } = requestKindOf(req)
      const venue = kind.request.venue
      const displayed = venue && expectedEvidence(venue.displayCode(req))
      const evidence = displayed === 'station-display' && venue?.displayEvidence ? venue.displayEvidence : displayed
      await prefetchDayCounters(services.store, openid, shanghaiDay(claimedMs), counterKeysOf(kind, factorId, evidence))
    },
    async replay(recorded, req, { openid }, services) {
      const entry = await getEntry(services.store, openid, recorded.resultRef)
      if (!entry) throw new Error(`request ${req.requestId} points at a missing entry`)
      return { entry, wallet: await publicWallet(services, openid), capped: recorded.capped }
    },
  },
  async handle(req, who, services) {
    const credited = await creditCheckInOf(services, { caller: who }, req)
    if ('sameAs' in credited) throw new Error('a resident check-in was answered as the same as an earlier one')
    const { entry, capped } = credited
    // The wallet as getWallet shows it right after: with any bonus this check-in paid and any points it holds.
    return { answer: { entry, wallet: await publicWallet(services, who.openid), capped }, ref: entry.id, capped }
  },
})
