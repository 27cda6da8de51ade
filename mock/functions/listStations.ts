import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'

export const listStations = defineFunction({
  name: 'listStations',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, _caller, services) {
    return { stations: await services.store.listStations() }
  },
})
