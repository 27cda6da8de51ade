import { listEventsSchema } from '../../src/contract/schemas'
import { EVENT_LIMITS } from '../../src/core/events'
import { publicEvent } from './events'
import { defineFunction, sequentially } from '../function'
import { listEvents as listEventsQuery, getSignup } from './queries'
import { communityOf } from '../communities/queries'

const MANAGE_LOOKBACK_MS = 30 * 24 * 3_600_000
const MANAGE_LIMIT = 100

/**
 * A resident sees the events offered to them (their community's and the city's) that are not over, with their
 * place in each; an organizer managing sees the events they run, the last 30 days' included.
 */
export const listEvents = defineFunction({
  name: 'listEvents',
  schema: listEventsSchema,
  auth: 'session',
  transaction: 'read',
  async handle(req, who, services) {
    const { store } = services
    const nowMs = services.now()
    if (req.manage && who.organizerScope) {
      const scope = who.organizerScope.communityId ?? undefined
      const events = await listEventsQuery(store, scope, false, nowMs - MANAGE_LOOKBACK_MS, MANAGE_LIMIT)
      return { events: events.map((e) => publicEvent(e, 'none')) }
    }
    const { communityId } = await communityOf(store, who.openid)
    const events = await listEventsQuery(store, communityId, true, nowMs, EVENT_LIMITS.listLimit)
    return { events: await sequentially(events, async (e) => publicEvent(e, (await getSignup(store, e.id, who.openid))?.status ?? 'none')) }
  },
})
