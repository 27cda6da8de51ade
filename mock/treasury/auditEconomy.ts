import { emptySchema } from '../../src/contract/schemas'
import { auditEconomy as audit } from '../../src/core/economy'
import { defineFunction, requireCityScope } from '../function'
import { economyTotals } from './queries'

/**
 * The economy invariant over the whole database: every point in a wallet is backed by credited carbon or by a
 * budget an organizer funded, budgets are never overspent, and the books around them balance. A report: it
 * reads every table once, in one snapshot, so the books it compares are of one moment and no writer waits.
 */
export const auditEconomy = defineFunction({
  name: 'auditEconomy',
  schema: emptySchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(_req, who, services) {
    requireCityScope(who, 'audit the whole economy', { reason: 'cityOnly.audit' })
    return audit(await economyTotals(services.store))
  },
})
