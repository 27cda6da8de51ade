/**
 * Recycling as the app knows it: a drop of one material at a station, named by its material and measured in kg. Its
 * rules (the station, typed versus scanned codes, caps, bursts, a scale's weighing) are ./rules/recycling.ts.
 */
import type { KindFace } from './kind'
import type { RecyclingCheckInRequest } from './rules/recycling'

export const recycling: KindFace<RecyclingCheckInRequest> = {
  name: 'recycling',
  labels: {
    factorLabelKey: (key) => `material.${key}`,
    measured: (e) => `${(e.weightG ?? 0) / 1000} kg`,
  },
  challengeMetrics: {
    recyclingKg: { unitsPerValue: 1000, contribution: (e) => e.weightG ?? 0 },
  },
  queue: {
    isPayload: (p) =>
      typeof p.material === 'string' &&
      p.material.length > 0 &&
      typeof p.weightKg === 'number' &&
      typeof p.stationCode === 'string' &&
      p.stationCode.length > 0,
    describe: (req) => ({ labelKey: `material.${req.material}`, amount: `${req.weightKg} kg` }),
  },
}
