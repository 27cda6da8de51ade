import { eventIdSchema } from '../../src/contract/schemas'
import { canCancelSignup } from '../../src/core/events'
import { CloudError } from '../errors'
import { eventFor, eventOrNotFound, givePlaceBack } from './events'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { getSignup } from './queries'

/** Gives a place back (until 2 hours before the start), so someone else can take it. */
export const cancelEventSignup = defineFunction({
  name: 'cancelEventSignup',
  schema: eventIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    await lockCaller(store, who.openid)
    const event = await eventOrNotFound(services, req.eventId)
    const signup = await getSignup(store, event.id, who.openid)
    if (signup?.status === 'cancelled') return { event: await eventFor(services, event.id, who.openid) }
    if (!signup) throw new CloudError('NOT_FOUND', 'You have no place at this event.', { reason: 'event.noPlace' })
    if (signup.status === 'attended') throw new CloudError('CONFLICT', 'Your attendance is already recorded.', { reason: 'event.alreadyAttended' })
    const allowed = canCancelSignup(event, services.now())
    if (!allowed.ok) throw new CloudError('CONFLICT', allowed.message, allowed.refusal)
    await givePlaceBack(services, event.id, who.openid)
    return { event: await eventFor(services, event.id, who.openid) }
  },
})
