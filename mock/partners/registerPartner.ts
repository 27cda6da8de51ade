import { registerPartnerSchema } from '../../src/contract/partner'
import { toShanghaiIso } from '../../src/core/time'
import { NO_COMMUNITY } from '../../src/core/community'
import { defineFunction, requireCityScope } from '../function'
import { issued, issueSecret } from './partners'
import { getPartner, insertPartner } from './queries'

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
    const id = services.newId('pt')
    await insertPartner(services.store, {
      id,
      name: req.name,
      kind: req.kind,
      feeds: [...req.feeds],
      communityId: NO_COMMUNITY,
      sealedSecret: sealed,
      createdBy: who.openid,
      createdAt: toShanghaiIso(services.now()),
    })
    const partner = await getPartner(services.store, id)
    if (!partner) throw new Error('a partner vanished inside the transaction that made it')
    return issued(partner, secret)
  },
})
