/** The review queue's public shape, shared by the functions that list and decide reviews, and flags raised late. */
import type { LedgerEntry, ReviewItem } from '../../src/contract/types'
import { spendablePoints } from '../../src/core/points'
import { releasedOnDecision, reversalOf, type ReviewReason } from '../../src/core/review'
import { heldAfterCorrection, standingOf } from '../../src/core/feeds'
import { toShanghaiIso } from '../../src/core/time'
import { applyToChallenges, settleHeldBonuses } from '../challenges/challenges'
import { conflict, mustMove, transition } from '../transitions'
import { appendEntry } from '../wallet/ledger'
import type { Services } from '../function'
import type { ReviewRecord } from './queries'
import { lockPerson, getEntry, getWallet, addHeldPoints, adjustsOf } from '../wallet/queries'
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
  const entry = await standingEntry(services, openid, entryId)
  if (!entry) throw new Error(`entry ${entryId} to flag is missing`)
  const hold = Math.max(0, Math.min(entry.points, spendablePoints(await getWallet(store, openid))))
  const { communityId } = await communityOf(store, openid)
  const reviewId = services.newId('rv')
  await insertReview(store, { id: reviewId, entryId, openid, reasons, status: 'open', createdAt: entry.createdAt, communityId, heldPoints: hold })
  if (hold > 0) await addHeldPoints(store, openid, hold)
  // Its share of challenge progress waits for the review now, and a bonus that rested on it is held with it.
  await applyToChallenges(services, openid, entry, 'flag', reviewId)
}

/** An entry as it stands with the adjusts written of it (a scale's correction): what a decision on it takes back or confirms. */
export async function standingEntry(services: Services, openid: string, entryId: string): Promise<LedgerEntry | undefined> {
  const entry = await getEntry(services.store, openid, entryId)
  return entry && standingOf(entry, await adjustsOf(services.store, openid, entryId))
}

/**
 * The drop a scale's weighing corrects, read with the person's lock (an organizer deciding its review queues on it):
 * as it stands, and whether it waits for review. A drop an organizer reversed is gone: nothing to correct.
 */
export async function correctable(
  services: Services,
  openid: string,
  entryId: string,
): Promise<{ entry: LedgerEntry; standing: LedgerEntry; review?: ReviewRecord } | undefined> {
  await lockPerson(services.store, openid)
  const entry = await getEntry(services.store, openid, entryId)
  if (!entry) throw new Error(`memory names a missing entry ${entryId}`)
  const review = await reviewOfEntry(services.store, entryId)
  if (review?.status === 'reversed') return undefined
  const standing = standingOf(entry, await adjustsOf(services.store, openid, entryId))
  return { entry, standing, ...(review?.status === 'open' ? { review } : {}) }
}

/**
 * A correction of a drop under review is held with it (src/core/feeds heldAfterCorrection): the review's hold and
 * the wallet's move together, so the decision releases what is left of the drop, no more and no less.
 */
export async function holdCorrection(services: Services, openid: string, review: ReviewRecord, correctionPoints: number): Promise<void> {
  const delta = heldAfterCorrection(review.heldPoints, correctionPoints)
  if (delta === 0) return
  await mustMove(services.store, { table: 'reviews', key: { id: review.id }, column: 'held_points', delta, min: 0 })
  await addHeldPoints(services.store, openid, delta)
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

/**
 * Takes a credit back by an `adjust` entry (the original is never edited): all its grams, which frees that day's cap
 * room, and its points as far as the balance allows. `balance` is read with the person's lock, before any change.
 */
export async function reverseCredit(services: Services, openid: string, written: LedgerEntry, balance: number, countFor?: string): Promise<LedgerEntry> {
  // What is left of it: a drop a scale corrected is taken back with its correction, and its challenge share as weighed.
  const original = standingOf(written, await adjustsOf(services.store, openid, written.id))
  const take = reversalOf(original, balance)
  await applyToChallenges(services, openid, original, 'reverse')
  const draft = {
    type: 'adjust' as const,
    gramsCo2e: take.gramsCo2e,
    points: take.points,
    factorId: original.factorId,
    sourceVersion: original.sourceVersion,
    methodologyVersion: original.methodologyVersion,
    // what it takes back was proven as the original was: the city's grams by evidence fall where they rose
    evidence: original.evidence,
    day: original.day,
    ref: original.id,
  }
  return (await appendEntry(services, openid, draft, countFor)).entry
}

/**
 * Reverses a credited check-in that a better report superseded (an operator's trip over the resident's own), as an
 * organizer's reversal does: an open review of it is closed as reversed by `decidedBy`, its hold released and any
 * bonus held with it taken back. An entry a review already reversed is left alone (it is not reversed twice).
 */
export async function reverseEntry(services: Services, openid: string, entryId: string, decidedBy: string): Promise<LedgerEntry | undefined> {
  const { store } = services
  // Locked first: the review's hold is read as no correction of the entry can still move it.
  const { wallet } = await lockPerson(store, openid)
  const original = await getEntry(store, openid, entryId)
  if (!original) throw new Error(`entry ${entryId} to reverse is missing`)
  const review = await reviewOfEntry(store, entryId)
  if (review?.status === 'reversed') return undefined
  const open = review?.status === 'open' ? review : undefined
  if (open) await addHeldPoints(store, openid, -releasedOnDecision(open.heldPoints, wallet.pointsHeld))
  const adjust = await reverseCredit(services, openid, original, wallet.pointsBalance, open?.communityId)
  if (open) {
    await settleHeldBonuses(services, open.id, 'reverse')
    await transition(
      store,
      {
        table: 'reviews',
        key: { id: open.id },
        column: 'status',
        from: ['open'],
        to: 'reversed',
        set: { decided_by: decidedBy, decided_at: toShanghaiIso(services.now()), adjust_entry_id: adjust.id },
      },
      conflict('An organizer decided this check-in a moment ago.', { reason: 'review.decidedMeanwhile' }),
    )
  }
  return adjust
}
