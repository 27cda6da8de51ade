import { emptySchema } from '../../src/contract/schemas'
import { defineFunction, requireCityScope } from '../function'
import { publicPartner } from './partners'
import { listPartners as listPartnerRows } from './queries'

/** Every partner the city registered, newest first, revoked ones too (their history stays). */
export const listPartners = defineFunction({
  name: 'listPartners',
  schema: emptySchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(_req, who, services) {
    requireCityScope(who, "see the city's partners", { reason: 'cityOnly.partners' })
    return { partners: (await listPartnerRows(services.store)).map(publicPartner) }
  },
})
