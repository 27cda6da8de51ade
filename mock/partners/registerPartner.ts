import { registerPartnerSchema } from '../../src/contract/partner'
import { toShanghaiIso } from '../../src/core/time'
import { NO_COMMUNITY } from '../../src/core/community'
import { defineFunction, requireCityScope } from '../function'
import { issued, issueSecret } from './partners'
import { insertPartner } from './queries'

/**
 * A city organizer registers a partner (an operator or a merchant) with what it may report. Its signing secret is
 * in this answer only: the cloud keeps it sealed and never shows it again (a lost one is rotated).
 */
export const registerPartner = defineFunction({
  name: 'registerPartner',
  schema: registerPartnerSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    requireCityScope(who, 'register a partner', { reason: 'cityOnly.partners' })
    const { secret, sealed } = issueSecret(services)
    const partner = {
      id: services.newId('pt'),
      name: req.name,
      kind: req.kind,
      feeds: [...req.feeds],
      communityId: NO_COMMUNITY,
      sealedSecret: sealed,
      createdBy: who.openid,
      createdAt: toShanghaiIso(services.now()),
    }
    await insertPartner(services.store, partner)
    // A new partner signs with its first secret (insertPartner writes version 1).
    return issued({ ...partner, secretVersion: 1 }, secret)
  },
})
