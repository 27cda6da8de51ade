import { createChallengeSchema } from '../../src/contract/schemas'
import { toUnits } from '../../src/core/challenge'
import { daysBetween, isDay, shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { publicChallenge } from './challenges'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { requireGroup, requireLeader } from './groups'
import { fundBudget } from '../treasury/treasury'
import { insertChallenge } from './queries'

const MAX_DAYS = 366

/** A group leader creates one for the group; an organizer creates an open one (or one for any group). */
export const createChallenge = defineFunction({
  name: 'createChallenge',
  schema: createChallengeSchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, who, services) {
    const isOrganizer = who.roles.includes('organizer')
    if (!isDay(req.startDay) || !isDay(req.endDay))
      throw new CloudError('INVALID_ARGUMENT', 'startDay and endDay must be real calendar days.', { reason: 'challenge.notADay' })
    const span = daysBetween(req.startDay, req.endDay)
    if (span < 0) throw new CloudError('INVALID_ARGUMENT', 'endDay must not be before startDay.', { reason: 'challenge.endsBeforeStart' })
    if (span >= MAX_DAYS)
      throw new CloudError('INVALID_ARGUMENT', `A challenge lasts at most ${MAX_DAYS} days.`, { reason: 'challenge.tooLong', params: { maxDays: MAX_DAYS } })
    if (req.endDay < shanghaiDay(services.now())) throw new CloudError('INVALID_ARGUMENT', 'endDay is already past.', { reason: 'challenge.endPast' })
    if (req.groupId !== undefined) {
      const group = await requireGroup(services, req.groupId)
      if (!isOrganizer) requireLeader(group, who)
    } else if (!isOrganizer) {
      throw new CloudError('PERMISSION_DENIED', 'Only an organizer can open a challenge to everyone; a leader creates one for their group.', {
        reason: 'challenge.openNeedsOrganizer',
      })
    }
    if (req.budgetPoints !== undefined && !isOrganizer) {
      throw new CloudError('PERMISSION_DENIED', 'Only an organizer can fund bonus points; without a budget a completed challenge earns a badge.', {
        reason: 'challenge.bonusNeedsOrganizer',
      })
    }
    const challenge = {
      id: services.newId('ch'),
      groupId: req.groupId,
      creator: who.openid,
      title: req.title,
      description: req.description ?? '',
      metric: req.metric,
      mode: req.mode,
      targetMember: req.targetPerMember === undefined ? undefined : Math.max(1, toUnits(req.metric, req.targetPerMember)),
      targetGroup: req.targetGroup === undefined ? undefined : Math.max(1, toUnits(req.metric, req.targetGroup)),
      startDay: req.startDay,
      endDay: req.endDay,
      bonusPoints: req.bonusPoints,
      createdAt: toShanghaiIso(services.now()),
      budgetPoints: 0,
      budgetSpent: 0,
    }
    await insertChallenge(services.store, challenge)
    if (req.budgetPoints !== undefined) {
      // Drawn from the organizer's purse: a community organizer's allowance, or the city's from the treasury.
      await fundBudget(services, who, { table: 'challenges', id: challenge.id }, req.budgetPoints, `challenge ${challenge.id}: ${req.title}`)
      challenge.budgetPoints = req.budgetPoints
    }
    return { challenge: await publicChallenge(services, challenge, who.openid) }
  },
})
