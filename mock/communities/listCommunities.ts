import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { listCommunities as listCommunitiesQuery, publicCommunity } from './queries'

/** Every community, for the chooser and the public city page (no login: names only). */
export const listCommunities = defineFunction({
  name: 'listCommunities',
  schema: emptySchema,
  auth: 'none',
  transaction: 'read',
  async handle(_req, _caller, services) {
    return { communities: (await listCommunitiesQuery(services.store)).map(publicCommunity) }
  },
})
