/**
 * Deleting an account, and coming back with the same identity. The person is erased (handle, nickname, the link
 * from their entries to them); what limits a person is kept under a keyed hash of the identity they logged in
 * with (src/core/departure says what and for how long), and a new account of that identity starts with it. At
 * deletion their held vouchers are voided (stock back), their event places given back, and the groups they led
 * passed on (or closed when nobody is left).
 */
import { createHmac } from 'node:crypto'
import {
  CARRIED_SHORT_MS,
  CARRIED_TRIP_ID,
  carriedUntilMs,
  completionUntilMs,
  counterUntilMs,
  liveCarried,
  mergeCarried,
  oldestCarriedDay,
  parseCarried,
  type CarriedLimits,
} from '../src/core/departure'
import { displayWindow } from '../src/core/stationCode'
import { shanghaiDay, toShanghaiIso } from '../src/core/time'
import { attendanceOpen, runsEvent } from '../src/core/events'
import { tripOverlapWindowMs } from '../src/core/farming'
import { leaveGroupChallenges } from './challenges'
import { givePlaceBack } from './events'
import type { CallerContext, Services } from './function'
import { lockCaller } from './idempotency'
import { closeWithRefund } from './rewards'
import { conflict, transition } from './transitions'

const SIGNUPS_LOOKED_AT = 500
/** Events of an organizer's scope looked at for the ones on now (a city has few at once). */
const EVENTS_IN_SCOPE = 500

/** The keyed hash an identity's limits are kept under: never the handle or WeChat's openid itself. */
export function identityHash(services: Pick<Services, 'identitySecret'>, handle: string): string {
  return createHmac('sha256', services.identitySecret).update(`identity:${handle}`).digest('hex')
}

/** What limits this person now, as src/core/departure carries it. Inside the deletion's transaction, after the voids. */
async function limitsOf(services: Services, who: CallerContext): Promise<CarriedLimits> {
  const { openid } = who
  const { store } = services
  const nowMs = services.now()
  const backdate = services.rules.maxBackdateHours
  const counters = (await store.dayCountersSince(openid, oldestCarriedDay(nowMs, backdate))).map((r) => ({ ...r, untilMs: counterUntilMs(r.day, backdate) }))
  const trips = (await store.recentTrips(openid)).map(({ entryId: _id, ...t }) => ({ ...t, untilMs: t.endMs + tripOverlapWindowMs(backdate) }))
  const holdings = [...(await store.heldRedemptionCounts(openid))].map(([rewardId, held]) => ({ rewardId, held }))
  const completions: CarriedLimits['completions'] = []
  for (const p of await store.participationsOf(openid)) {
    if (p.completedMs === undefined) continue
    const c = await store.getChallenge(p.challengeId)
    if (c) completions.push({ challengeId: c.id, completedMs: p.completedMs, untilMs: completionUntilMs(c.endDay, backdate) })
  }
  const attended: CarriedLimits['attended'] = []
  for (const s of await store.signupsOf(openid, SIGNUPS_LOOKED_AT)) {
    if (s.status !== 'attended') continue
    const e = await store.getEvent(s.eventId)
    if (e && e.endsMs > nowMs) attended.push({ eventId: e.id, attendedAt: s.attendedAt ?? s.signedAt, untilMs: e.endsMs })
  }
  const displayUses = (await store.displayUsesSince(openid, displayWindow(nowMs) - 2)).map((u) => ({ ...u, untilMs: nowMs + CARRIED_SHORT_MS }))
  const stationDrops = (await store.stationDropsOf(openid)).map((d) => ({ ...d, untilMs: nowMs + CARRIED_SHORT_MS }))
  // What they ran is what they may not be paid by, whatever account they come back with.
  const notPaidBy = (await store.refsRunBy(openid, shanghaiDay(nowMs), nowMs)).map((r) => ({
    ref: r.ref,
    untilMs: r.endsMs ?? completionUntilMs(r.endDay as string, backdate),
  }))
  // An organizer could show any attendance code of their scope: the events on now are theirs to be unpaid by too.
  if (who.organizerScope) {
    const scope = who.organizerScope.communityId ?? undefined
    for (const e of await store.listEvents(scope, false, nowMs, EVENTS_IN_SCOPE)) {
      if (runsEvent(e, who) && attendanceOpen(e, nowMs).ok) notPaidBy.push({ ref: e.id, untilMs: e.endsMs })
    }
  }
  return liveCarried({ counters, trips, holdings, completions, attended, displayUses, stationDrops, notPaidBy }, nowMs)
}

/**
 * Deletes the caller's account in the caller's transaction. Its wallet row is locked first and closed with the
 * erasure (a call of theirs racing this one waits on the lock and is refused once this commits); vouchers, places
 * and groups are settled, the limits carried, and the person erased.
 */
export async function depart(services: Services, who: CallerContext): Promise<void> {
  const { store } = services
  const { openid } = who
  await lockCaller(store, openid)
  const user = await store.findUser(openid)
  if (!user) return
  const at = toShanghaiIso(services.now())
  const nowMs = services.now()
  // Held vouchers are voided: the points come back into the (closing) wallet, the unit back into stock.
  for (const r of await store.listRedemptions(openid)) {
    if (r.status === 'pending') await closeWithRefund(services, r, 'cancelled', conflict('A voucher of this account changed a moment ago; try deleting again.'))
  }
  // Places at events still to come are given back for someone else.
  for (const s of await store.signupsOf(openid, SIGNUPS_LOOKED_AT)) {
    if (s.status !== 'signed') continue
    const e = await store.getEvent(s.eventId)
    if (e && e.endsMs > nowMs) await givePlaceBack(services, e.id, openid)
  }
  // Groups: progress leaves with the member; a group they led passes to its longest-standing member, or closes.
  for (const g of await store.groupsOf(openid)) {
    await leaveGroupChallenges(services, g.id, openid)
    await store.removeMember(g.id, openid)
    if (g.leader !== openid) continue
    const successor = (await store.groupMembers(g.id)).find((m) => m.openid !== openid)
    if (successor) {
      await transition(store, { table: 'groups', key: { id: g.id }, column: 'leader', from: [openid], to: successor.openid }, conflict('A group of this account changed a moment ago; try deleting again.'))
    } else {
      await transition(store, { table: 'groups', key: { id: g.id }, column: 'closed_at', from: [null], to: at }, conflict('A group of this account changed a moment ago; try deleting again.'))
    }
  }
  const hash = identityHash(services, user.handle)
  const earlier = await store.departedLimits(hash)
  const carried = mergeCarried(liveCarried(parseCarried(earlier?.carried), nowMs), await limitsOf(services, who))
  await store.saveDepartedLimits(hash, JSON.stringify(carried), carriedUntilMs(carried), at)
  await transition(store, { table: 'wallets', key: { openid }, column: 'closed_at', from: [null], to: at }, conflict('This account is already being deleted.'))
  await store.anonymiseUser(openid, at)
}

/**
 * A new account of an identity that left: it starts with the limits the departure kept, which move onto it (the
 * departed row goes, so a second deletion carries them once). Inside the transaction that created the account.
 */
export async function restoreDeparted(services: Services, openid: string, handle: string): Promise<void> {
  const { store } = services
  const hash = identityHash(services, handle)
  const row = await store.departedLimits(hash)
  if (!row) return
  const nowMs = services.now()
  const c = liveCarried(parseCarried(row.carried), nowMs)
  await store.lockPerson(openid)
  for (const r of c.counters) await store.addCreditedGrams(openid, r.key, r.day, r.grams)
  if (c.trips.length > 0) await store.saveTrips(openid, c.trips.map(({ untilMs: _u, ...t }) => ({ ...t, entryId: CARRIED_TRIP_ID })))
  for (const h of c.holdings) await store.addRewardHolding(openid, h.rewardId, h.held)
  for (const done of c.completions) await store.insertCarriedParticipant(done.challengeId, openid, done.completedMs, nowMs)
  // An attendance carried over holds no place: the earlier account's row still counts the one this person took.
  for (const e of c.attended) await store.insertSignup({ eventId: e.eventId, openid, status: 'attended', signedAt: e.attendedAt, attendedAt: e.attendedAt })
  for (const u of c.displayUses) await store.useDisplayCode(openid, u.stationCode, u.window)
  for (const d of c.stationDrops) await store.saveStationDrops(openid, d.stationCode, d.drops)
  for (const n of c.notPaidBy) await store.insertUnpaidBy(openid, n.ref, n.untilMs)
  await store.forgetDeparted(hash)
}
