/** Organizer reports: the day range every report takes. */
import type { DayRangeRequest } from '../../src/contract/schemas'
import { daysBetween, isDay } from '../../src/core/time'
import { CloudError } from '../errors'

export const MAX_RANGE_DAYS = 366

export function checkRange(req: DayRangeRequest): void {
  if (!isDay(req.fromDay) || !isDay(req.toDay))
    throw new CloudError('INVALID_ARGUMENT', 'fromDay and toDay must be real calendar days.', { reason: 'report.notADay' })
  const span = daysBetween(req.fromDay, req.toDay)
  if (span < 0) throw new CloudError('INVALID_ARGUMENT', 'toDay must not be before fromDay.', { reason: 'report.endsBeforeStart' })
  if (span >= MAX_RANGE_DAYS)
    throw new CloudError('INVALID_ARGUMENT', `A report covers at most ${MAX_RANGE_DAYS} days.`, {
      reason: 'report.tooLong',
      params: { maxDays: MAX_RANGE_DAYS },
    })
}
