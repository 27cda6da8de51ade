import { partnerIdSchema } from '../../src/contract/partner'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { linkablePartners } from './partners'
import { removeLink } from './queries'

/** The resident removes a link: that partner's rows about them are refused from now on (what was credited stays). */
export const unlinkPartner = defineFunction({
  name: 'unlinkPartner',
  schema: partnerIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ partnerId }, { openid }, services) {
    await lockCaller(services.store, openid)
    if (!(await removeLink(services.store, openid, partnerId)))
      throw new CloudError('NOT_FOUND', 'You have no link with this partner.', { reason: 'partner.notLinked' })
    return { partners: await linkablePartners(services, openid) }
  },
})
