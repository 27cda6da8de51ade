/**
 * Travel as the app knows it: a trip by one of the green modes, named by its mode and measured in km. Its rules (the
 * duration it needs, the speed check, overlapping trips, the walking shared with steps) are ./rules/travel.ts.
 */
import type { KindFace } from './kind'
import type { TravelCheckInRequest } from './rules/travel'

export const travel: KindFace<TravelCheckInRequest> = {
  name: 'travel',
  labels: {
    factorLabelKey: (key) => `mode.${key}`,
    measured: (e) => `${(e.distanceM ?? 0) / 1000} km${e.durationS !== undefined ? ` / ${Math.round(e.durationS / 60)} min` : ''}`,
  },
  challengeMetrics: {
    travelKm: { unitsPerValue: 1000, defaultMode: 'bike', contribution: (e, rule) => (e.factorId === `travel.${rule.mode}` ? (e.distanceM ?? 0) : 0) },
  },
  queue: {
    isPayload: (p) => typeof p.mode === 'string' && p.mode.length > 0 && typeof p.distanceKm === 'number',
    describe: (req) => ({ labelKey: `mode.${req.mode}`, amount: `${req.distanceKm} km` }),
  },
}
