/**
 * Communities and who may act on them. A resident belongs to at most one community; an organizer acts for the
 * whole city or for one community. The cloud enforces these rules on every organizer call: hiding a button is
 * not a permission.
 */
import { addDays, daysBetween, shanghaiDay, shanghaiDayStartMs } from './time'

/** The community of a resident who has not chosen one (and of rows made before communities existed). */
export const NO_COMMUNITY = ''

/**
 * The public dashboard names a community only when at least this many residents take part in it: a smaller one's
 * figures would be one or two people's own, so it is shown only inside "other communities".
 */
export const PUBLIC_MIN_RESIDENTS = 5

export function shownAlone(residents: number): boolean {
  return residents >= PUBLIC_MIN_RESIDENTS
}

/** A resident may change community once in this many days (the first choice is free). */
export const COMMUNITY_CHANGE_DAYS = 30

/** What an organizer acts on: every community (`communityId` null), or one. */
export interface OrganizerScope {
  readonly communityId: string | null
}

export const CITY_SCOPE: OrganizerScope = { communityId: null }

export function isCityScope(scope: OrganizerScope): boolean {
  return scope.communityId === null
}

/** Whether an organizer with this scope may see or change something that belongs to `communityId`. */
export function canActOn(scope: OrganizerScope, communityId: string): boolean {
  return scope.communityId === null || scope.communityId === communityId
}

/**
 * The community a scoped read is limited to: a community organizer always reads their own; a city organizer
 * reads the one asked for, or everything (undefined).
 */
export function scopedCommunity(scope: OrganizerScope, asked?: string): string | undefined {
  return scope.communityId ?? asked
}

/** When a resident who last chose at `lastSetMs` may choose again (0: now; the first choice is free). */
export function nextCommunityChangeMs(lastSetMs: number | null): number {
  if (lastSetMs === null) return 0
  return shanghaiDayStartMs(addDays(shanghaiDay(lastSetMs), COMMUNITY_CHANGE_DAYS))
}

/** The Monday (Asia/Shanghai) that starts the week `day` falls in. */
export function weekStart(day: string): string {
  // 2024-01-01 was a Monday: whole days since then, modulo 7, count the days since this week's Monday.
  const sinceMonday = ((daysBetween('2024-01-01', day) % 7) + 7) % 7
  return addDays(day, -sinceMonday)
}

/** This week so far and the whole of last week, as day ranges, for a city's "this week against last". */
export function weekRanges(today: string): { thisWeek: { fromDay: string; toDay: string }; lastWeek: { fromDay: string; toDay: string } } {
  const monday = weekStart(today)
  return { thisWeek: { fromDay: monday, toDay: today }, lastWeek: { fromDay: addDays(monday, -7), toDay: addDays(monday, -1) } }
}

/** A city-wide reward is offered to everyone; a community's reward to its own residents. */
export function offeredTo(rewardCommunityId: string, residentCommunityId: string): boolean {
  return rewardCommunityId === NO_COMMUNITY || rewardCommunityId === residentCommunityId
}

/** This week against last, in whole percent (null when last week had nothing to compare with). */
export function weekChangePercent(thisWeekGrams: number, lastWeekGrams: number): number | null {
  if (lastWeekGrams <= 0) return null
  return Math.round(((thisWeekGrams - lastWeekGrams) / lastWeekGrams) * 100)
}

/**
 * The community a station, reward or event an organizer saves belongs to: a community organizer's is always their
 * own (asking for another is refused: null); a city organizer's is the one asked for, else the one it had, else
 * the city's.
 */
export function savedCommunity(scope: OrganizerScope, asked: string | undefined, current: string | undefined): string | null {
  if (scope.communityId !== null && asked !== undefined && asked !== scope.communityId) return null
  return scope.communityId ?? asked ?? current ?? NO_COMMUNITY
}
