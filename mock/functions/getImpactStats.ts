import { dayRangeSchema, type DayRangeRequest } from '../../src/contract/schemas'
import { daysBetween, isDay } from '../../src/core/time'
import { CloudError } from '../errors'
import { parse, requireCaller, type CloudFunction } from '../function'
import { requireOrganizer } from '../rewards'

export const MAX_RANGE_DAYS = 366

export function checkRange(req: DayRangeRequest): void {
  if (!isDay(req.fromDay) || !isDay(req.toDay)) throw new CloudError('INVALID_ARGUMENT', 'fromDay and toDay must be real calendar days.')
  const span = daysBetween(req.fromDay, req.toDay)
  if (span < 0) throw new CloudError('INVALID_ARGUMENT', 'toDay must not be before fromDay.')
  if (span >= MAX_RANGE_DAYS) throw new CloudError('INVALID_ARGUMENT', `A report covers at most ${MAX_RANGE_DAYS} days.`)
}

/** Totals by Asia/Shanghai day, behaviour and station, and redemptions by reward (organizers only). */
export const getImpactStats: CloudFunction<'getImpactStats'> = {
  name: 'getImpactStats',
  requiresSession: true,
  async handle(data, caller, services) {
    const req = parse(dayRangeSchema, data)
    requireOrganizer(requireCaller(caller))
    checkRange(req)
    return { fromDay: req.fromDay, toDay: req.toDay, ...await services.store.impactStats(req.fromDay, req.toDay) }
  },
}
