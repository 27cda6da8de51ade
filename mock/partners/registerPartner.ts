import { registerPartnerSchema } from '../../src/contract/partner'
import { toShanghaiIso } from '../../src/core/time'
import { NO_COMMUNITY } from '../../src/core/community'
import { defineFunction, requireCityScope } from '../function'
import { issued, issueSecret } from './partners'
import { insertPartner } from './queries'
import { CloudError } from '../errors'
import { getStation } from '../communities/queries'

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
    // A bin credits only where the city put it: every station it is registered for must be one the city has.
    for (const code of req.stations ?? []) {
      if (!(await getStation(services.store, code)))
        throw new CloudError('NOT_FOUND', `No recycling station with code ${code}.`, { reason: 'station.notFound', params: { code } })
    }
    const { secret, sealed } = issueSecret(services)
    const partner = {
      id: services.newId('pt'),
      name: req.name,
      kind: req.kind,
      feeds: [...req.feeds],
      stations: [...(req.stations ?? [])],
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
