import { partnerIdSchema } from '../../src/contract/partner'
import { toShanghaiIso } from '../../src/core/time'
import { defineFunction, requireCityScope } from '../function'
import { conflict, transition } from '../transitions'
import { partnerOrNotFound, publicPartner } from './partners'
import { getPartner } from './queries'

/** Revoked for good: its requests are refused from now on, and what it already credited stays in the ledgers. */
export const revokePartner = defineFunction({
  name: 'revokePartner',
  schema: partnerIdSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle({ partnerId }, who, services) {
    requireCityScope(who, 'revoke a partner', { reason: 'cityOnly.partners' })
    const partner = await partnerOrNotFound(services, partnerId)
    await transition(
      services.store,
      { table: 'partners', key: { id: partner.id }, column: 'revoked_at', from: [null], to: toShanghaiIso(services.now()) },
      conflict('This partner is already revoked.', { reason: 'partner.alreadyRevoked' }),
    )
    const after = await getPartner(services.store, partner.id)
    if (!after) throw new Error('a partner vanished inside the transaction that revoked it')
    return { partner: publicPartner(after) }
  },
})
