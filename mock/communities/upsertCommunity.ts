import { upsertCommunitySchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction, requireCityScope } from '../function'
import { getCommunity, listCommunities, publicCommunity, saveCommunity } from './queries'

/** Opens (no id) or renames a community (city organizers only). Names are unique across the city. */
export const upsertCommunity = defineFunction({
  name: 'upsertCommunity',
  schema: upsertCommunitySchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    requireCityScope(who, 'open or rename a community', { reason: 'cityOnly.communities' })
    const { store } = services
    const existing = req.id === undefined ? undefined : await getCommunity(store, req.id)
    if (req.id !== undefined && !existing) throw new CloudError('NOT_FOUND', `No community with id ${req.id}.`, { reason: 'community.notFound' })
    const clash = (await listCommunities(store)).find((c) => c.name === req.name && c.id !== existing?.id)
    if (clash)
      throw new CloudError('CONFLICT', `There is already a community named ${req.name}.`, { reason: 'community.nameTaken', params: { name: req.name } })
    const community = {
      id: existing?.id ?? services.newId('cm'),
      name: req.name,
      // absent keeps the English name (an old client knows no such field); '' clears it
      nameEn: req.nameEn ?? existing?.nameEn ?? '',
      createdAt: existing?.createdAt ?? toShanghaiIso(services.now()),
    }
    await saveCommunity(store, community)
    return { community: publicCommunity(community) }
  },
})
