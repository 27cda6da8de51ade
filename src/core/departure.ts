/**
 * What a deleted account leaves behind for its limits. Deleting erases the person (nickname, handle, the link from
 * their entries to them), but a keyed hash of the identity they logged in with keeps the counters that limit a
 * person, each for as long as its limit needs, so "delete and log in again" never resets a cap, an overlap, a
 * WeRun day, a reward's per-person limit, a challenge bonus or an event's reward. Nothing carried names an entry:
 * the new account cannot be tied to the old ledger through it.
 */
import type { Trip } from './farming'
import type { StationDrop } from './review'
import { addDays, shanghaiDay, shanghaiDayStartMs } from './time'

const DAY_MS = 24 * 3_600_000

/** WeRun credits the last 7 Shanghai days (src/core/steps): a day's counters matter at least that long. */
export const CARRIED_COUNTER_DAYS = 7
/** Recent station drops (the burst rule's memory) and used display codes are kept this long. */
export const CARRIED_SHORT_MS = 15 * 60_000

/** The trip a carried overlap points to: no entry id (the old ledger stays unlinked). */
export const CARRIED_TRIP_ID = 'an earlier account'

export interface CarriedLimits {
  /** day counter rows (a factor's credited grams, the day total, the walking sources, self-reported grams) */
  counters: { day: string; key: string; grams: number; untilMs: number }[]
  /** recent trips, for the overlap rule */
  trips: (Omit<Trip, 'entryId'> & { untilMs: number })[]
  /** vouchers held or used per reward: the per-person limit counts them for good */
  holdings: { rewardId: string; held: number }[]
  /** challenges completed (a bonus or a badge), until no credit can reach the challenge */
  completions: { challengeId: string; completedMs: number; untilMs: number }[]
  /** events attended (and paid), until they end */
  attended: { eventId: string; attendedAt: string; untilMs: number }[]
  /** display codes used, per station and window */
  displayUses: { stationCode: string; window: number; untilMs: number }[]
  stationDrops: { stationCode: string; drops: StationDrop[]; untilMs: number }[]
  /** challenges they created or funded and events they ran: separation of duties outlives the account */
  notPaidBy: { ref: string; untilMs: number }[]
}

export const NOTHING_CARRIED: CarriedLimits = {
  counters: [],
  trips: [],
  holdings: [],
  completions: [],
  attended: [],
  displayUses: [],
  stationDrops: [],
  notPaidBy: [],
}

/**
 * The instant a day's counters stop mattering: when no credit can reach that day any more, by back-dating
 * (the day's end + MAX_BACKDATE_HOURS) or by WeRun (7 days).
 */
export function counterUntilMs(day: string, maxBackdateHours: number): number {
  const end = shanghaiDayStartMs(addDays(day, 1))
  return Math.max(end + maxBackdateHours * 3_600_000, shanghaiDayStartMs(addDays(day, CARRIED_COUNTER_DAYS)))
}

/** The first day whose counters may still matter at `nowMs`: as far back as back-dating or WeRun reach. */
export function oldestCarriedDay(nowMs: number, maxBackdateHours: number): string {
  const byBackdate = shanghaiDay(nowMs - maxBackdateHours * 3_600_000)
  const byWeRun = addDays(shanghaiDay(nowMs), -(CARRIED_COUNTER_DAYS - 1))
  return byBackdate < byWeRun ? byBackdate : byWeRun
}

/** A challenge stops taking credits once its last day is further back than any back-dating reaches. */
export function completionUntilMs(endDay: string, maxBackdateHours: number): number {
  return counterUntilMs(endDay, maxBackdateHours) + DAY_MS
}

/** Drops what no longer limits anyone at `nowMs`. */
export function liveCarried(c: CarriedLimits, nowMs: number): CarriedLimits {
  const live = <T extends { untilMs: number }>(items: T[]) => items.filter((i) => i.untilMs > nowMs)
  return {
    counters: live(c.counters),
    trips: live(c.trips),
    holdings: c.holdings.filter((h) => h.held > 0),
    completions: live(c.completions),
    attended: live(c.attended),
    displayUses: live(c.displayUses),
    stationDrops: live(c.stationDrops),
    notPaidBy: live(c.notPaidBy),
  }
}

/**
 * Two departures of one identity (deleted, back, deleted again): the limits add up where they count (the
 * grams of one day, the vouchers of one reward) and are kept together otherwise.
 */
export function mergeCarried(a: CarriedLimits, b: CarriedLimits): CarriedLimits {
  const counters = new Map<string, CarriedLimits['counters'][number]>()
  for (const r of [...a.counters, ...b.counters]) {
    const key = `${r.day} ${r.key}`
    const had = counters.get(key)
    counters.set(key, had ? { ...had, grams: had.grams + r.grams, untilMs: Math.max(had.untilMs, r.untilMs) } : { ...r })
  }
  const holdings = new Map<string, number>()
  for (const h of [...a.holdings, ...b.holdings]) holdings.set(h.rewardId, (holdings.get(h.rewardId) ?? 0) + h.held)
  const byKey = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()]
  return {
    counters: [...counters.values()],
    trips: [...a.trips, ...b.trips],
    holdings: [...holdings].map(([rewardId, held]) => ({ rewardId, held })),
    completions: byKey([...a.completions, ...b.completions], (c) => c.challengeId),
    attended: byKey([...a.attended, ...b.attended], (e) => e.eventId),
    displayUses: byKey([...a.displayUses, ...b.displayUses], (u) => `${u.stationCode} ${u.window}`),
    stationDrops: [...a.stationDrops, ...b.stationDrops],
    notPaidBy: byKey([...a.notPaidBy, ...b.notPaidBy], (n) => n.ref),
  }
}

/** When a departed identity's row may be forgotten: its last limit's end, or never while it holds vouchers. */
export function carriedUntilMs(c: CarriedLimits): number | null {
  if (c.holdings.length > 0) return null
  const ends = [...c.counters, ...c.trips, ...c.completions, ...c.attended, ...c.displayUses, ...c.stationDrops, ...c.notPaidBy].map((i) => i.untilMs)
  return ends.length > 0 ? Math.max(...ends) : 0
}

/** Reads a stored bundle defensively: anything malformed carries nothing (and so limits nothing more than a new account). */
export function parseCarried(text: string | undefined): CarriedLimits {
  if (!text) return NOTHING_CARRIED
  try {
    const v = JSON.parse(text) as Partial<CarriedLimits>
    const list = <K extends keyof CarriedLimits>(k: K) => (Array.isArray(v[k]) ? (v[k] as CarriedLimits[K]) : [])
    return {
      counters: list('counters'),
      trips: list('trips'),
      holdings: list('holdings'),
      completions: list('completions'),
      attended: list('attended'),
      displayUses: list('displayUses'),
      stationDrops: list('stationDrops'),
      notPaidBy: list('notPaidBy'),
    }
  } catch {
    return NOTHING_CARRIED
  }
}
