/** The review queue's public shape, shared by the functions that list and decide reviews, and flags raised late. */
import type { ReviewItem } from '../../src/contract/types'
import { spendablePoints, type ReviewReason } from '../../src/core/review'
import type { Services } from '../function'
import { applyToChallenges } from '../challenges/challenges'
import type { ReviewRecord } from './queries'
import { lockPerson, getEntry, getWallet, addHeldPoints } from '../wallet/queries'
import { reviewOfEntry, insertReview } from './queries'
import { communityOf } from '../communities/queries'
import { findUser } from '../identity/queries'

/**
 * Puts an entry credited earlier in the review queue, when something found later makes it suspect (its display
 * code turned out to be shared). Its points are held as far as they are still unspent; the review records how much
 * it holds, so its decision releases exactly that. An entry already in the queue is left as it is.
 */
export async function flagEarlierEntry(services: Services, openid: string, entryId: string, reasons: ReviewReason[]): Promise<void> {
  const { store } = services
  await lockPerson(store, openid)
  if (await reviewOfEntry(store, entryId)) return
  const entry = await getEntry(store, openid, entryId)
  if (!entry) throw new Error(`entry ${entryId} to flag is missing`)
  const hold = Math.max(0, Math.min(entry.points, spendablePoints(await getWallet(store, openid))))
  const { communityId } = await communityOf(store, openid)
  const reviewId = services.newId('rv')
  await insertReview(store, { id: reviewId, entryId, openid, reasons, status: 'open', createdAt: entry.createdAt, communityId, heldPoints: hold })
  if (hold > 0) await addHeldPoints(store, openid, hold)
  // Its share of challenge progress waits for the review now, and a bonus that rested on it is held with it.
  await applyToChallenges(services, openid, entry, 'flag', reviewId)
}

export async function reviewItem(services: Services, r: ReviewRecord): Promise<ReviewItem> {
  const entry = await getEntry(services.store, r.openid, r.entryId)
  if (!entry) throw new Error(`review ${r.id} points at a missing entry`)
  const item: ReviewItem = {
    id: r.id,
    status: r.status,
    reasons: r.reasons,
    createdAt: r.createdAt,
    nickname: (await findUser(services.store, r.openid))?.nickname ?? '—',
    entry,
  }
  if (r.decidedAt) item.decidedAt = r.decidedAt
  if (r.adjustEntryId) item.adjustEntryId = r.adjustEntryId
  return item
}
