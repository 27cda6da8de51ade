import { fundChallengeSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { publicChallenge } from '../challenges'
import { CloudError } from '../errors'
import { defineFunction, inTransaction, requireCityScope } from '../function'
import { lockAndReplay, payloadHash } from '../idempotency'

/**
 * An organizer funds a challenge's bonuses: the budget every bonus point is paid from. Each funding is kept with
 * who and when; exactly once per requestId.
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
      const c = await store.getChallenge(req.challengeId)
      if (!c) throw new CloudError('NOT_FOUND', `No challenge with id ${req.challengeId}.`)
      if (!previous) {
        const id = services.newId('bf')
        await store.fundBudget({ id, challengeId: c.id, openid: who.openid, points: req.points, createdAt: toShanghaiIso(services.now()) })
        await store.saveRequest(who.openid, req.requestId, { fn: 'fundChallenge', payloadHash: hash, resultRef: id, capped: false })
      }
      const after = await store.getChallenge(c.id)
      if (!after) throw new Error('challenge vanished inside the transaction')
      return { challenge: await publicChallenge(services, after, who.openid) }
    })
  },
})
