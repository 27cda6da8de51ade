import type { BadgeId } from '../contract/types'
import { addDays } from './time'

/** What the badges are earned by, so the cloud and the Me page say the same. */
export const KG10_GRAMS = 10_000
export const STREAK_BADGE_DAYS = 7
export const BADGE_IDS: readonly BadgeId[] = ['first_checkin', 'kg10', 'streak7', 'challenge_done']

export interface BadgeFacts {
  /** Asia/Shanghai days with a check-in, within the days looked back over, any order */
  checkInDays: readonly string[]
  /** net grams per day (check-ins and reversals) within the same window */
  dayGrams: readonly { day: string; gramsCo2e: number }[]
  /** the wallet's cumulative grams now (everything, also before the window) */
  totalGrams: number
  /** the day the first challenge was completed, or null */
  firstCompletionDay: string | null
  /** the first day looked back over: a badge earned before it is earned with an unknown day */
  windowStartDay: string
}

export interface BadgeState {
  id: BadgeId
  earned: boolean
  earnedDay: string | null
}

/** Longest run of consecutive days, and the day the first run of `length` was completed. */
export function runs(days: readonly string[], length: number): { longest: number; firstReachedDay: string | null } {
  const sorted = [...new Set(days)].sort()
  let longest = 0
  let current = 0
  let firstReachedDay: string | null = null
  for (let i = 0; i < sorted.length; i++) {
    current = i > 0 && addDays(sorted[i - 1], 1) === sorted[i] ? current + 1 : 1
    longest = Math.max(longest, current)
    if (current === length && firstReachedDay === null) firstReachedDay = sorted[i]
  }
  return { longest, firstReachedDay }
}

/** The day the running total first reached `grams`; null when it already had before the window. */
function dayTotalReached(facts: BadgeFacts, grams: number): string | null {
  const inWindow = facts.dayGrams.reduce((sum, d) => sum + d.gramsCo2e, 0)
  let running = facts.totalGrams - inWindow
  if (running >= grams) return null
  for (const d of [...facts.dayGrams].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    running += d.gramsCo2e
    if (running >= grams) return d.day
  }
  return null
}

export function badgeStates(facts: BadgeFacts): BadgeState[] {
  const days = [...facts.checkInDays].sort()
  const streak = runs(days, STREAK_BADGE_DAYS)
  const known = (day: string | null) => (day !== null && day >= facts.windowStartDay ? day : null)
  const state: Record<BadgeId, BadgeState> = {
    first_checkin: { id: 'first_checkin', earned: days.length > 0, earnedDay: known(days[0] ?? null) },
    kg10: { id: 'kg10', earned: facts.totalGrams >= KG10_GRAMS, earnedDay: null },
    streak7: { id: 'streak7', earned: streak.longest >= STREAK_BADGE_DAYS, earnedDay: known(streak.firstReachedDay) },
    challenge_done: { id: 'challenge_done', earned: facts.firstCompletionDay !== null, earnedDay: facts.firstCompletionDay },
  }
  if (state.kg10.earned) state.kg10.earnedDay = dayTotalReached(facts, KG10_GRAMS)
  return BADGE_IDS.map((id) => state[id])
}
