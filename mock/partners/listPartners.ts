import { emptySchema } from '../../src/contract/schemas'
import { defineFunction, requireCityScope } from '../function'
import { publicPartner } from './partners'
import { shanghaiDay } from '../../src/core/time'
import { feedDay, listPartners as listPartnerRows } from './queries'

/** Every partner the city registered, newest first, revoked ones too (their history stays), with its feed's health today. */
export const listPartners = defineFunction({
  name: 'listPartners',
  schema: emptySchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(_req, who, services) {
    requireCityScope(who, "see the city's partners", { reason: 'cityOnly.partners' })
    const [partners, today] = await Promise.all([listPartnerRows(services.store), feedDay(services.store, shanghaiDay(services.now()))])
    const none = { accepted: 0, duplicate: 0, refused: 0 }
    return { partners: partners.map((p) => ({ ...publicPartner(p), today: today.get(p.id) ?? none })) }
  },
})
