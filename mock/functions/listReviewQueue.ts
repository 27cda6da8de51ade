import { listReviewQueueSchema } from '../../src/contract/schemas'
import type { ReviewItem } from '../../src/contract/types'
import { parse, requireCaller, type CloudFunction, type Services, inTransaction } from '../function'
import type { ReviewRecord } from '../storage/port'
import { requireOrganizer } from '../rewards'

export async function reviewItem(services: Services, r: ReviewRecord): Promise<ReviewItem> {
  const entry = await services.store.getEntry(r.openid, r.entryId)
  if (!entry) throw new Error(`review ${r.id} points at a missing entry`)
  const item: ReviewItem = {
    id: r.id,
    status: r.status,
    reasons: r.reasons,
    createdAt: r.createdAt,
    nickname: (await services.store.findUser(r.openid))?.nickname ?? '—',
    entry,
  }
  if (r.decidedAt) item.decidedAt = r.decidedAt
  if (r.adjustEntryId) item.adjustEntryId = r.adjustEntryId
  return item
}

/** The check-ins the rules flagged, newest first (organizers only). */
export const listReviewQueue: CloudFunction<'listReviewQueue'> = {
  name: 'listReviewQueue',
  requiresSession: true,
  handle(data, caller, services) {
    const req = parse(listReviewQueueSchema, data)
    requireOrganizer(requireCaller(caller))
    return inTransaction(services, async (services) => ({
      items: await Promise.all((await services.store.listReviews(req.status ?? 'open', req.limit ?? 50)).map((r) => reviewItem(services, r))),
    }))
  },
}
