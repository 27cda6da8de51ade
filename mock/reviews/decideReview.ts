import { decideReviewSchema } from '../../src/contract/schemas'
import { releasedOnDecision } from '../../src/core/review'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction, requireScope } from '../function'
import { applyToChallenges, settleHeldBonuses } from '../challenges/challenges'
import { reverseCredit, reviewItem } from './reviews'
import { conflict, transition } from '../transitions'
import { getReview } from './queries'
import { getEntry, lockPerson, addHeldPoints, adjustsOf } from '../wallet/queries'
import { standingOf } from '../../src/core/feeds'

/** What an organizer is told of a check-in another organizer decided first. */
const DECIDED = { confirmed: { reason: 'review.alreadyConfirmed' }, reversed: { reason: 'review.alreadyReversed' } } as const

/**
 * Confirm keeps the credit and releases its held points; reverse writes an `adjust` entry that takes back the
 * grams (freeing that day's cap) and all the points, which were held and so never spent. The original entry
 * is never edited. Once only.
 */
export const decideReview = defineFunction({
  name: 'decideReview',
  schema: decideReviewSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const review = await getReview(store, req.reviewId)
    if (!review) throw new CloudError('NOT_FOUND', `No review with id ${req.reviewId}.`, { reason: 'review.notFound' })
    requireScope(who, review.communityId, 'check-in')
    // Separation of duties: a flagged check-in is decided by someone other than the person who made it.
    if (review.openid === who.openid)
      throw new CloudError('PERMISSION_DENIED', 'This is your own check-in: another organizer decides it.', { reason: 'review.ownCheckIn' })
    if (review.status !== 'open') throw new CloudError('CONFLICT', `This check-in was already ${review.status}.`, DECIDED[review.status])
    const at = toShanghaiIso(services.now())
    let adjustEntryId: string | undefined
    const original = await getEntry(store, review.openid, review.entryId)
    if (!original) throw new Error(`review ${review.id} points at a missing entry`)
    // Either way the hold ends: confirmed points become spendable, reversed ones leave the wallet. The hold is read
    // again under the person's lock: a scale's correction of the entry may have moved it meanwhile.
    const { wallet } = await lockPerson(store, review.openid)
    const heldPoints = (await getReview(store, review.id))?.heldPoints ?? review.heldPoints
    await addHeldPoints(store, review.openid, -releasedOnDecision(heldPoints, wallet.pointsHeld))
    if (req.decision === 'reverse') adjustEntryId = (await reverseCredit(services, review.openid, original, wallet.pointsBalance, review.communityId)).id
    // A confirmed check-in's share of challenge progress stops waiting, and completes what it now reaches.
    if (req.decision === 'confirm')
      await applyToChallenges(services, review.openid, standingOf(original, await adjustsOf(store, review.openid, original.id)), 'confirm')
    // Bonuses paid before the entry was found suspect: released with it, or taken back with it.
    await settleHeldBonuses(services, review.id, req.decision)
    // Checked: of two organizers deciding at once, one decides and the other's whole transaction rolls back
    // (its adjust entry and its release of the hold with it).
    await transition(
      store,
      {
        table: 'reviews',
        key: { id: review.id },
        column: 'status',
        from: ['open'],
        to: req.decision === 'reverse' ? 'reversed' : 'confirmed',
        set: { decided_by: who.openid, decided_at: at, adjust_entry_id: adjustEntryId ?? null },
      },
      conflict('Another organizer decided this check-in a moment ago: refresh the queue.', { reason: 'review.decidedMeanwhile' }),
    )
    const after = await getReview(store, review.id)
    if (!after) throw new Error('review vanished inside the transaction')
    return { item: await reviewItem(services, after) }
  },
})
