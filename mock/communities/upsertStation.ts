import { upsertStationSchema } from '../../src/contract/schemas'
import type { Station } from '../../src/contract/types'
import { NO_COMMUNITY } from '../../src/core/community'
import { newStationSecret } from './stationCodes'
import { communityToSave, requireCommunity } from './communities'
import { defineFunction, requireScope } from '../function'
import { getStation, saveStation, setStationSecretIfAbsent } from './queries'

/**
 * Adds a station or edits one (its code is its key and is printed on its QR, so it never changes). A community
 * organizer's stations are their community's; a city organizer says whose it is. A retired station stays retired.
 */
export const upsertStation = defineFunction({
  name: 'upsertStation',
  schema: upsertStationSchema,
  auth: 'organizer',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const existing = await getStation(store, req.code)
    if (existing) requireScope(who, existing.communityId ?? NO_COMMUNITY, 'station')
    const communityId = communityToSave(who, req.communityId, existing?.communityId, 'A community organizer adds stations to their own community only.', {
      reason: 'ownCommunityOnly.stations',
    })
    await requireCommunity(services, communityId)
    const station: Station = {
      code: req.code,
      name: req.name,
      materials: req.materials,
      address: req.address ?? existing?.address ?? '',
      hours: req.hours ?? existing?.hours ?? '',
      communityId,
    }
    if (req.behaviours && req.behaviours.length > 0) station.behaviours = req.behaviours
    if (existing?.retiredAt) station.retiredAt = existing.retiredAt
    // absent keeps the English name (an old client knows no such field); '' clears it
    const nameEn = req.nameEn ?? existing?.nameEn
    if (nameEn) station.nameEn = nameEn
    await saveStation(store, station)
    // Its display's rotating code needs a secret of its own from the start.
    await setStationSecretIfAbsent(store, station.code, newStationSecret())
    return { station }
  },
})
