import { listReviewQueueSchema } from '../../src/contract/schemas'
import { reviewItem } from '../reviews'
import { defineFunction, inTransaction } from '../function'


/** The check-ins the rules flagged, newest first (organizers only). */
export const listReviewQueue = defineFunction({
  name: 'listReviewQueue',
  schema: listReviewQueueSchema,
  auth: 'organizer',
  async handle(req, _caller, services) {
    return inTransaction(services, async (services) => ({
      items: await Promise.all((await services.store.listReviews(req.status ?? 'open', req.limit ?? 50)).map((r) => reviewItem(services, r))),
    }))
  },
})
