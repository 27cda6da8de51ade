import { challengeIdSchema } from '../../src/contract/schemas'
import { publicChallenge, visibleChallenge } from './challenges'
import { defineFunction, inTransaction } from '../function'

/** Group challenges are for their members' eyes; organizers see all. */

export const getChallenge = defineFunction({
  name: 'getChallenge',
  schema: challengeIdSchema,
  auth: 'session',
  async handle({ challengeId }, who, services) {
    return inTransaction(services, async (services) => ({ challenge: await publicChallenge(services, await visibleChallenge(services, who, challengeId), who.openid) }))
  },
})
