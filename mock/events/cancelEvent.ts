import { eventIdSchema } from '../../src/contract/schemas'
import { canCallOff } from '../../src/core/events'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { eventFor, organizerEvent } from './events'
import { defineFunction } from '../function'
import { conflict, transition } from '../transitions'
import { closeBudget } from '../treasury/treasury'

/**
 * Its organizer calls an event off before it ends: nobody can sign up or check in any more, what was already
 * paid to attendees stays paid (their bonus entries are in their chains), and the rest of its budget goes back to
 * its purse. Once only.
 */
export const cancelEvent = defineFunction({
  name: 'cancelEvent',
  schema: eventIdSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const event = await organizerEvent(services, who, req.eventId)
    const allowed = canCallOff(event, services.now())
    if (!allowed.ok) throw new CloudError('CONFLICT', allowed.message, allowed.refusal)
    await transition(
      services.store,
      { table: 'events', key: { id: event.id }, column: 'cancelled_at', from: [null], to: toShanghaiIso(services.now()) },
      conflict('This event was already cancelled.', { reason: 'event.alreadyCalledOff' }),
    )
    // What nobody was paid goes back to the purse it was drawn from, at once.
    await closeBudget(services, { table: 'events', id: event.id, budgetPoints: event.budgetPoints, budgetSpent: event.budgetSpent })
    return { event: await eventFor(services, event.id, who.openid) }
  },
})
