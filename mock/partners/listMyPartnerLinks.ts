import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { linkablePartners } from './partners'

/** The partners a resident may link an account at, and the ones they have (shown on Me, where they remove them). */
export const listMyPartnerLinks = defineFunction({
  name: 'listMyPartnerLinks',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    return { partners: await linkablePartners(services, openid) }
  },
})
