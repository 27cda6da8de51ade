/**
 * Public-welfare events (tree planting, clean-ups, second-hand markets): who may sign up or cancel and when,
 * when attendance is open, what the budget is, and the rotating code an organizer shows on site. The HMAC that
 * signs the code is the cloud's; the format and the windows are rules, here.
 */
import { EVENT_LIMITS } from '../contract/constants'
import type { ErrorReason } from '../contract/errors'
import { DISPLAY_WINDOW_MS, displayWindow, rotatingCodeFormat, windowAccepted } from './stationCode'
import { isDay } from './time'
import { canActOn, type OrganizerScope } from './community'
import { distanceM, type Position } from './geo'

export { EVENT_LIMITS }

export { DISPLAY_WINDOW_MS as EVENT_CODE_WINDOW_MS }

export interface EventTimes {
  startsMs: number
  endsMs: number
  cancelledAt?: string
}

/** Every place is paid from the budget the organizer funds when the event is created. */
export function eventBudget(slots: number, rewardPoints: number): number {
  return slots * rewardPoints
}

/** A refusal carries the English sentence and the reason the app words it from in the resident's language. */
export type EventRefusal = { ok: true } | { ok: false; message: string; refusal: ErrorReason }

const ok: EventRefusal = { ok: true }
const no = (message: string, refusal: ErrorReason): EventRefusal => ({ ok: false, message, refusal })
const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000

export function planEvent(startsMs: number, endsMs: number, nowMs: number): EventRefusal {
  if (!(endsMs > startsMs)) return no('endsAt must be after startsAt.', { reason: 'event.endsBeforeStart' })
  if (endsMs - startsMs > EVENT_LIMITS.maxDurationMs) {
    return no('An event lasts at most 24 hours.', { reason: 'event.tooLong', params: { maxHours: EVENT_LIMITS.maxDurationMs / HOUR_MS } })
  }
  if (endsMs <= nowMs) return no('This event would already be over.', { reason: 'event.alreadyOver' })
  if (startsMs - nowMs > EVENT_LIMITS.maxLeadMs) return no('An event can be announced at most a year ahead.', { reason: 'event.tooFarAhead' })
  return ok
}

export function canSignUp(e: EventTimes, nowMs: number): EventRefusal {
  if (e.cancelledAt) return no('This event was cancelled.', { reason: 'event.cancelled' })
  if (nowMs >= e.endsMs) return no('This event is over.', { reason: 'event.over' })
  return ok
}

export function canCancelSignup(e: EventTimes, nowMs: number): EventRefusal {
  if (nowMs > e.startsMs - EVENT_LIMITS.cancelBeforeMs) {
    return no('A place can be given back until 2 hours before the start; after that, just do not come.', {
      reason: 'event.cancelTooLate',
      params: { hours: EVENT_LIMITS.cancelBeforeMs / HOUR_MS },
    })
  }
  return ok
}

/** Attendance is recorded on site only: from a little before the start until the end. */
export function attendanceOpen(e: EventTimes, nowMs: number): EventRefusal {
  if (e.cancelledAt) return no('This event was cancelled.', { reason: 'event.cancelled' })
  if (nowMs < e.startsMs - EVENT_LIMITS.earlyArrivalMs) {
    return no('Attendance opens 30 minutes before the event starts.', {
      reason: 'event.attendanceNotOpen',
      params: { minutes: EVENT_LIMITS.earlyArrivalMs / MINUTE_MS },
    })
  }
  if (nowMs > e.endsMs) return no('This event is over: attendance can no longer be recorded.', { reason: 'event.attendanceClosed' })
  return ok
}

/** The organizer's phone shows the attendance code until the event ends, unless it was called off. */
export function codeShown(e: EventTimes, nowMs: number): EventRefusal {
  if (e.cancelledAt) return no('This event was cancelled.', { reason: 'event.cancelled' })
  if (nowMs > e.endsMs) return no('This event is over.', { reason: 'event.over' })
  return ok
}

/** An event that checks attendance on site: its place, and how far from it a phone may be. */
export interface EventLocation extends Position {
  radiusM: number
}

/** A phone's reported accuracy counts in the attendee's favour up to this much (a phone indoors reports 50–100 m). */
export const LOCATION_ACCURACY_ALLOWANCE_M = 100

/**
 * The location check of attendance, for an event that asks for it: the phone's position within the event's radius
 * (plus its reported accuracy, up to LOCATION_ACCURACY_ALLOWANCE_M). A second factor beside the rotating code, not
 * proof: a phone can report any position. Answers the distance, kept with the attendance as evidence.
 */
export function locationCheck(
  at: EventLocation | undefined,
  phone: (Position & { accuracyM?: number }) | undefined,
): { ok: true; distanceM?: number } | { ok: false; message: string; refusal: ErrorReason; missing: boolean } {
  if (!at) return { ok: true }
  if (!phone) {
    const message = "This event checks that attendees are on site: allow the app to use your phone's location, then scan again."
    return { ok: false, missing: true, message, refusal: { reason: 'event.locationNeeded' } }
  }
  const d = distanceM(at, phone)
  const slack = Math.min(Math.max(0, phone.accuracyM ?? 0), LOCATION_ACCURACY_ALLOWANCE_M)
  if (d > at.radiusM + slack) {
    const message = `Your phone reports ${d} m from the event's place; attendance is recorded within ${at.radiusM} m of it.`
    return { ok: false, missing: false, message, refusal: { reason: 'event.tooFar', params: { distanceM: d, radiusM: at.radiusM } } }
  }
  return { ok: true, distanceM: d }
}

/**
 * Separation of duties: whoever runs an event — its creator, or an organizer who may show its attendance code —
 * may still take part, but is paid nothing by it (they could otherwise pay themselves with their own screen).
 */
export function runsEvent(e: { creator: string; communityId: string }, person: { openid: string; organizerScope?: OrganizerScope }): boolean {
  return e.creator === person.openid || (person.organizerScope !== undefined && canActOn(person.organizerScope, e.communityId))
}

/** An event can be called off until it ends (once: the store refuses a second time). */
export function canCallOff(e: EventTimes, nowMs: number): EventRefusal {
  if (nowMs > e.endsMs) return no('This event is over: there is nothing left to call off.', { reason: 'event.overNothingToCallOff' })
  return ok
}

const EVENT_CODE = rotatingCodeFormat('GLE', '[A-Za-z0-9_-]{1,64}')

export const eventCodeText = EVENT_CODE.text

export function parseEventCode(text: string): { eventId: string; window: number; mac: string } | undefined {
  const code = EVENT_CODE.parse(text)
  return code && { eventId: code.subject, window: code.window, mac: code.mac }
}

export { displayWindow as eventCodeWindow, windowAccepted as eventCodeAccepted }

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * A day ('YYYY-MM-DD') and a time ('HH:mm') on the Asia/Shanghai clock as an ISO instant (Shanghai keeps +08:00
 * all year), or undefined when either is malformed.
 */
export function shanghaiInstant(day: string, clock: string): string | undefined {
  return isDay(day.trim()) && CLOCK.test(clock.trim()) ? `${day.trim()}T${clock.trim()}:00+08:00` : undefined
}

/** "12-05 09:00–11:00" from an event's Shanghai-time instants (a second day is named when it ends on one). */
export function eventWhen(startsAt: string, endsAt: string): string {
  const sameDay = startsAt.slice(0, 10) === endsAt.slice(0, 10)
  return `${startsAt.slice(5, 10)} ${startsAt.slice(11, 16)}–${sameDay ? '' : `${endsAt.slice(5, 10)} `}${endsAt.slice(11, 16)}`
}
