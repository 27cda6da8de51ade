import { attendEventSchema } from '../../src/contract/schemas'
import { attendanceOpen, eventCodeAccepted, locationCheck, parseEventCode, runsEvent } from '../../src/core/events'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { eventFor, eventOrNotFound } from './events'
import { defineIdempotentFunction } from '../function'
import { appendEntry, publicWallet } from '../wallet/ledger'
import { macMatches } from '../communities/stationCodes'
import { conflict, move, transition } from '../transitions'
import { getEntry } from '../wallet/queries'
import { getSignup } from './queries'
import { isUnpaidBy } from '../identity/queries'

function codeOf(req: { code: string }) {
  const parsed = parseEventCode(req.code)
  if (!parsed)
    throw new CloudError('INVALID_ARGUMENT', "That is not an event's attendance code: scan the code on the organizer's screen.", { reason: 'event.notACode' })
  return parsed
}

/**
 * On site, a resident with a place scans the organizer's rotating code: attendance is recorded once, only while
 * the event is on, and the reward is paid once from the event's budget, in the same transaction (a bonus entry
 * in the resident's chain, referring to the event). Whoever runs the event is recorded but not paid. Exactly once
 * per requestId.
 */
export const attendEvent = defineIdempotentFunction({
  name: 'attendEvent',
  schema: attendEventSchema,
  auth: 'session',
  transaction: 'write',
  idempotent: {
    before: (req) => void codeOf(req),
    async replay(recorded, req, who, services) {
      const entry = recorded.resultRef.startsWith('e_') ? await getEntry(services.store, who.openid, recorded.resultRef) : undefined
      return { event: await eventFor(services, codeOf(req).eventId, who.openid), ...(entry ? { entry } : {}), wallet: await publicWallet(services, who.openid) }
    },
  },
  async handle(req, who, services) {
    const parsed = codeOf(req)
    const { store } = services
    const event = await eventOrNotFound(services, parsed.eventId)
    const nowMs = services.now()
    if (!eventCodeAccepted(parsed.window, nowMs) || !macMatches(event.secret, event.id, parsed.window, parsed.mac)) {
      throw new CloudError(
        'INVALID_ARGUMENT',
        "That code has expired or is not this event's (it changes every 30 seconds): scan the organizer's screen again.",
        {
          reason: 'event.codeExpired',
        },
      )
    }
    const open = attendanceOpen(event, nowMs)
    if (!open.ok) throw new CloudError('CONFLICT', open.message, open.refusal)
    const signup = await getSignup(store, event.id, who.openid)
    if (signup?.status === 'attended')
      throw new CloudError('CONFLICT', 'Your attendance at this event is already recorded.', { reason: 'event.alreadyAttended' })
    if (signup?.status !== 'signed')
      throw new CloudError('PERMISSION_DENIED', 'Only residents with a place can record attendance: sign up first.', { reason: 'event.signUpFirst' })
    // An event may also ask for the phone's location: a second factor beside the code (a screenshot travels; a
    // phone's position must be lied about), kept with the attendance as its distance.
    const onSite = locationCheck(event.location, req.location)
    if (!onSite.ok) throw new CloudError(onSite.missing ? 'INVALID_ARGUMENT' : 'PERMISSION_DENIED', onSite.message, onSite.refusal)
    let entry
    // Whoever runs it, now or under an earlier account of the same identity, takes part unpaid.
    if (event.rewardPoints > 0 && !runsEvent(event, who) && !(await isUnpaidBy(store, who.openid, event.id))) {
      await move(
        store,
        { table: 'events', key: { id: event.id }, column: 'budget_spent', delta: event.rewardPoints, max: 'budget_points' },
        () => new CloudError('CONFLICT', 'This event has no budget left to pay attendance.', { reason: 'event.budgetSpent' }),
      )
      entry = (await appendEntry(services, who.openid, { type: 'bonus', gramsCo2e: 0, points: event.rewardPoints, day: shanghaiDay(nowMs), ref: event.id }))
        .entry
    }
    await transition(
      store,
      {
        table: 'event_signups',
        key: { event_id: event.id, openid: who.openid },
        column: 'status',
        from: ['signed'],
        to: 'attended',
        set: { attended_at: toShanghaiIso(nowMs), bonus_entry_id: entry?.id ?? null, distance_m: onSite.distanceM ?? null },
      },
      conflict('Your place at this event changed a moment ago: refresh and try again.', { reason: 'event.placeChanged' }),
    )
    return {
      answer: { event: await eventFor(services, event.id, who.openid), ...(entry ? { entry } : {}), wallet: await publicWallet(services, who.openid) },
      ref: entry?.id ?? `attended:${event.id}`,
    }
  },
})
