import { listReviewQueueSchema } from '../../src/contract/schemas'
import { reviewItem } from './reviews'
import { scopedCommunity } from '../../src/core/community'
import { defineFunction, scopeOf } from '../function'
import { listReviews } from './queries'

/** The check-ins the rules flagged, newest first (organizers only). */
export const listReviewQueue = defineFunction({
  name: 'listReviewQueue',
  schema: listReviewQueueSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(req, who, services) {
    // A community organizer sees their community's queue; a city organizer every one, or the one asked for.
    const communityId = scopedCommunity(scopeOf(who), req.communityId)
    return {
      items: await Promise.all((await listReviews(services.store, req.status ?? 'open', req.limit ?? 50, communityId)).map((r) => reviewItem(services, r))),
    }
  },
})
