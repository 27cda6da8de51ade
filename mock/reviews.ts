/** The review queue's public shape, shared by the functions that list and decide reviews. */
import type { ReviewItem } from '../src/contract/types'
import type { Services } from './function'
import type { ReviewRecord } from './storage/port'

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
