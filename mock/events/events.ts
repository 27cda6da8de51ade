/** What the event functions share: an event as its reader sees it, and finding one the caller may act on. */
import type { CommunityEvent } from '../../src/contract/types'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { requireScope, type CallerContext, type Services } from '../function'
import { conflict, move, mustMove, transition } from '../transitions'
import type { EventRecord, SignupStatus } from './queries'
import { getEvent, getSignup } from './queries'

export function publicEvent(e: EventRecord, myStatus: SignupStatus | 'none'): CommunityEvent {
  return {
    id: e.id,
    communityId: e.communityId,
    title: e.title,
    ...(e.titleEn ? { titleEn: e.titleEn } : {}),
    place: e.place,
    startsAt: toShanghaiIso(e.startsMs),
    endsAt: toShanghaiIso(e.endsMs),
    slots: e.slots,
    taken: e.taken,
    rewardPoints: e.rewardPoints,
    cancelled: e.cancelledAt !== undefined,
    myStatus,
    ...(e.location ? { location: e.location } : {}),
  }
}

export async function eventOrNotFound(services: Services, eventId: string): Promise<EventRecord> {
  const e = await getEvent(services.store, eventId)
  if (!e) throw new CloudError('NOT_FOUND', `No event with id ${eventId}.`, { reason: 'event.notFound' })
  return e
}

/** An event its organizer acts on: refused when it belongs to another community. */
export async function organizerEvent(services: Services, who: CallerContext, eventId: string): Promise<EventRecord> {
  const event = await eventOrNotFound(services, eventId)
  requireScope(who, event.communityId, 'event')
  return event
}

/** The event as the caller sees it now, with their place in it. */
export async function eventFor(services: Services, eventId: string, openid: string): Promise<CommunityEvent> {
  const e = await eventOrNotFound(services, eventId)
  return publicEvent(e, (await getSignup(services.store, eventId, openid))?.status ?? 'none')
}

/** Takes one of the event's places while one is free (a bounded move on its row: never more than its slots, even racing). */
export async function takePlace(services: Services, event: EventRecord): Promise<void> {
  await move(
    services.store,
    { table: 'events', key: { id: event.id }, column: 'taken', delta: +1, max: 'slots' },
    () =>
      new CloudError('CONFLICT', `All ${event.slots} places are taken.`, {
        reason: 'event.full',
        params: { slots: event.slots },
      }),
  )
}

/** A signed-up place given back (by its resident, or when their account is deleted): the sign-up and the place move together. */
export async function givePlaceBack(services: Services, eventId: string, openid: string): Promise<void> {
  const { store } = services
  await transition(
    store,
    { table: 'event_signups', key: { event_id: eventId, openid }, column: 'status', from: ['signed'], to: 'cancelled' },
    conflict('Your place at this event changed a moment ago: refresh and try again.', { reason: 'event.placeChanged' }),
  )
  await mustMove(store, { table: 'events', key: { id: eventId }, column: 'taken', delta: -1, min: 0 })
}
