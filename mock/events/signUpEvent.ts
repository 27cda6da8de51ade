import { eventIdSchema } from '../../src/contract/schemas'
import { offeredTo } from '../../src/core/community'
import { canSignUp } from '../../src/core/events'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { eventFor, eventOrNotFound, takePlace } from './events'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { conflict, transition } from '../transitions'
import { communityOf } from '../communities/queries'
import { getSignup, insertSignup } from './queries'

/** Takes a place at an event of the resident's community (or the city's) while one is free. Again: no change. */
export const signUpEvent = defineFunction({
  name: 'signUpEvent',
  schema: eventIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    // One sign-up of this person at a time: a double tap cannot take two places.
    await lockCaller(store, who.openid)
    const event = await eventOrNotFound(services, req.eventId)
    if (!offeredTo(event.communityId, (await communityOf(store, who.openid)).communityId)) {
      throw new CloudError('PERMISSION_DENIED', 'This event is for the residents of another community.', { reason: 'event.otherCommunity' })
    }
    const existing = await getSignup(store, event.id, who.openid)
    if (existing?.status === 'signed' || existing?.status === 'attended') return { event: await eventFor(services, event.id, who.openid) }
    const allowed = canSignUp(event, services.now())
    if (!allowed.ok) throw new CloudError('CONFLICT', allowed.message, allowed.refusal)
    await takePlace(services, event)
    const signedAt = toShanghaiIso(services.now())
    if (existing) {
      await transition(
        store,
        {
          table: 'event_signups',
          key: { event_id: event.id, openid: who.openid },
          column: 'status',
          from: ['cancelled'],
          to: 'signed',
          set: { signed_at: signedAt },
        },
        conflict('Your place at this event changed a moment ago: refresh and try again.', { reason: 'event.placeChanged' }),
      )
    } else {
      await insertSignup(store, { eventId: event.id, openid: who.openid, status: 'signed', signedAt })
    }
    return { event: await eventFor(services, event.id, who.openid) }
  },
})
