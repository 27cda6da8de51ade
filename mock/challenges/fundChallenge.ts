import { fundChallengeSchema } from '../../src/contract/schemas'
import { publicChallenge } from './challenges'
import { CloudError } from '../errors'
import { shanghaiDay } from '../../src/core/time'
import { defineFunction, inTransaction, requireCityScope } from '../function'
import { lockAndReplay, payloadHash } from '../idempotency'
import { fundBudget } from '../treasury/treasury'
import { getChallenge } from './queries'
import { saveRequest } from '../wallet/queries'

/**
 * A city organizer funds a challenge's bonuses from the city's purse (allocated from the treasury in the same
 * step): the budget every bonus point is paid from. Each funding is kept with who and when; exactly once per
 * requestId.
 */
export const fundChallenge = defineFunction({
  name: 'fundChallenge',
  schema: fundChallengeSchema,
  auth: 'organizer',
  async handle(req, who, services) {
    // Challenges belong to groups, not communities: funding them is the city's (a community funds its events).
    requireCityScope(who, "fund a group challenge's bonuses")
    const hash = payloadHash('fundChallenge', req)
    return inTransaction(services, async (services) => {
      const { store } = services
      const previous = await lockAndReplay(store, who.openid, req.requestId, 'fundChallenge', hash)
      const c = await getChallenge(store, req.challengeId)
      if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${req.challengeId}.`)
      if (!previous) {
        // A finished challenge pays nobody any more: its budget goes back to the purse, never in.
        if (c.endDay < shanghaiDay(services.now())) throw new CloudError('CONFLICT', 'This challenge has finished: its budget can no longer be funded.')
        await fundBudget(services, who, { table: 'challenges', id: c.id }, req.points, `challenge ${c.id}: ${c.title}`)
        await saveRequest(store, who.openid, req.requestId, { fn: 'fundChallenge', payloadHash: hash, resultRef: c.id, capped: false })
      }
      const after = await getChallenge(store, c.id)
      if (!after) throw new Error('challenge vanished inside the transaction')
      return { challenge: await publicChallenge(services, after, who.openid) }
    })
  },
})
