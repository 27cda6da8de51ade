import { stationCodeSchema } from '../../src/contract/schemas'
import { DISPLAY_WINDOW_MS, displayCodeText, displayWindow } from '../../src/core/stationCode'
import { CloudError } from '../errors'
import { NO_COMMUNITY } from '../../src/core/community'
import { defineFunction, requireScope } from '../function'
import { displayMac } from './stationCodes'
import { getStation, stationSecret } from './queries'

/**
 * The code a station's display shows now (organizers run the display): it changes every 30 seconds and is
 * accepted for its window and the one on either side. Scanning it is evidence the resident stood there.
 */
export const stationDisplayCode = defineFunction({
  name: 'stationDisplayCode',
  schema: stationCodeSchema,
  auth: 'organizer',
  transaction: 'read',
  async handle({ stationCode }, who, services) {
    const station = await getStation(services.store, stationCode)
    const secret = station && (await stationSecret(services.store, stationCode))
    if (!station || !secret)
      throw new CloudError('NOT_FOUND', `No recycling station with code ${stationCode}.`, { reason: 'station.notFound', params: { code: stationCode } })
    requireScope(who, station.communityId ?? NO_COMMUNITY, 'station')
    if (station.retiredAt) {
      const day = station.retiredAt.slice(0, 10)
      throw new CloudError('STATION_RETIRED', `Station ${station.code} was retired on ${day}: its display shows no code.`, {
        reason: 'station.retiredNoCode',
        params: { code: station.code, day },
      })
    }
    const window = displayWindow(services.now())
    return {
      stationCode,
      code: displayCodeText(stationCode, window, displayMac(secret, stationCode, window)),
      windowStartMs: window * DISPLAY_WINDOW_MS,
      windowMs: DISPLAY_WINDOW_MS,
    }
  },
})
