import { partnerIdSchema } from '../../src/contract/partner'
import { CloudError } from '../errors'
import { defineFunction, requireCityScope } from '../function'
import { conflict, transition } from '../transitions'
import { issued, issueSecret, partnerOrNotFound } from './partners'

/**
 * A new signing secret, shown once; the old one stops signing at once (a leaked secret must not keep working).
 * Compare-and-set on the version: two organizers rotating at once give one secret, and the other is told.
 */
export const rotatePartnerSecret = defineFunction({
  name: 'rotatePartnerSecret',
  schema: partnerIdSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle({ partnerId }, who, services) {
    requireCityScope(who, "rotate a partner's secret", { reason: 'cityOnly.partners' })
    const partner = await partnerOrNotFound(services, partnerId)
    if (partner.revokedAt) throw new CloudError('CONFLICT', 'This partner is revoked: register it again to give it a secret.', { reason: 'partner.revoked' })
    const { secret, sealed } = issueSecret(services)
    await transition(
      services.store,
      {
        table: 'partners',
        key: { id: partner.id },
        column: 'secret_version',
        from: [partner.secretVersion],
        to: partner.secretVersion + 1,
        set: { sealed_secret: sealed },
      },
      conflict("This partner's secret was rotated a moment ago: rotate again if you still need a new one.", { reason: 'partner.rotatedMeanwhile' }),
    )
    // The compare-and-set moved exactly this row from the version read to the next: that is the row now.
    return issued({ ...partner, secretVersion: partner.secretVersion + 1, sealedSecret: sealed }, secret)
  },
})
