/**
 * Check-in kinds, in one registry. A kind says which factor a request credits, what it measures, its own
 * checks, what the review rules look at, and how its factors are named. Adding a kind is adding an entry here:
 * the maps below are typed by every kind, so a missing one does not compile.
 */
import type { ErrorCode } from '../contract/errors'
import type { CheckInRequest, RecyclingCheckInRequest, TravelCheckInRequest } from '../contract/schemas'
import type { Factor, FactorKind, LedgerEntry, Station } from '../contract/types'
import { isPlausibleSpeed, speedKmh } from './credit'

/** What a check-in measured, in the integer units the ledger keeps. */
export type Measurements = Pick<LedgerEntry, 'distanceM' | 'durationS' | 'weightG' | 'steps'>

export type KindDecision = { ok: true; value: { quantity: number; measurements: Measurements } } | { ok: false; violation: { code: ErrorCode; message: string } }

export interface CheckInKind<R> {
  /** the factor a request credits: `${kind}.${key}` */
  factorId(req: R): string
  /** the kind's own checks, after the shared ones (the time window): the quantity credited and what was measured */
  plan(req: R, factor: Factor, station: Station | undefined): KindDecision
  /** what the review rules look at besides the factor and the quantity */
  reviewFacts(req: R): { speedKmh?: number }
}

const refuse = (code: ErrorCode, message: string): KindDecision => ({ ok: false, violation: { code, message } })

const travel: CheckInKind<TravelCheckInRequest> = {
  factorId: (req) => `travel.${req.mode}`,
  plan(req, factor) {
    if (req.durationMin === undefined) {
      // Without a duration no speed can be checked and no two trips can be told apart in time.
      return refuse('INVALID_ARGUMENT', 'durationMin is required for travel: how long the trip took lets the speed and overlapping trips be checked.')
    }
    if (!isPlausibleSpeed(req.distanceKm, req.durationMin, factor.maxKmh)) {
      const kmh = Math.round(speedKmh(req.distanceKm, req.durationMin) ?? 0)
      return refuse('IMPLAUSIBLE', `${req.distanceKm} km in ${req.durationMin} min is ${kmh} km/h, faster than ${factor.maxKmh} km/h allowed for ${req.mode}.`)
    }
    return {
      ok: true,
      value: { quantity: req.distanceKm, measurements: { distanceM: Math.round(req.distanceKm * 1000), durationS: Math.round(req.durationMin * 60) } },
    }
  },
  reviewFacts: (req) => ({ speedKmh: speedKmh(req.distanceKm, req.durationMin) }),
}

const recycling: CheckInKind<RecyclingCheckInRequest> = {
  factorId: (req) => `recycling.${req.material}`,
  plan(req, _factor, station) {
    if (!station) return refuse('NOT_FOUND', `No recycling station with code ${req.stationCode}.`)
    // A retired station keeps its history but takes nothing new.
    if (station.retiredAt) return refuse('STATION_RETIRED', `Station ${station.code} (${station.name}) was retired on ${station.retiredAt.slice(0, 10)}: drop at another station.`)
    if (!station.materials.includes(req.material)) return refuse('INVALID_ARGUMENT', `Station ${station.code} does not take ${req.material}.`)
    return { ok: true, value: { quantity: req.weightKg, measurements: { weightG: Math.round(req.weightKg * 1000) } } }
  },
  reviewFacts: () => ({}),
}

/** The kind of a check-in request. Verified steps are a kind of factor but not of request: they come from syncSteps. */
export function checkInKind(req: CheckInRequest): { kind: CheckInKind<CheckInRequest>; factorId: string } {
  switch (req.kind) {
    case 'travel':
      return { kind: travel as CheckInKind<CheckInRequest>, factorId: travel.factorId(req) }
    case 'recycling':
      return { kind: recycling as CheckInKind<CheckInRequest>, factorId: recycling.factorId(req) }
    default:
      return unreachable(req)
  }
}

function unreachable(value: never): never {
  throw new Error(`no check-in kind ${JSON.stringify(value)}`)
}

/** How each kind of factor is named and what its entries measured, for residents and organizers. */
export const FACTOR_KINDS: Record<FactorKind, { labelKey(key: string): string; measured(e: Measurements): string }> = {
  travel: {
    labelKey: (key) => `mode.${key}`,
    measured: (e) => `${(e.distanceM ?? 0) / 1000} km${e.durationS !== undefined ? ` / ${Math.round(e.durationS / 60)} min` : ''}`,
  },
  recycling: {
    labelKey: (key) => `material.${key}`,
    measured: (e) => `${(e.weightG ?? 0) / 1000} kg`,
  },
  steps: {
    labelKey: () => 'factor.werun',
    measured: (e) => `${e.steps ?? 0} steps`,
  },
}

export function isFactorKind(kind: string): kind is FactorKind {
  return Object.prototype.hasOwnProperty.call(FACTOR_KINDS, kind)
}
