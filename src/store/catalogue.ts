/** The catalogue slice: the methodology and the stations (the same for everyone). */
import { callCloud } from '../services/cloud'
import type { CatalogueSlice, Slice } from './types'

export const createCatalogueSlice: Slice<CatalogueSlice> = (set) => ({
  methodology: undefined,
  stations: [],
  async loadCatalogue(commit = set) {
    const [methodology, { stations }] = await Promise.all([callCloud('getMethodology', {}), callCloud('listStations', {})])
    commit({ methodology, stations })
  },
})
