import { retireStationSchema } from '../../src/contract/schemas'
import { NO_COMMUNITY } from '../../src/core/community'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { defineFunction, requireScope } from '../function'
import { getStation, saveStation } from './queries'

/** Retires a station: it refuses new drops from now on and keeps every entry made at it. Once only. */
export const retireStation = defineFunction({
  name: 'retireStation',
  schema: retireStationSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const station = await getStation(store, req.code)
    if (!station) throw new CloudError('NOT_FOUND', `No station with code ${req.code}.`, { reason: 'station.notFound', params: { code: req.code } })
    requireScope(who, station.communityId ?? NO_COMMUNITY, 'station')
    if (station.retiredAt) {
      const day = station.retiredAt.slice(0, 10)
      throw new CloudError('CONFLICT', `Station ${station.code} was already retired on ${day}.`, {
        reason: 'station.alreadyRetired',
        params: { code: station.code, day },
      })
    }
    const retired = { ...station, retiredAt: toShanghaiIso(services.now()) }
    await saveStation(store, retired)
    return { station: retired }
  },
})
