/**
 * Low-carbon scenes at venues (issue 24): a resident brings their own cup, takes no disposable tableware or leaves a
 * clean plate at a café, canteen or shop that the city (or its community) set up as a venue. A venue is a station
 * with behaviours (Station.behaviours), so it shows the station display's rotating code; the resident scans it, and
 * the check-in is credited at evidence 'venue-display'. Only behaviours with a cited factor exist (SCENE_BEHAVIOURS).
 */
import type { z } from 'zod'
import { SCENE_BEHAVIOURS, type SceneBehaviour } from '../../../contract/constants'
import { parseStoredList } from '../../counters'
import { refuseCheckIn, type KindRules, type RequestParts, type Zod } from '../kind'

export const sceneSchema = (zod: Zod, p: RequestParts) =>
  zod.strictObject({
    requestId: p.requestId,
    kind: zod.literal('scene'),
    behaviour: zod.enum(SCENE_BEHAVIOURS, { error: `behaviour must be one of ${SCENE_BEHAVIOURS.join(', ')}` }),
    venueCode: zod.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'venueCode must be 1–32 characters A–Z, 0–9, _ or -'),
    /** the rotating code scanned from the venue's display: a scene has no typed, self-reported form */
    displayCode: zod.string().min(1, 'displayCode is required: scan the code on the venue’s screen').max(80, 'displayCode must be at most 80 characters'),
    occurredAt: p.occurredAt.optional(),
  })

export type SceneCheckInRequest = z.output<ReturnType<typeof sceneSchema>>

/**
 * The same behaviour at the same venue again within this window is one occurrence typed twice (a second coffee in
 * 30 minutes is possible, but so is farming it); other behaviours and other venues are not affected.
 */
export const SCENE_REPEAT_WINDOW_MS = 30 * 60 * 1000

/** One earlier scene at a venue, on both clocks. */
export interface SceneVisit {
  behaviour: string
  claimedMs: number
  receivedMs: number
}

/** How many recent scenes a person's row per venue keeps: more than the daily caps allow of all behaviours together. */
export const SCENE_VISITS_KEPT = 12

export const sceneMemoryRow = (venueCode: string) => `scene:${venueCode}`

/**
 * The earlier visit that makes this one a repeat: the same behaviour within the window on either clock (back-dating
 * spreads the claimed times, it cannot spread the receipt times).
 */
export function repeatedScene(previous: readonly SceneVisit[], visit: SceneVisit): SceneVisit | undefined {
  const near = (a: number, b: number) => Math.abs(a - b) < SCENE_REPEAT_WINDOW_MS
  return previous.find((p) => p.behaviour === visit.behaviour && (near(p.claimedMs, visit.claimedMs) || near(p.receivedMs, visit.receivedMs)))
}

export function rememberScene(previous: readonly SceneVisit[], visit: SceneVisit): SceneVisit[] {
  return [...previous, visit].sort((a, b) => b.receivedMs - a.receivedMs).slice(0, SCENE_VISITS_KEPT)
}

export function parseSceneVisits(text: string | undefined): SceneVisit[] {
  return parseStoredList(
    text,
    (v: any): v is SceneVisit =>
      typeof v === 'object' && v !== null && typeof v.behaviour === 'string' && Number.isFinite(v.claimedMs) && Number.isFinite(v.receivedMs),
  )
}

/** The scenes' rules (their face, what the app shows, is ../scene.ts). */
export const sceneRules: KindRules<SceneCheckInRequest> = {
  // No share of its own in the day's total: scenes are credited within the total travel and recycling set.
  publishedRules: () => ({ sceneRepeatWindowMin: SCENE_REPEAT_WINDOW_MS / 60_000 }),
  request: {
    schema: sceneSchema,
    factorId: (req) => `scene.${req.behaviour}`,
    quantityNoun: 'scene',
    plan(req, _factor, venue) {
      if (!venue) return refuseCheckIn('NOT_FOUND', `No venue with code ${req.venueCode}.`, { reason: 'scene.venueNotFound', params: { code: req.venueCode } })
      if (venue.retiredAt) {
        return refuseCheckIn('STATION_RETIRED', `Venue ${venue.code} (${venue.name}) was retired on ${venue.retiredAt.slice(0, 10)}.`, {
          reason: 'scene.venueRetired',
          params: { code: venue.code, name: venue.name, day: venue.retiredAt.slice(0, 10) },
        })
      }
      if (!(venue.behaviours ?? []).includes(req.behaviour as SceneBehaviour)) {
        return refuseCheckIn('INVALID_ARGUMENT', `Venue ${venue.code} (${venue.name}) does not credit ${req.behaviour}.`, {
          reason: 'scene.behaviourNotEnabled',
          params: { code: venue.code, name: venue.name },
        })
      }
      return { ok: true, value: { quantity: 1, measured: { quantity: 1, unit: 'time' } } }
    },
    venue: { stationCode: (req) => req.venueCode, displayCode: (req) => req.displayCode, displayEvidence: 'venue-display', place: 'venue' },
    memory: {
      row: (req) => sceneMemoryRow(req.venueCode),
      parse: parseSceneVisits,
      recall(previous: SceneVisit[], visit) {
        const repeat = repeatedScene(previous, { behaviour: visit.req.behaviour, claimedMs: visit.occurredAtMs, receivedMs: visit.receivedMs })
        if (!repeat) return {}
        const minutes = SCENE_REPEAT_WINDOW_MS / 60_000
        return {
          violation: {
            code: 'IMPLAUSIBLE',
            message: `This scene at venue ${visit.req.venueCode} was credited less than ${minutes} minutes ago.`,
            reason: 'scene.repeated',
            params: { minutes },
          },
        }
      },
      remember: (previous: SceneVisit[], visit) =>
        rememberScene(previous, { behaviour: visit.req.behaviour, claimedMs: visit.occurredAtMs, receivedMs: visit.receivedMs }),
    },
    // Only a scanned display proves presence; an organizer's own venue code proves nothing (mock/wallet/venue.ts).
    ceiling({ evidence }) {
      if (evidence === 'venue-display') return undefined
      return {
        grams: 0,
        refusal: {
          message: 'A scene is credited only with the code scanned on the venue’s screen by a resident; an organizer’s own venue earns nothing.',
          reason: 'scene.displayRequired',
        },
      }
    },
  },
}
