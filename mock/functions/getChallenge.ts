import { challengeIdSchema } from '../../src/contract/schemas'
import { publicChallenge } from '../challenges'
import { CloudError } from '../errors'
import { parse, requireCaller, type CloudFunction, type CallerContext, type Services, inTransaction } from '../function'
import type { ChallengeRecord } from '../storage/port'

/** Group challenges are for their members' eyes; organizers see all. */
export async function visibleChallenge(services: Services, who: CallerContext, challengeId: string): Promise<ChallengeRecord> {
  const c = await services.store.getChallenge(challengeId)
  if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${challengeId}.`)
  if (c.groupId && !who.roles.includes('organizer') && !await services.store.isMember(c.groupId, who.openid)) {
    throw new CloudError('PERMISSION_DENIED', 'Only members of the group can see this challenge.')
  }
  return c
}

export const getChallenge: CloudFunction<'getChallenge'> = {
  name: 'getChallenge',
  requiresSession: true,
  handle(data, caller, services) {
    const { challengeId } = parse(challengeIdSchema, data)
    const who = requireCaller(caller)
    return inTransaction(services, async (services) => ({ challenge: await publicChallenge(services, await visibleChallenge(services, who, challengeId), who.openid) }))
  },
}
