import { checkInSchema } from '../../src/contract/schemas'
import { creditCheckIn, factorIdOf, planCheckIn } from '../../src/core/checkin'
import { checkInKind } from '../../src/core/kinds'
import { codeShared, recentDropsAtStation, rememberDrop, reviewReasons } from '../../src/core/review'
import { overlappingTrip, rememberTrip, SELF_REPORTED_TOTAL_KEY, tripOverlapMessage, tripOverlapWindowMs, tripSpan, type Trip } from '../../src/core/farming'
import { capKeyOf, WALK_CLAIMED_KEY } from '../../src/core/steps'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineIdempotentFunction, type CallerContext, type Services } from '../function'
import { canActOn, NO_COMMUNITY } from '../../src/core/community'
import type { Station } from '../../src/contract/types'
import { macMatches } from '../communities/stationCodes'
import { parseDisplayCode, selfReportedKey, windowAccepted, type Evidence } from '../../src/core/stationCode'
import { applyToChallenges } from '../challenges/challenges'
import { appendEntry, publicWallet } from './ledger'
import { remindAfterCheckIn } from '../reminders/reminders'
import { flagEarlierEntry } from '../reviews/reviews'
import { stationSecret, useDisplayCode, noteDisplayUse, addDisplayWindowUse, displayWindowEntries, getStation, communityOf } from '../communities/queries'
import { prefetchDayCounters, getEntry, dayCounters, recentTrips, addCreditedGrams, saveTrips, addHeldPoints } from './queries'
import { stationDrops, saveStationDrops, insertReview } from '../reviews/queries'

/**
 * How this drop proves the station: a rotating display code, checked here (its station, its window ±1 of now and
 * of the drop's own occurredAt, its HMAC, once per person and window), or nothing better than a typed code. A bad
 * display code is refused rather than quietly treated as typed, so a resident knows to scan again.
 */
async function stationEvidence(
  services: Services,
  who: CallerContext,
  station: Station | undefined,
  stationCode: string,
  displayCode: string | undefined,
  occurredAtMs: number,
): Promise<{ evidence: Evidence; window?: number }> {
  const openid = who.openid
  if (displayCode === undefined) return { evidence: 'self-reported' }
  // A code proves presence only to someone who cannot show it: an organizer who runs the station can make one on
  // their own screen at home, so their drop is credited as typed (an adversarial pass earned 27,334 g so).
  if (station && who.organizerScope && canActOn(who.organizerScope, station.communityId ?? NO_COMMUNITY)) return { evidence: 'self-reported' }
  const parsed = parseDisplayCode(displayCode)
  if (!parsed || parsed.stationCode !== stationCode) {
    throw new CloudError('INVALID_ARGUMENT', `displayCode is not a display code of station ${stationCode}: scan the code on its screen.`)
  }
  if (!windowAccepted(parsed.window, services.now())) {
    throw new CloudError('INVALID_ARGUMENT', "That station code has expired (it changes every 30 seconds): scan the station's screen again.")
  }
  // A code shown now proves presence now, not for a drop back-dated by hours (one was credited 47 h back).
  if (!windowAccepted(parsed.window, occurredAtMs)) {
    throw new CloudError('INVALID_ARGUMENT', 'That station code was on the screen at another time than this drop (occurredAt): a display code credits only a drop made while it was shown.')
  }
  const secret = await stationSecret(services.store, stationCode)
  if (!secret || !macMatches(secret, stationCode, parsed.window, parsed.mac)) {
    throw new CloudError('INVALID_ARGUMENT', `displayCode is not a display code of station ${stationCode}: scan the code on its screen.`)
  }
  if (!(await useDisplayCode(services.store, openid, stationCode, parsed.window))) {
    throw new CloudError('INVALID_ARGUMENT', 'You already used this station code: the next one appears on the screen within 30 seconds.')
  }
  return { evidence: 'station-display', window: parsed.window }
}

/**
 * Counts this resident on the station's code window. Past what a station serves in one window, the code travelled:
 * this drop is reviewed, and so (once, when the window first goes over) is every earlier drop made with it.
 */
async function codeWindowShared(services: Services, openid: string, stationCode: string, window: number, entryId: string): Promise<boolean> {
  const { store } = services
  await noteDisplayUse(store, openid, stationCode, window, entryId)
  const residents = await addDisplayWindowUse(store, stationCode, window)
  const limit = services.rules.residentsPerCodeWindow
  if (!codeShared(residents, limit)) return false
  if (residents === limit + 1) {
    for (const earlier of await displayWindowEntries(store, stationCode, window, limit + 1)) {
      if (earlier.openid !== openid) await flagEarlierEntry(services, earlier.openid, earlier.entryId, ['shared_code'])
    }
  }
  return true
}

export const checkIn = defineIdempotentFunction({
  name: 'checkIn',
  schema: checkInSchema,
  auth: 'session',
  transaction: 'write',
  idempotent: {
    // The day's counters will be read under the lock: a networked engine fetches them in the lock's own packet.
    async before(req, { openid }, services) {
      const claimedMs = req.occurredAt === undefined ? services.now() : Date.parse(req.occurredAt)
      if (!Number.isFinite(claimedMs)) return
      const factorId = factorIdOf(req)
      const selfKey = req.kind === 'recycling' && req.displayCode === undefined ? selfReportedKey(factorId) : undefined
      await prefetchDayCounters(services.store, openid, shanghaiDay(claimedMs), capKeyOf(factorId), selfKey)
    },
    async replay(recorded, req, { openid }, services) {
      const entry = await getEntry(services.store, openid, recorded.resultRef)
      if (!entry) throw new Error(`request ${req.requestId} points at a missing entry`)
      return { entry, wallet: await publicWallet(services, openid), capped: recorded.capped }
    },
  },
  async handle(req, who, services) {
    const { openid } = who
    const { store } = services
    const { methodology } = services
    const version = methodology.version
    const factorId = factorIdOf(req)
    const factor = methodology.factors.find((f) => f.id === factorId)
    const station = req.kind === 'recycling' ? await getStation(store, req.stationCode) : undefined
    const plan = planCheckIn(req, factor, station, services.now(), services.rules)
    if (!plan.ok) throw new CloudError(plan.violation.code, plan.violation.message)
    if (!factor) throw new Error('planCheckIn accepted a check-in without a factor')
    const proof = req.kind === 'recycling' ? await stationEvidence(services, who, station, req.stationCode, req.displayCode, plan.value.occurredAtMs) : undefined
    const evidence = proof?.evidence
    const selfKey = evidence === 'self-reported' ? selfReportedKey(factor.id) : undefined
    const already = await dayCounters(store, openid, plan.value.day, capKeyOf(factor.id), selfKey)
    const credit = creditCheckIn(plan.value, factor, already, methodology.gramsPerPoint, evidence)
    if (!credit.ok) throw new CloudError(credit.violation.code, credit.violation.message)
    let trips: { previous: Trip[]; span: { startMs: number; endMs: number } } | undefined
    if (req.kind === 'travel') {
      const span = tripSpan(plan.value.occurredAtMs, req.durationMin ?? 0)
      const previous = await recentTrips(store, openid)
      const clash = overlappingTrip(previous, span)
      if (clash) throw new CloudError('TRIP_OVERLAP', tripOverlapMessage(span, clash))
      trips = { previous, span }
    }
    const occurredAt = toShanghaiIso(plan.value.occurredAtMs)
    let recentDrops: number | undefined
    if (req.kind === 'recycling') {
      const drop = { claimedMs: plan.value.occurredAtMs, receivedMs: services.now() }
      const previous = await stationDrops(store, openid, req.stationCode)
      recentDrops = recentDropsAtStation(previous, drop)
      await saveStationDrops(store, openid, req.stationCode, rememberDrop(previous, drop))
    }
    const { entry } = await appendEntry(services, openid, {
      type: 'checkin',
      gramsCo2e: credit.value.gramsCo2e,
      points: credit.value.points,
      factorId: factor.id,
      sourceVersion: factor.sourceVersion,
      methodologyVersion: version,
      day: plan.value.day,
      occurredAt,
      distanceM: plan.value.distanceM,
      durationS: plan.value.durationS,
      weightG: plan.value.weightG,
      stationCode: req.kind === 'recycling' ? req.stationCode : undefined,
      evidence,
    })
    if (selfKey) {
      await addCreditedGrams(store, openid, selfKey, plan.value.day, entry.gramsCo2e)
      await addCreditedGrams(store, openid, SELF_REPORTED_TOTAL_KEY, plan.value.day, entry.gramsCo2e)
    }
    if (trips) {
      const oldestStartMs = services.now() - tripOverlapWindowMs(services.rules.maxBackdateHours)
      await saveTrips(store, openid, rememberTrip(trips.previous, { entryId: entry.id, factorId: factor.id, ...trips.span }, oldestStartMs))
    }
    // Manual walks are one source of the day's walking (src/core/steps): remember what they claimed.
    if (factor.id === 'travel.walk') await addCreditedGrams(store, openid, WALK_CLAIMED_KEY, plan.value.day, credit.value.rawGramsCo2e)
    const reasons = reviewReasons({
      factor,
      quantity: plan.value.quantity,
      ...checkInKind(req).kind.reviewFacts(req),
      recentDropsAtStation: recentDrops,
    })
    if (req.kind === 'recycling' && proof?.window !== undefined && (await codeWindowShared(services, openid, req.stationCode, proof.window, entry.id))) {
      reasons.push('shared_code')
    }
    // A flagged check-in is credited all the same, its points held (in the balance, not spendable) until an
    // organizer decides; its share of challenge progress waits too, completing nothing until confirmed.
    const reviewId = reasons.length > 0 ? services.newId('rv') : undefined
    await applyToChallenges(services, openid, entry, reviewId ? 'credit-under-review' : 'credit')
    await remindAfterCheckIn(services, openid, plan.value.day)
    if (reviewId) {
      const { communityId } = await communityOf(store, openid)
      await insertReview(store, { id: reviewId, entryId: entry.id, openid, reasons, status: 'open', createdAt: entry.createdAt, communityId, heldPoints: entry.points })
      await addHeldPoints(store, openid, entry.points)
    }
    // The wallet as getWallet shows it right after: with any bonus this check-in paid and any points it holds.
    return { answer: { entry, wallet: await publicWallet(services, openid), capped: credit.value.capped }, ref: entry.id, capped: credit.value.capped }
  },
})
