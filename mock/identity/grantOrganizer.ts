import { grantOrganizerSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { requireCommunity } from '../communities/communities'
import { defineFunction, requireCityScope } from '../function'
import { findUser, setOrganizerGrant } from './queries'

/**
 * A city organizer makes someone an organizer of one community (or of the city), or takes it back; the
 * change applies to that person's next call. Each change is kept in the grant history, as `npm run admin` does.
 */
export const grantOrganizer = defineFunction({
  name: 'grantOrganizer',
  schema: grantOrganizerSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    requireCityScope(who, 'appoint organizers', { reason: 'cityOnly.appointOrganizers' })
    const { store } = services
    const person = await findUser(store, req.openid)
    if (!person)
      throw new CloudError('NOT_FOUND', `No account ${req.openid}: the person must have logged in once (Me shows their id).`, { reason: 'organizer.noAccount' })
    if (req.communityId !== null) await requireCommunity(services, req.communityId)
    await setOrganizerGrant(store, person.openid, req.granted, toShanghaiIso(services.now()), req.communityId)
    const after = await findUser(store, person.openid)
    const scope = after ? await services.organizerScopeOf(after) : undefined
    return { openid: person.openid, organizerScope: scope ? { communityId: scope.communityId } : null }
  },
})
