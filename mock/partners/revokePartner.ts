import { partnerIdSchema } from '../../src/contract/partner'
import { toShanghaiIso } from '../../src/core/time'
import { defineFunction, requireCityScope } from '../function'
import { conflict, transition } from '../transitions'
import { partnerOrNotFound, publicPartner } from './partners'

/** Revoked for good: its requests are refused from now on, and what it already credited stays in the ledgers. */
export const revokePartner = defineFunction({
  name: 'revokePartner',
  schema: partnerIdSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle({ partnerId }, who, services) {
    requireCityScope(who, 'revoke a partner', { reason: 'cityOnly.partners' })
    const partner = await partnerOrNotFound(services, partnerId)
    const revokedAt = toShanghaiIso(services.now())
    await transition(
      services.store,
      { table: 'partners', key: { id: partner.id }, column: 'revoked_at', from: [null], to: revokedAt },
      conflict('This partner is already revoked.', { reason: 'partner.alreadyRevoked' }),
    )
    return { partner: publicPartner({ ...partner, revokedAt }) }
  },
})
