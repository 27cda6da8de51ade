import { fundChallengeSchema } from '../../src/contract/schemas'
import { publicChallenge } from './challenges'
import { CloudError } from '../errors'
import { shanghaiDay } from '../../src/core/time'
import { defineIdempotentFunction, requireCityScope, type Services } from '../function'
import { fundBudget } from '../treasury/treasury'
import { getChallenge } from './queries'

/**
 * A city organizer funds a challenge's bonuses from the city's purse (allocated from the treasury in the same
 * step): the budget every bonus point is paid from. Each funding is kept with who and when; exactly once per
 * requestId.
 */
export const fundChallenge = defineIdempotentFunction({
  name: 'fundChallenge',
  schema: fundChallengeSchema,
  auth: 'organizer',
  transaction: 'write',
  idempotent: {
    // Challenges belong to groups, not communities: funding them is the city's (a community funds its events).
    before: (_req, who) => requireCityScope(who, "fund a group challenge's bonuses", { reason: 'cityOnly.fundChallenge' }),
    replay: async (_recorded, req, who, services) => challengeNow(services, req.challengeId, who.openid),
  },
  async handle(req, who, services) {
    const c = await getChallenge(services.store, req.challengeId)
    if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${req.challengeId}.`, { reason: 'challenge.notFound' })
    // A finished challenge pays nobody any more: its budget goes back to the purse, never in.
    if (c.endDay < shanghaiDay(services.now()))
      throw new CloudError('CONFLICT', 'This challenge has finished: its budget can no longer be funded.', { reason: 'challenge.finishedNoFunding' })
    await fundBudget(services, who, { table: 'challenges', id: c.id }, req.points, `challenge ${c.id}: ${c.title}`)
    return { answer: await challengeNow(services, c.id, who.openid), ref: c.id }
  },
})

async function challengeNow(services: Services, challengeId: string, openid: string) {
  const c = await getChallenge(services.store, challengeId)
  if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${challengeId}.`, { reason: 'challenge.notFound' })
  return { challenge: await publicChallenge(services, c, openid) }
}
