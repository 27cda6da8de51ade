/** Challenge progress and bonuses, applied inside the transaction of the entry that moves them. */
import { CloudError } from '../errors'
import type { Challenge, Group, LedgerEntry } from '../../src/contract/types'
import {
  challengeStatus,
  completionStands,
  confirmedValue,
  contribution,
  correctionEffect,
  daysLeft,
  earnedGroupBonus,
  fromUnits,
  paysChallengeBonus,
} from '../../src/core/challenge'
import { spendablePoints } from '../../src/core/points'
import { claim, conflict, mustMove, transition, tryMove } from '../transitions'
import { slotOf } from '../../src/core/counters'
import { shanghaiDay } from '../../src/core/time'
import { isCityScope } from '../../src/core/community'
import type { CallerContext, Services } from '../function'
import { appendEntry } from '../wallet/ledger'
import type { ChallengeRecord, ParticipantRecord } from './queries'
import type { GroupRecord } from './groupQueries'
import {
  fundersOf,
  getParticipant,
  groupValue,
  unpaidParticipants,
  participationsOf,
  getChallenge,
  addToParticipant,
  addGroupValue,
  addParticipant,
  rejoinParticipant,
  addChallengeParticipants,
  markParticipantLeft,
  setParticipantGroup,
  participantCount,
} from './queries'
import { isUnpaidBy } from '../identity/queries'
import { getEntry, getWallet, addHeldPoints, lockPerson } from '../wallet/queries'
import { insertReviewHold, reviewHolds } from '../reviews/queries'
import { getGroup, groupMembers, isMember } from './groupQueries'

/**
 * Records a completion once (a checked compare-and-set claims it first), then pays the bonus from the challenge's
 * budget if enough is left; without it the completion is a badge. No budget, no points: every bonus point in a
 * wallet was funded from the treasury (auditEconomy checks it). Whoever created or funded the challenge (under
 * this account or an earlier one of the same identity) takes part for the badge only: they are paid nothing by it.
 */
async function complete(services: Services, c: ChallengeRecord, p: ParticipantRecord): Promise<void> {
  if (p.completedMs !== undefined) return
  const { store } = services
  const key = { challenge_id: c.id, openid: p.openid }
  if (!(await claim(store, { table: 'challenge_participants', key, column: 'completed_ms', from: [null], to: services.now() }))) return
  if (!paysChallengeBonus(c, p.openid, await fundersOf(store, c.id)) || (await isUnpaidBy(store, p.openid, c.id))) return
  if (!(await tryMove(store, { table: 'challenges', key: { id: c.id }, column: 'budget_spent', delta: c.bonusPoints, max: 'budget_points' }))) return
  const day = shanghaiDay(services.now())
  const { entry } = await appendEntry(services, p.openid, { type: 'bonus', gramsCo2e: 0, points: c.bonusPoints, day, ref: c.id })
  await transition(
    store,
    { table: 'challenge_participants', key, column: 'bonus_entry_id', from: [null], to: entry.id },
    conflict('This bonus was paid a moment ago.', { reason: 'challenge.bonusChangedMeanwhile' }),
  )
}

/** Completes what a participant's confirmed progress (or their group's) now reaches. */
async function settle(services: Services, c: ChallengeRecord, openid: string, groupId: string | undefined): Promise<void> {
  const { store } = services
  const me = await getParticipant(store, c.id, openid)
  if (me && me.leftMs === undefined && c.targetMember !== undefined && confirmedValue(me) >= c.targetMember) await complete(services, c, me)
  // Group targets count real groups only, and pay the members who contributed inside the window.
  if (groupId && c.targetGroup !== undefined && confirmedValue(await groupValue(store, c.id, groupId)) >= c.targetGroup) {
    for (const q of await unpaidParticipants(store, c.id, groupId)) {
      if (earnedGroupBonus(q)) await complete(services, c, q)
    }
  }
}

/**
 * What an entry does to the challenges its person is still in:
 * - `credit`: a check-in adds its share, and completes what it reaches;
 * - `credit-under-review`: a flagged check-in adds its share as pending, which completes nothing until confirmed;
 * - `confirm`: its review confirmed it: the share stops pending, and completes what it now reaches;
 * - `reverse`: its review reversed it: the share leaves (a completion never rested on it, being pending);
 * - `flag`: an entry credited earlier turns out suspect (its display code travelled): its share becomes pending,
 *   and a bonus already paid that no longer stands on confirmed progress is held in this review (`reviewId`) as far
 *   as it is unspent, to be taken back if the review reverses it.
 */
export type ChallengeEffect = 'credit' | 'credit-under-review' | 'confirm' | 'reverse' | 'flag'

export async function applyToChallenges(services: Services, openid: string, entry: LedgerEntry, effect: ChallengeEffect, reviewId?: string): Promise<void> {
  const { store } = services
  const occurredMs = entry.occurredAt ? Date.parse(entry.occurredAt) : services.now()
  for (const p of await participationsOf(store, openid)) {
    if (p.leftMs !== undefined) continue
    const c = await getChallenge(store, p.challengeId)
    if (!c) continue
    const share = contribution(c, { ...entry, type: 'checkin' }, occurredMs, p.joinedMs)
    if (share === 0) continue
    // What is pending of this share now (a review opened before pending progress existed has none).
    const pendingShare = Math.min(share, Math.max(0, p.pendingValue ?? 0))
    const [delta, pending] =
      effect === 'credit'
        ? [share, 0]
        : effect === 'credit-under-review'
          ? [share, share]
          : effect === 'confirm'
            ? [0, -pendingShare]
            : effect === 'reverse'
              ? [-share, -pendingShare]
              : [0, share]
    await addToParticipant(store, c.id, openid, delta, services.now(), pending)
    if (p.groupId) await addGroupValue(store, c.id, p.groupId, delta, pending)
    if (effect === 'credit' || effect === 'confirm') await settle(services, c, openid, p.groupId)
    if (effect === 'flag' && reviewId) {
      const bonusEntryId = await bonusNoLongerEarned(store, c, p, delta, pending)
      if (bonusEntryId) await holdBonus(services, reviewId, c, p.openid, bonusEntryId)
    }
  }
}

/**
 * The bonus a participant was paid that their confirmed progress, once moved by `delta` and `pending` (already
 * written, their group's too), no longer reaches; undefined when none was paid or it still stands.
 */
async function bonusNoLongerEarned(
  store: Services['store'],
  c: ChallengeRecord,
  p: Awaited<ReturnType<typeof participationsOf>>[number],
  delta: number,
  pending: number,
): Promise<string | undefined> {
  if (p.completedMs === undefined || p.bonusEntryId === undefined) return undefined
  const now = { ...p, value: p.value + delta, pendingValue: (p.pendingValue ?? 0) + pending }
  const group = p.groupId ? await groupValue(store, c.id, p.groupId) : undefined
  return completionStands(c, now, group) ? undefined : p.bonusEntryId
}

/**
 * What a scale's correction of a credited drop does to the challenges its person is still in: each share becomes the
 * weighed drop's (`after`) instead of the first credited one's (`before`), pending while the drop is under review,
 * completing what it now reaches when it is not. A reversal moves challenges by its original's share the same way.
 */
export async function applyCorrectionToChallenges(
  services: Services,
  openid: string,
  before: LedgerEntry,
  after: LedgerEntry,
  underReview: boolean,
): Promise<{ completionBroken: boolean }> {
  const { store } = services
  const occurredMs = before.occurredAt ? Date.parse(before.occurredAt) : services.now()
  let completionBroken = false
  for (const p of await participationsOf(store, openid)) {
    if (p.leftMs !== undefined) continue
    const c = await getChallenge(store, p.challengeId)
    if (!c) continue
    const { delta, pending } = correctionEffect(c, { ...before, type: 'checkin' }, { ...after, type: 'checkin' }, occurredMs, p, underReview)
    if (delta === 0) continue
    await addToParticipant(store, c.id, openid, delta, services.now(), pending)
    if (p.groupId) await addGroupValue(store, c.id, p.groupId, delta, pending)
    if (!underReview && delta > 0) await settle(services, c, openid, p.groupId)
    // A completion (and its bonus) that the weighed-down drop no longer reaches: the caller puts the drop in review.
    if (delta < 0 && (await bonusNoLongerEarned(store, c, p, delta, pending))) completionBroken = true
  }
  return { completionBroken }
}

/** Holds a bonus already paid, as far as it is unspent, in the review of the entry it rested on. */
async function holdBonus(services: Services, reviewId: string, c: ChallengeRecord, openid: string, bonusEntryId: string): Promise<void> {
  const { store } = services
  const bonus = await getEntry(store, openid, bonusEntryId)
  if (!bonus) throw new Error(`bonus ${bonusEntryId} is missing`)
  const hold = Math.min(bonus.points, Math.max(0, spendablePoints(await getWallet(store, openid))))
  if (hold <= 0) return
  await addHeldPoints(store, openid, hold)
  await insertReviewHold(store, { reviewId, entryId: bonusEntryId, openid, challengeId: c.id, points: hold })
}

/**
 * The bonuses held in a review (paid before its entry was found suspect), when it is decided. Confirmed: their
 * hold ends. Reversed: what was held of each is taken back by an adjust entry and returns to the challenge's
 * budget, and the completion is undone; a participant whose confirmed progress still reaches the target completes
 * again at once.
 */
export async function settleHeldBonuses(services: Services, reviewId: string, decision: 'confirm' | 'reverse'): Promise<void> {
  const { store } = services
  for (const h of await reviewHolds(store, reviewId)) {
    await lockPerson(store, h.openid)
    await addHeldPoints(store, h.openid, -h.points)
    if (decision === 'confirm') continue
    const bonus = await getEntry(store, h.openid, h.entryId)
    if (!bonus) throw new Error(`held bonus ${h.entryId} is missing`)
    await appendEntry(services, h.openid, { type: 'adjust', gramsCo2e: 0, points: -h.points, day: bonus.day, ref: bonus.id })
    await mustMove(store, { table: 'challenges', key: { id: h.challengeId }, column: 'budget_spent', delta: -h.points, min: 0 })
    const p = await getParticipant(store, h.challengeId, h.openid)
    if (p?.completedMs === undefined) throw new Error(`held bonus ${h.entryId} has no completion to undo`)
    await transition(
      store,
      {
        table: 'challenge_participants',
        key: { challenge_id: h.challengeId, openid: h.openid },
        column: 'bonus_entry_id',
        from: [h.entryId],
        to: null,
        set: { completed_ms: null },
      },
      conflict('This bonus changed a moment ago.', { reason: 'challenge.bonusChangedMeanwhile' }),
    )
    const c = await getChallenge(store, h.challengeId)
    if (c) await settle(services, c, h.openid, p.groupId)
  }
}

/** Joins a person to a challenge (or brings back one who left), counting them in their slot. */
export async function joinAsParticipant(services: Services, c: ChallengeRecord, openid: string, groupId: string | undefined): Promise<void> {
  const { store } = services
  const now = services.now()
  const joined =
    (await addParticipant(store, { challengeId: c.id, openid, groupId, joinedMs: now, value: 0, valueMs: now })) ||
    (await rejoinParticipant(store, c.id, openid, groupId ?? null, now))
  if (joined) await addChallengeParticipants(store, c.id, slotOf(openid), 1)
}

/**
 * A member leaves a group (or is removed, or deletes their account): in that group's challenges they leave
 * the board and stop progressing; in open challenges they stay in on their own, no longer counted for the
 * group. Either way their value leaves the group's total, so the group is measured by who is in it.
 */
export async function leaveGroupChallenges(services: Services, groupId: string, openid: string): Promise<void> {
  const { store } = services
  // The member's own check-ins move these rows too: take their lock before reading their values.
  await lockPerson(store, openid)
  for (const p of await participationsOf(store, openid)) {
    if (p.groupId !== groupId || p.leftMs !== undefined) continue
    const c = await getChallenge(store, p.challengeId)
    if (!c) continue
    if (p.value !== 0 || (p.pendingValue ?? 0) !== 0) await addGroupValue(store, c.id, groupId, -p.value, -(p.pendingValue ?? 0))
    if (c.groupId === groupId) {
      await markParticipantLeft(store, c.id, openid, services.now())
      await addChallengeParticipants(store, c.id, slotOf(openid), -1)
    } else {
      await setParticipantGroup(store, c.id, openid, null)
    }
  }
}

/** What is left to pay bonuses with, and whether a completion now still pays points. */
export function budgetOf(c: ChallengeRecord): { budgetPoints: number; budgetLeftPoints: number; paysPoints: boolean } {
  const budgetLeftPoints = Math.max(0, c.budgetPoints - c.budgetSpent)
  return { budgetPoints: c.budgetPoints, budgetLeftPoints, paysPoints: budgetLeftPoints >= c.bonusPoints }
}

export async function publicChallenge(services: Services, c: ChallengeRecord, openid: string): Promise<Challenge> {
  const { store } = services
  const today = shanghaiDay(services.now())
  const me = await getParticipant(store, c.id, openid)
  const group = c.groupId ? await getGroup(store, c.groupId) : undefined
  const out: Challenge = {
    id: c.id,
    title: c.title,
    description: c.description,
    metric: c.metric,
    startDay: c.startDay,
    endDay: c.endDay,
    bonusPoints: c.bonusPoints,
    participants: await participantCount(store, c.id),
    daysLeft: daysLeft(c.endDay, today),
    status: challengeStatus(c.startDay, c.endDay, today),
    joined: me !== undefined && me.leftMs === undefined,
    myValue: fromUnits(c.metric, me?.value ?? 0),
    myBonusPaid: me?.bonusEntryId !== undefined,
    myCompleted: me?.completedMs !== undefined,
    ...budgetOf(c),
  }
  if (c.mode) out.mode = c.mode as Challenge['mode']
  if (c.targetMember !== undefined) out.targetPerMember = fromUnits(c.metric, c.targetMember)
  if (c.targetGroup !== undefined) {
    out.targetGroup = fromUnits(c.metric, c.targetGroup)
    const groupId = me ? me.groupId : c.groupId
    out.groupValue = fromUnits(c.metric, groupId ? (await groupValue(store, c.id, groupId)).value : 0)
  }
  if (group) {
    out.groupId = group.id
    out.groupName = group.name
  }
  return out
}

export async function publicGroup(services: Services, g: GroupRecord, openid: string): Promise<Group> {
  const isLeader = g.leader === openid
  const out: Group = {
    id: g.id,
    name: g.name,
    isLeader,
    // the leader first, then members in the order they joined
    members: (await groupMembers(services.store, g.id))
      .map((m) => ({ memberId: m.openid, nickname: m.nickname, isLeader: m.openid === g.leader }))
      .sort((a, b) => Number(b.isLeader) - Number(a.isLeader)),
  }
  if (isLeader) out.inviteCode = g.inviteCode
  return out
}

/**
 * Group challenges are for their members' eyes, and city organizers' (who fund them); a community organizer's
 * role is their community, not other people's private groups.
 */
export async function visibleChallenge(services: Services, who: CallerContext, challengeId: string): Promise<ChallengeRecord> {
  const c = await getChallenge(services.store, challengeId)
  if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${challengeId}.`, { reason: 'challenge.notFound' })
  const cityOrganizer = who.organizerScope !== undefined && isCityScope(who.organizerScope)
  if (c.groupId && !cityOrganizer && !(await isMember(services.store, c.groupId, who.openid))) {
    throw new CloudError('PERMISSION_DENIED', 'Only members of the group can see this challenge.', { reason: 'challenge.groupMembersOnly' })
  }
  return c
}
