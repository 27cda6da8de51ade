/** Contract constants the client needs at run time; kept apart from the zod schemas so the app bundle never pulls in zod. */
export const TRAVEL_MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool'] as const
export const MATERIALS = ['paper', 'cardboard', 'plastic', 'metal', 'glass', 'textile'] as const

export const LIMITS = {
  maxDistanceKm: 500,
  maxWeightKg: 100,
  maxDurationMin: 1440,
  maxFutureSkewMs: 5 * 60 * 1000,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  maxBodyBytes: 64 * 1024,
  ledgerPageDefault: 20,
  ledgerPageMax: 50,
} as const

export type TravelMode = (typeof TRAVEL_MODES)[number]
export type Material = (typeof MATERIALS)[number]
