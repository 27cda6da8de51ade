import { emptySchema } from '../../src/contract/schemas'
import { parse, type CloudFunction } from '../function'

export const listStations: CloudFunction<'listStations'> = {
  name: 'listStations',
  requiresSession: true,
  async handle(data, _caller, services) {
    parse(emptySchema, data)
    return { stations: await services.store.listStations() }
  },
}
