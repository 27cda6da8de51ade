import { listStationsSchema } from '../../src/contract/schemas'
import { canActOn, NO_COMMUNITY } from '../../src/core/community'
import { defineFunction } from '../function'
import { listStations as listStationsQuery } from './queries'

/** The stations residents can drop at; an organizer asking for retired ones too gets those they run. */
export const listStations = defineFunction({
  name: 'listStations',
  schema: listStationsSchema,
  auth: 'session',
  transaction: 'read',
  async handle(req, who, services) {
    const stations = await listStationsQuery(services.store)
    const scope = who.organizerScope
    if (req.includeRetired && scope) return { stations: stations.filter((s) => canActOn(scope, s.communityId ?? NO_COMMUNITY)) }
    return { stations: stations.filter((s) => !s.retiredAt) }
  },
})
