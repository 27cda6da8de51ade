/**
 * Trips for tests that stream many check-ins in real time. A trip needs a duration, and one person's trips may
 * not overlap, so the n-th trip of a stream gets its own two minutes, counted back from when the stream began:
 * the same n always makes the same payload (a retry replays), and 1,440 trips fit in the 48-hour window.
 */
export const TRIP_SLOT_MIN = 2

export function streamedTrip(startedMs: number, n: number, trip: { requestId: string; mode: string; distanceKm: number }) {
  return {
    ...trip,
    kind: 'travel',
    durationMin: TRIP_SLOT_MIN,
    occurredAt: new Date(startedMs - n * TRIP_SLOT_MIN * 60_000).toISOString(),
  }
}
