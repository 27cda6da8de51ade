/**
 * Deleting an account, and coming back with the same identity. The person is erased (handle, nickname, the link
 * from their entries to them); what limits a person is kept under a keyed hash of the identity they logged in
 * with (src/core/departure says what and for how long), and a new account of that identity starts with it. At
 * deletion their held vouchers are voided (stock back), their event places given back, and the groups they led
 * passed on (or closed when nobody is left).
 */
import { forgetPartnerLinksOf } from '../partners/queries'
import { forgetStaffOf } from '../merchants/queries'
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
} from '../../src/core/departure'
import { displayWindow } from '../../src/core/stationCode'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { attendanceOpen, runsEvent } from '../../src/core/events'
import { tripOverlapWindowMs } from '../../src/core/farming'
import { leaveGroupChallenges } from '../challenges/challenges'
import { givePlaceBack } from '../events/events'
import type { CallerContext, Services } from '../function'
import { lockCaller } from '../idempotency'
import { closeWithRefund } from '../rewards/rewards'
import { conflict, transition } from '../transitions'
import {
  dayCountersSince,
  displayUsesSince,
  stationDropsOf,
  refsRunBy,
  findUser,
  departedLimits,
  saveDepartedLimits,
  anonymiseUser,
  insertUnpaidBy,
  forgetDeparted,
} from './queries'
import { recentTrips, lockPerson, addCreditedGrams, saveTrips } from '../wallet/queries'
import { heldRedemptionCounts, listRedemptions, addRewardHolding } from '../rewards/queries'
import { participationsOf, getChallenge, insertCarriedParticipant } from '../challenges/queries'
import { signupsOf, getEvent, listEvents, insertSignup } from '../events/queries'
import { groupsOf, removeMember, groupMembers } from '../challenges/groupQueries'
import { useDisplayCode } from '../communities/queries'
import { saveStationDrops } from '../reviews/queries'

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
  const counters = (await dayCountersSince(store, openid, oldestCarriedDay(nowMs, backdate))).map((r) => ({ ...r, untilMs: counterUntilMs(r.day, backdate) }))
  const trips = (await recentTrips(store, openid)).map(({ entryId: _id, ...t }) => ({ ...t, untilMs: t.endMs + tripOverlapWindowMs(backdate) }))
  const holdings = [...(await heldRedemptionCounts(store, openid))].map(([rewardId, held]) => ({ rewardId, held }))
  const completions: CarriedLimits['completions'] = []
  for (const p of await participationsOf(store, openid)) {
    if (p.completedMs === undefined) continue
    const c = await getChallenge(store, p.challengeId)
    if (c) completions.push({ challengeId: c.id, completedMs: p.completedMs, untilMs: completionUntilMs(c.endDay, backdate) })
  }
  const attended: CarriedLimits['attended'] = []
  for (const s of await signupsOf(store, openid, SIGNUPS_LOOKED_AT)) {
    if (s.status !== 'attended') continue
    const e = await getEvent(store, s.eventId)
    if (e && e.endsMs > nowMs) attended.push({ eventId: e.id, attendedAt: s.attendedAt ?? s.signedAt, untilMs: e.endsMs })
  }
  const displayUses = (await displayUsesSince(store, openid, displayWindow(nowMs) - 2)).map((u) => ({ ...u, untilMs: nowMs + CARRIED_SHORT_MS }))
  const stationDrops = (await stationDropsOf(store, openid)).map((d) => ({ ...d, untilMs: nowMs + CARRIED_SHORT_MS }))
  // What they ran is what they may not be paid by, whatever account they come back with.
  const notPaidBy = (await refsRunBy(store, openid, shanghaiDay(nowMs), nowMs)).map((r) => ({
    ref: r.ref,
    untilMs: r.endsMs ?? completionUntilMs(r.endDay as string, backdate),
  }))
  // An organizer could show any attendance code of their scope: the events on now are theirs to be unpaid by too.
  if (who.organizerScope) {
    const scope = who.organizerScope.communityId ?? undefined
    for (const e of await listEvents(store, scope, false, nowMs, EVENTS_IN_SCOPE)) {
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
  const user = await findUser(store, openid)
  if (!user) return
  const at = toShanghaiIso(services.now())
  const nowMs = services.now()
  // Held vouchers are voided: the points come back into the (closing) wallet, the unit back into stock.
  for (const r of await listRedemptions(store, openid)) {
    if (r.status === 'pending')
      await closeWithRefund(
        services,
        r,
        'cancelled',
        conflict('A voucher of this account changed a moment ago; try deleting again.', { reason: 'account.changedMeanwhile' }),
      )
  }
  // Places at events still to come are given back for someone else.
  for (const s of await signupsOf(store, openid, SIGNUPS_LOOKED_AT)) {
    if (s.status !== 'signed') continue
    const e = await getEvent(store, s.eventId)
    if (e && e.endsMs > nowMs) await givePlaceBack(services, e.id, openid)
  }
  // Groups: progress leaves with the member; a group they led passes to its longest-standing member, or closes.
  for (const g of await groupsOf(store, openid)) {
    await leaveGroupChallenges(services, g.id, openid)
    await removeMember(store, g.id, openid)
    if (g.leader !== openid) continue
    const successor = (await groupMembers(store, g.id)).find((m) => m.openid !== openid)
    if (successor) {
      await transition(
        store,
        { table: 'groups', key: { id: g.id }, column: 'leader', from: [openid], to: successor.openid },
        conflict('A group of this account changed a moment ago; try deleting again.', { reason: 'account.changedMeanwhile' }),
      )
    } else {
      await transition(
        store,
        { table: 'groups', key: { id: g.id }, column: 'closed_at', from: [null], to: at },
        conflict('A group of this account changed a moment ago; try deleting again.', { reason: 'account.changedMeanwhile' }),
      )
    }
  }
  const hash = identityHash(services, user.handle)
  const earlier = await departedLimits(store, hash)
  const carried = mergeCarried(liveCarried(parseCarried(earlier?.carried), nowMs), await limitsOf(services, who))
  await saveDepartedLimits(store, hash, JSON.stringify(carried), carriedUntilMs(carried), at)
  await transition(
    store,
    { table: 'wallets', key: { openid }, column: 'closed_at', from: [null], to: at },
    conflict('This account is already being deleted.', { reason: 'account.beingDeleted' }),
  )
  // Partners' user ids leave with the person: a partner's later rows about them are refused as unlinked.
  await forgetPartnerLinksOf(store, openid)
  // A departing person is no longer anyone's staff: no one verifies at a counter under a deleted identity.
  await forgetStaffOf(store, openid)
  await anonymiseUser(store, openid, at)
}

/**
 * A new account of an identity that left: it starts with the limits the departure kept, which move onto it (the
 * departed row goes, so a second deletion carries them once). Inside the transaction that created the account.
 */
export async function restoreDeparted(services: Services, openid: string, handle: string): Promise<void> {
  const { store } = services
  const hash = identityHash(services, handle)
  const row = await departedLimits(store, hash)
  if (!row) return
  const nowMs = services.now()
  const c = liveCarried(parseCarried(row.carried), nowMs)
  await lockPerson(store, openid)
  for (const r of c.counters) await addCreditedGrams(store, openid, r.key, r.day, r.grams)
  if (c.trips.length > 0)
    await saveTrips(
      store,
      openid,
      c.trips.map(({ untilMs: _u, ...t }) => ({ ...t, entryId: CARRIED_TRIP_ID })),
    )
  for (const h of c.holdings) await addRewardHolding(store, openid, h.rewardId, h.held)
  for (const done of c.completions) await insertCarriedParticipant(store, done.challengeId, openid, done.completedMs, nowMs)
  // An attendance carried over holds no place: the earlier account's row still counts the one this person took.
  for (const e of c.attended) await insertSignup(store, { eventId: e.eventId, openid, status: 'attended', signedAt: e.attendedAt, attendedAt: e.attendedAt })
  for (const u of c.displayUses) await useDisplayCode(store, openid, u.stationCode, u.window)
  for (const d of c.stationDrops) await saveStationDrops(store, openid, d.stationCode, d.drops)
  for (const n of c.notPaidBy) await insertUnpaidBy(store, openid, n.ref, n.untilMs)
  await forgetDeparted(store, hash)
}
