import { createEventSchema } from '../../src/contract/schemas'
import { eventBudget, planEvent } from '../../src/core/events'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { eventFor } from './events'
import { communityToSave, requireCommunity } from '../communities/communities'
import { defineIdempotentFunction, type CallerContext } from '../function'
import { newStationSecret } from '../communities/stationCodes'
import { fundBudget } from '../treasury/treasury'
import { insertEvent } from './queries'

/** Where the event is held: a community organizer's own community only (checked again before any replay). */
function eventCommunity(req: { communityId?: string }, who: CallerContext): string {
  return communityToSave(who, req.communityId, undefined, 'A community organizer runs events for their own community only.', {
    reason: 'ownCommunityOnly.events',
  })
}

/**
 * An organizer announces an event for their community (a city organizer: for any, or the whole city). Its budget,
 * every place times the reward, is drawn at once from the organizer's purse (a community's allowance, or the
 * city's from the treasury) and recorded with who and when, so every point an attendee is paid traces to an
 * issuance (auditEconomy checks it); an organizer creates no points. Exactly once per requestId.
 */
export const createEvent = defineIdempotentFunction({
  name: 'createEvent',
  schema: createEventSchema,
  auth: 'organizer',
  transaction: 'write',
  idempotent: {
    before: (req, who) => void eventCommunity(req, who),
    replay: async (recorded, _req, who, services) => ({ event: await eventFor(services, recorded.resultRef, who.openid) }),
  },
  async handle(req, who, services) {
    const communityId = eventCommunity(req, who)
    const startsMs = Date.parse(req.startsAt)
    const endsMs = Date.parse(req.endsAt)
    const { store } = services
    const plan = planEvent(startsMs, endsMs, services.now())
    if (!plan.ok) throw new CloudError('INVALID_ARGUMENT', plan.message, plan.refusal)
    await requireCommunity(services, communityId)
    const createdAt = toShanghaiIso(services.now())
    const event = {
      id: services.newId('ev'),
      communityId,
      title: req.title,
      titleEn: req.titleEn ?? '',
      place: req.place,
      startsMs,
      endsMs,
      slots: req.slots,
      taken: 0,
      rewardPoints: req.rewardPoints,
      budgetPoints: 0,
      budgetSpent: 0,
      secret: newStationSecret(),
      creator: who.openid,
      createdAt,
      ...(req.location ? { location: req.location } : {}),
    }
    await insertEvent(store, event)
    const budget = eventBudget(req.slots, req.rewardPoints)
    if (budget > 0) await fundBudget(services, who, { table: 'events', id: event.id }, budget, `event ${event.id}: ${req.title}`)
    return { answer: { event: await eventFor(services, event.id, who.openid) }, ref: event.id }
  },
})
