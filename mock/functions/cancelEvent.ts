import { eventIdSchema } from '../../src/contract/schemas'
import { canCallOff } from '../../src/core/events'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { eventFor, organizerEvent } from '../events'
import { defineFunction, inTransaction } from '../function'

/**
 * Its organizer calls an event off before it ends: nobody can sign up or check in any more, and what was already
 * paid to attendees stays paid (their bonus entries are in their chains). Once only.
 */
export const cancelEvent = defineFunction({
  name: 'cancelEvent',
  schema: eventIdSchema,
  auth: 'organizer',
  async handle(req, who, services) {
    return inTransaction(services, async (services) => {
      const event = await organizerEvent(services, who, req.eventId)
      const allowed = canCallOff(event, services.now())
      if (!allowed.ok) throw new CloudError('CONFLICT', allowed.message)
      if (!(await services.store.cancelEvent(event.id, toShanghaiIso(services.now())))) throw new CloudError('CONFLICT', 'This event was already cancelled.')
      return { event: await eventFor(services, event.id, who.openid) }
    })
  },
})
