import { issuePointsSchema } from '../../src/contract/schemas'
import { defineIdempotentFunction, requireCityScope } from '../function'
import { issue, treasuryView } from './treasury'

/**
 * The only way points that are not carbon come to exist: a city organizer issues them into the treasury, with
 * why, recorded with who and when and capped per month (TREASURY_MONTHLY_CAP_POINTS). Exactly once per requestId.
 */
export const issuePoints = defineIdempotentFunction({
  name: 'issuePoints',
  schema: issuePointsSchema,
  auth: 'organizer',
  transaction: 'write',
  idempotent: {
    before: (_req, who) => requireCityScope(who, 'issue points into the treasury', { reason: 'cityOnly.issue' }),
    replay: (_recorded, _req, who, services) => treasuryView(services, who),
  },
  async handle(req, who, services) {
    const ref = await issue(services, who, req.points, req.reason)
    return { answer: await treasuryView(services, who), ref }
  },
})
