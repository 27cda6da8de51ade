/**
 * Challenge scoring: what one ledger entry adds to a participant's progress. Progress only ever comes
 * from ledger entries (a challenge never invents grams), inside the window, after the person joined.
 */
import type { ChallengeMetric } from '../contract/constants'
import type { LedgerEntry } from '../contract/types'
import { challengeMetricRule } from './kinds'
import { daysBetween } from './time'

export interface ChallengeRule {
  metric: ChallengeMetric
  mode?: string
  startDay: string
  endDay: string
}

/**
 * Natural units to the integers the cloud stores: grams and check-ins as they are, a kind's own metric by its rule
 * (src/core/kinds: kg and km kept as grams and metres).
 */
export function toUnits(metric: ChallengeMetric, value: number): number {
  return Math.round(value * (challengeMetricRule(metric)?.unitsPerValue ?? 1))
}

export function fromUnits(metric: ChallengeMetric, units: number): number {
  return units / (challengeMetricRule(metric)?.unitsPerValue ?? 1)
}

/**
 * What the entry adds (negative for a reversal). `occurredMs` is when the activity happened; it counts
 * only from the moment the participant joined, and only if its day is inside the window.
 */
export function contribution(
  rule: ChallengeRule,
  entry: Pick<LedgerEntry, 'type' | 'day' | 'gramsCo2e' | 'factorId' | 'distanceM' | 'weightG' | 'steps' | 'quantity' | 'unit'>,
  occurredMs: number,
  joinedMs: number,
): number {
  if (occurredMs < joinedMs || entry.day < rule.startDay || entry.day > rule.endDay) return 0
  if (entry.type !== 'checkin') return 0
  if (rule.metric === 'gramsCo2e') return entry.gramsCo2e
  if (rule.metric === 'checkins') return 1
  return challengeMetricRule(rule.metric)?.contribution(entry, rule) ?? 0
}

/**
 * What a correction of a credited entry (a scale's weight of a drop) does to a participant's progress: its share
 * becomes the corrected entry's (`after`) instead of the one first credited (`before`), so progress moves by the
 * difference only, and a check-in count not at all. A share pending review stays pending at its new size (never
 * below nothing); one confirmed moves confirmed progress.
 */
export function correctionEffect(
  rule: ChallengeRule,
  before: Parameters<typeof contribution>[1],
  after: Parameters<typeof contribution>[1],
  occurredMs: number,
  participant: { joinedMs: number; pendingValue?: number },
  underReview: boolean,
): { delta: number; pending: number } {
  const delta = contribution(rule, after, occurredMs, participant.joinedMs) - contribution(rule, before, occurredMs, participant.joinedMs)
  if (!underReview || delta === 0) return { delta, pending: 0 }
  return { delta, pending: Math.max(delta, -Math.max(0, participant.pendingValue ?? 0)) }
}

/**
 * A group target pays the members who moved the group themselves: a positive value of their own, counted from
 * when they joined and inside the window. Joining a group that already reached its target pays nothing until
 * the newcomer contributes.
 */
export function earnedGroupBonus(participant: { value: number; pendingValue?: number; leftMs?: number }): boolean {
  return participant.leftMs === undefined && confirmedValue(participant) > 0
}

/**
 * Progress that counts toward a completion: what is not waiting for review. A flagged check-in's share completes
 * nothing until an organizer confirms it (a bonus paid from it was kept after the check-in was reversed).
 */
export function confirmedValue(v: { value: number; pendingValue?: number; pending?: number }): number {
  return v.value - (v.pendingValue ?? v.pending ?? 0)
}

/** Whether a completion still stands on confirmed progress: the member's own target, or their group's with a share of their own. */
export function completionStands(
  c: { targetMember?: number; targetGroup?: number },
  p: { value: number; pendingValue?: number; groupId?: string },
  group: { value: number; pending: number } | undefined,
): boolean {
  if (c.targetMember !== undefined && confirmedValue(p) >= c.targetMember) return true
  return c.targetGroup !== undefined && p.groupId !== undefined && group !== undefined && confirmedValue(group) >= c.targetGroup && confirmedValue(p) > 0
}

export function challengeStatus(startDay: string, endDay: string, today: string): 'upcoming' | 'running' | 'finished' {
  if (today < startDay) return 'upcoming'
  return today > endDay ? 'finished' : 'running'
}

/** Days left including today; 0 once finished. */
export function daysLeft(endDay: string, today: string): number {
  return Math.max(0, daysBetween(today, endDay) + 1)
}

/**
 * Separation of duties: the person who created a challenge, or funded its budget, takes part for the badge
 * only. Otherwise an organizer could fund a challenge and complete it themselves, turning a budget into their own
 * points.
 */
export function paysChallengeBonus(c: { creator: string }, openid: string, funders: readonly string[]): boolean {
  return c.creator !== openid && !funders.includes(openid)
}
