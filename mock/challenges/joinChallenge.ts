import { challengeIdSchema } from '../../src/contract/schemas'
import { shanghaiDay } from '../../src/core/time'
import { joinAsParticipant, publicChallenge } from './challenges'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { remindOnJoin } from '../reminders/reminders'
import { getChallenge } from './queries'
import { isMember, groupsOf } from './groupQueries'

/**
 * Joins a running or upcoming challenge. Only activity that happens after joining counts (a check-in
 * whose occurredAt is before the join does not), so joining late never imports old grams.
 */
export const joinChallenge = defineFunction({
  name: 'joinChallenge',
  schema: challengeIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ challengeId }, { openid }, services) {
    const { store } = services
    await lockCaller(store, openid)
    const c = await getChallenge(store, challengeId)
    if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${challengeId}.`, { reason: 'challenge.notFound' })
    if (c.groupId && !(await isMember(store, c.groupId, openid))) {
      throw new CloudError('PERMISSION_DENIED', 'This challenge is for members of its group.', { reason: 'challenge.groupMembersOnly' })
    }
    if (c.endDay < shanghaiDay(services.now())) throw new CloudError('CONFLICT', 'This challenge has finished.', { reason: 'challenge.finished' })
    // In an open challenge a person's group total counts for their first group, if any.
    const groupId = c.groupId ?? (await groupsOf(store, openid))[0]?.id
    await joinAsParticipant(services, c, openid, groupId)
    await remindOnJoin(services, openid, c)
    return { challenge: await publicChallenge(services, c, openid) }
  },
})
