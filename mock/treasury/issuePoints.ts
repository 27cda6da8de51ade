import { issuePointsSchema } from '../../src/contract/schemas'
import { defineFunction, inTransaction, requireCityScope } from '../function'
import { lockAndReplay, payloadHash } from '../idempotency'
import { issue, treasuryView } from './treasury'
import { saveRequest } from '../wallet/queries'

/**
 * The only way points that are not carbon come to exist: a city organizer issues them into the treasury, with
 * why, recorded with who and when and capped per month (TREASURY_MONTHLY_CAP_POINTS). Exactly once per requestId.
 */
export const issuePoints = defineFunction({
  name: 'issuePoints',
  schema: issuePointsSchema,
  auth: 'organizer',
  async handle(req, who, services) {
    requireCityScope(who, 'issue points into the treasury')
    const hash = payloadHash('issuePoints', req)
    await inTransaction(services, async (services) => {
      const previous = await lockAndReplay(services.store, who.openid, req.requestId, 'issuePoints', hash)
      if (previous) return
      const id = await issue(services, who, req.points, req.reason)
      await saveRequest(services.store, who.openid, req.requestId, { fn: 'issuePoints', payloadHash: hash, resultRef: id, capped: false })
    })
    return treasuryView(services, who)
  },
})
