import { eventIdSchema } from '../../src/contract/schemas'
import { codeShown, EVENT_CODE_WINDOW_MS, eventCodeText, eventCodeWindow } from '../../src/core/events'
import { CloudError } from '../errors'
import { organizerEvent } from './events'
import { defineFunction } from '../function'
import { displayMac } from '../communities/stationCodes'

/**
 * The attendance code the organizer's phone shows on site: it changes every 30 seconds, so a photo sent to
 * someone at home is useless a minute later.
 */
export const eventDisplayCode = defineFunction({
  name: 'eventDisplayCode',
  schema: eventIdSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(req, who, services) {
    const event = await organizerEvent(services, who, req.eventId)
    const now = services.now()
    const allowed = codeShown(event, now)
    if (!allowed.ok) throw new CloudError('CONFLICT', allowed.message, allowed.refusal)
    const window = eventCodeWindow(now)
    return {
      eventId: event.id,
      code: eventCodeText(event.id, window, displayMac(event.secret, event.id, window)),
      windowStartMs: window * EVENT_CODE_WINDOW_MS,
      windowMs: EVENT_CODE_WINDOW_MS,
    }
  },
})
