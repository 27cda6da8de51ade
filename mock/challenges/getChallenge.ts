import { challengeIdSchema } from '../../src/contract/schemas'
import { publicChallenge, visibleChallenge } from './challenges'
import { defineFunction } from '../function'

/** Group challenges are for their members' eyes; organizers see all. */

export const getChallenge = defineFunction({
  name: 'getChallenge',
  schema: challengeIdSchema,
  auth: 'session',
  transaction: 'read',
  async handle({ challengeId }, who, services) {
    return { challenge: await publicChallenge(services, await visibleChallenge(services, who, challengeId), who.openid) }
  },
})
