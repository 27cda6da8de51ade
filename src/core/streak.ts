import { addDays } from './time'

/**
 * Consecutive Asia/Shanghai days with activity, counted back from today. A streak whose last day is
 * yesterday is still alive (today is not over), so it counts from yesterday.
 */
export function streakDays(activeDays: ReadonlySet<string>, today: string): number {
  let day = activeDays.has(today) ? today : addDays(today, -1)
  let streak = 0
  while (activeDays.has(day)) {
    streak++
    day = addDays(day, -1)
  }
  return streak
}
