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

/** What a bad display code is told, in the words of the place: a recycling station's drop, or a venue's scene. */
const BAD_CODE = {
  station: {
    notItsCode: (code: string) =>
      new CloudError('INVALID_ARGUMENT', `displayCode is not a display code of station ${code}: scan the code on its screen.`, {
        reason: 'station.notItsCode',
        params: { code },
      }),
    codeExpired: () =>
      new CloudError('INVALID_ARGUMENT', "That station code has expired (it changes every 30 seconds): scan the station's screen again.", {
        reason: 'station.codeExpired',
      }),
    codeOtherTime: () =>
      new CloudError(
        'INVALID_ARGUMENT',
        'That station code was on the screen at another time than this drop (occurredAt): a display code credits only a drop made while it was shown.',
        { reason: 'station.codeOtherTime' },
      ),
    codeUsed: () =>
      new CloudError('INVALID_ARGUMENT', 'You already used this station code: the next one appears on the screen within 30 seconds.', {
        reason: 'station.codeUsed',
      }),
  },
  venue: {
    notItsCode: (code: string) =>
      new CloudError('INVALID_ARGUMENT', `displayCode is not a display code of venue ${code}: scan the code on its screen.`, {
        reason: 'venue.notItsCode',
        params: { code },
      }),
    codeExpired: () =>
      new CloudError('INVALID_ARGUMENT', "That venue code has expired (it changes every 30 seconds): scan the venue's screen again.", {
        reason: 'venue.codeExpired',
      }),
    codeOtherTime: () =>
      new CloudError(
        'INVALID_ARGUMENT',
        'That venue code was on the screen at another time than this scene (occurredAt): a display code credits only a scene at the time it was shown.',
        { reason: 'venue.codeOtherTime' },
      ),
    codeUsed: () =>
      new CloudError('INVALID_ARGUMENT', 'You already used this venue code: the next one appears on the screen within 30 seconds.', {
        reason: 'venue.codeUsed',
      }),
  },
} as const

/**
 * How this check-in proves the station: a rotating display code, checked here (its station, its window ±1 of now
 * and of the check-in's own occurredAt, its HMAC, once per person and window), or nothing better than a typed code.
 * A bad display code is refused rather than quietly treated as typed, so a resident knows to scan again; the
 * refusal names the place as the kind does (a scene's venue is a station underneath, but not to a café's customer).
 */
export async function stationEvidence(
  services: Services,
  who: CallerContext,
  station: Station | undefined,
  stationCode: string,
  displayCode: string | undefined,
  occurredAtMs: number,
  place: 'station' | 'venue' = 'station',
): Promise<{ evidence: Evidence; window?: number }> {
  const openid = who.openid
  if (displayCode === undefined) return { evidence: 'self-reported' }
  // A code proves presence only to someone who cannot show it: an organizer who runs the station can make one on
  // their own screen at home, so their drop is credited as typed (an adversarial pass earned 27,334 g so).
  if (station && who.organizerScope && canActOn(who.organizerScope, station.communityId ?? NO_COMMUNITY)) return { evidence: 'self-reported' }
  const parsed = parseDisplayCode(displayCode)
  if (!parsed || parsed.stationCode !== stationCode) throw BAD_CODE[place].notItsCode(stationCode)
  if (!windowAccepted(parsed.window, services.now())) throw BAD_CODE[place].codeExpired()
  // A code shown now proves presence now, not for a drop back-dated by hours (one was credited 47 h back).
  if (!windowAccepted(parsed.window, occurredAtMs)) throw BAD_CODE[place].codeOtherTime()
  const secret = await stationSecret(services.store, stationCode)
  if (!secret || !macMatches(secret, stationCode, parsed.window, parsed.mac)) throw BAD_CODE[place].notItsCode(stationCode)
  if (!(await useDisplayCode(services.store, openid, stationCode, parsed.window))) throw BAD_CODE[place].codeUsed()
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
