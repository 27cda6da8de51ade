/**
 * Where the points that are not carbon come from. A check-in's points are backed by its grams; every other point
 * paid out (a challenge bonus, an event's reward) is drawn from a budget, every budget from a purse, every purse
 * from the city's treasury, and the treasury only from issuances a city organizer made, each with who, when and
 * why, capped per month. So nobody mints points by creating a challenge or an event: the audit traces each paid
 * point back to an issuance (src/core/economy).
 */
import type { OrganizerScope } from './community'
import { shanghaiDay } from './time'

/** The purse of the city's own budgets (a city organizer's challenges and events); a community's purse is its id. */
export const CITY_PURSE = ''

/** Points a city may issue into its treasury in one Asia/Shanghai month unless TREASURY_MONTHLY_CAP_POINTS says otherwise. */
export const DEFAULT_MONTHLY_ISSUANCE_CAP_POINTS = 200_000

/** The month budgets carried over from before the treasury are booked under (never counted against a cap). */
export const CARRIED_OVER_MONTH = '0000-00'

/** Bounds of one issuance or allocation: a whole number of points, at most the largest monthly cap a city may set. */
export const TREASURY_LIMITS = { maxPoints: 100_000_000, maxReasonChars: 200 } as const

/** The Asia/Shanghai month ('YYYY-MM') an instant falls in. */
export function shanghaiMonth(ms: number): string {
  return shanghaiDay(ms).slice(0, 7)
}

/** The purse an organizer's budgets are drawn from: their community's allowance, or (a city organizer) the city's. */
export function purseOf(scope: OrganizerScope): string {
  return scope.communityId ?? CITY_PURSE
}

/** What an issuance may add this month (0: the cap is reached). */
export function issuanceLeft(capPoints: number, issuedThisMonth: number): number {
  return Math.max(0, capPoints - issuedThisMonth)
}

/** What a purse holds that is not yet committed to a budget. */
export function purseLeft(p: { grantedPoints: number; spentPoints: number }): number {
  return p.grantedPoints - p.spentPoints
}

/**
 * What an event or a challenge gives back to its purse when it closes (called off, or over): the part of its
 * budget nobody was paid.
 */
export function unspentBudget(b: { budgetPoints: number; budgetSpent: number }): number {
  return Math.max(0, b.budgetPoints - b.budgetSpent)
}

/** The `count` months ending with `month` ('YYYY-MM'), oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number)
  const out: string[] = []
  for (let i = count - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i
    out.push(`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`)
  }
  return out
}
