/**
 * The station a check-in is made at, for a kind that has one (src/core/kinds KindVenue): how the resident proved
 * being there, and whether the display code they scanned travelled beyond the station.
 */
import type { Station } from '../../src/contract/types'
import { canActOn, NO_COMMUNITY } from '../../src/core/community'
import { codeShared } from '../../src/core/review'
import { parseDisplayCode, windowAccepted, type Evidence } from '../../src/core/stationCode'
import { macMatches } from '../communities/stationCodes'
import { stationSecret, useDisplayCode, noteDisplayUse, addDisplayWindowUse, displayWindowEntries } from '../communities/queries'
import { CloudError } from '../errors'
import type { CallerContext, Services } from '../function'
import { flagEarlierEntry } from '../reviews/reviews'

/**
 * How this drop proves the station: a rotating display code, checked here (its station, its window ±1 of now and
 * of the drop's own occurredAt, its HMAC, once per person and window), or nothing better than a typed code. A bad
 * display code is refused rather than quietly treated as typed, so a resident knows to scan again.
 */
export async function stationEvidence(
  services: Services,
  who: CallerContext,
  station: Station | undefined,
  stationCode: string,
  displayCode: string | undefined,
  occurredAtMs: number,
): Promise<{ evidence: Evidence; window?: number }> {
  const openid = who.openid
  if (displayCode === undefined) return { evidence: 'self-reported' }
  // A code proves presence only to someone who cannot show it: an organizer who runs the station can make one on
  // their own screen at home, so their drop is credited as typed (an adversarial pass earned 27,334 g so).
  if (station && who.organizerScope && canActOn(who.organizerScope, station.communityId ?? NO_COMMUNITY)) return { evidence: 'self-reported' }
  const parsed = parseDisplayCode(displayCode)
  if (!parsed || parsed.stationCode !== stationCode) {
    throw new CloudError('INVALID_ARGUMENT', `displayCode is not a display code of station ${stationCode}: scan the code on its screen.`, {
      reason: 'station.notItsCode',
      params: { code: stationCode },
    })
  }
  if (!windowAccepted(parsed.window, services.now())) {
    throw new CloudError('INVALID_ARGUMENT', "That station code has expired (it changes every 30 seconds): scan the station's screen again.", {
      reason: 'station.codeExpired',
    })
  }
  // A code shown now proves presence now, not for a drop back-dated by hours (one was credited 47 h back).
  if (!windowAccepted(parsed.window, occurredAtMs)) {
    throw new CloudError(
      'INVALID_ARGUMENT',
      'That station code was on the screen at another time than this drop (occurredAt): a display code credits only a drop made while it was shown.',
      {
        reason: 'station.codeOtherTime',
      },
    )
  }
  const secret = await stationSecret(services.store, stationCode)
  if (!secret || !macMatches(secret, stationCode, parsed.window, parsed.mac)) {
    throw new CloudError('INVALID_ARGUMENT', `displayCode is not a display code of station ${stationCode}: scan the code on its screen.`, {
      reason: 'station.notItsCode',
      params: { code: stationCode },
    })
  }
  if (!(await useDisplayCode(services.store, openid, stationCode, parsed.window))) {
    throw new CloudError('INVALID_ARGUMENT', 'You already used this station code: the next one appears on the screen within 30 seconds.', {
      reason: 'station.codeUsed',
    })
  }
  return { evidence: 'station-display', window: parsed.window }
}

/**
 * Counts this resident on the station's code window. Past what a station serves in one window, the code travelled:
 * this drop is reviewed, and so (once, when the window first goes over) is every earlier drop made with it.
 */
export async function codeWindowShared(services: Services, openid: string, stationCode: string, window: number, entryId: string): Promise<boolean> {
  const { store } = services
  await noteDisplayUse(store, openid, stationCode, window, entryId)
  const residents = await addDisplayWindowUse(store, stationCode, window)
  const limit = services.rules.residentsPerCodeWindow
  if (!codeShared(residents, limit)) return false
  if (residents === limit + 1) {
    for (const earlier of await displayWindowEntries(store, stationCode, window, limit + 1)) {
      if (earlier.openid !== openid) await flagEarlierEntry(services, earlier.openid, earlier.entryId, ['shared_code'])
    }
  }
  return true
}

/** What a display code scanned before the lock promises: the counter rows a typed code's ceiling reads are asked for ahead. */
export function expectedEvidence(displayCode: string | undefined): Evidence {
  return displayCode === undefined ? 'self-reported' : 'station-display'
}
