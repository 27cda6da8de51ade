import { checkInRequestSchema } from '../../src/contract/schemas'
import { counterKeysOf, creditCheckIn, planCheckIn } from '../../src/core/checkin'
import { requestKindOf, type KindMemory, type KindRequest, type Visit } from '../../src/core/kinds'
import { reviewReasons } from '../../src/core/review'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineIdempotentFunction, type Services } from '../function'
import { applyToChallenges } from '../challenges/challenges'
import { appendEntry, publicWallet } from './ledger'
import { remindAfterCheckIn } from '../reminders/reminders'
import { getStation, communityOf } from '../communities/queries'
import { prefetchDayCounters, getEntry, dayCounterRows, addCreditedGrams, addHeldPoints, personMemory, savePersonMemory } from './queries'
import { insertReview, keyedMemory, saveKeyedMemory } from '../reviews/queries'
import { codeWindowShared, expectedEvidence, stationEvidence } from './venue'

/** A kind's memory (src/core/kinds KindMemory): on the person's own wallet row, read with the lock, or under its key. */
const memoryKey = (memory: KindMemory<KindRequest, unknown>, req: KindRequest): string | undefined => (memory.row === 'person' ? undefined : memory.row(req))

const readMemory = (services: Services, openid: string, key: string | undefined) =>
  key === undefined ? personMemory(services.store, openid) : keyedMemory(services.store, openid, key)

const writeMemory = (services: Services, openid: string, key: string | undefined, value: unknown) =>
  key === undefined ? savePersonMemory(services.store, openid, JSON.stringify(value)) : saveKeyedMemory(services.store, openid, key, JSON.stringify(value))

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
    const { openid } = who
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
      own.venue && stationCode !== undefined
        ? await stationEvidence(services, who, station, stationCode, own.venue.displayCode(req), plan.value.occurredAtMs)
        : undefined
    // A kind whose display proves a venue rather than a station records it so (a scene: 'venue-display').
    const evidence = proof?.evidence === 'station-display' && own.venue?.displayEvidence ? own.venue.displayEvidence : proof?.evidence
    const counters = await dayCounterRows(store, openid, plan.value.day, counterKeysOf(kind, factor.id, evidence))
    const credit = creditCheckIn(
      kind,
      plan.value,
      factor,
      counters,
      { gramsPerPoint: methodology.gramsPerPoint, dailyTotalGrams: services.rules.dailyTotalGrams, factors: methodology.factors },
      evidence,
    )
    if (!credit.ok) throw new CloudError(credit.violation.code, credit.violation.message, { reason: credit.violation.reason, params: credit.violation.params })
    const visit: Visit<KindRequest> = {
      req,
      factorId: factor.id,
      occurredAtMs: plan.value.occurredAtMs,
      receivedMs: services.now(),
      maxBackdateHours: services.rules.maxBackdateHours,
    }
    // What the kind remembers of earlier check-ins refuses this one (an overlapping trip) or tells the review rules.
    const memory = own.memory
    const memoryRow = memory && memoryKey(memory, req)
    const previous = memory ? memory.parse(await readMemory(services, openid, memoryRow)) : undefined
    const recalled: ReturnType<KindMemory<KindRequest, unknown>['recall']> = memory ? memory.recall(previous, visit) : {}
    if (recalled.violation)
      throw new CloudError(recalled.violation.code, recalled.violation.message, { reason: recalled.violation.reason, params: recalled.violation.params })
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
    // The wallet as getWallet shows it right after: with any bonus this check-in paid and any points it holds.
    return { answer: { entry, wallet: await publicWallet(services, openid), capped: credit.value.capped }, ref: entry.id, capped: credit.value.capped }
  },
})
