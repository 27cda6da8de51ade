/**
 * Recycling: a drop of one material at a station, credited by weight. The station must exist, be open and take the
 * material; a drop made with a typed station code (no scan of the station's display) earns only part of a cap; drops
 * near the cap or in a burst at one station are reviewed.
 */
import type { z } from 'zod'
import { LIMITS, MATERIALS } from '../../../contract/constants'
import type { Factor } from '../../../contract/types'
import { parseStoredList } from '../../counters'
import { toShanghaiIso } from '../../time'
import { SELF_REPORTED_CAP_SHARE, selfReportedCapGrams, selfReportedKey, type Evidence } from '../../stationCode'
import { dropToConfirm, typedDropToReplace, weighedAlready, WEIGHING_MATCH_WINDOW_MS } from '../../feeds'
import { refuseCheckIn, type KindRules, type RequestParts, type RuleViolation, type Zod } from '../kind'

export const recyclingSchema = (zod: Zod, p: RequestParts) =>
  zod.strictObject({
    requestId: p.requestId,
    kind: zod.literal('recycling'),
    material: zod.enum(MATERIALS, { error: `material must be one of ${MATERIALS.join(', ')}` }),
    weightKg: p.positiveUpTo(LIMITS.maxWeightKg, 'weightKg'),
    stationCode: zod.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'stationCode must be 1–32 characters A–Z, 0–9, _ or -'),
    occurredAt: p.occurredAt.optional(),
    /** v1.2: the rotating code scanned from the station's display (src/core/stationCode); without it, self-reported */
    displayCode: zod.string().max(80, 'displayCode must be at most 80 characters').optional(),
  })

export type RecyclingCheckInRequest = z.output<ReturnType<typeof recyclingSchema>>

/** Which drops an organizer should look at. */
export const RECYCLING_REVIEW = {
  /** a single drop weighing this share of the daily cap's weight or more */
  nearCapShare: 0.8,
  /** this many drops by one person at one station… */
  stationBurstCount: 3,
  /** …within this window (the new drop included) */
  stationBurstWindowMs: 10 * 60 * 1000,
} as const

/**
 * Typed-code (self-reported) drops of every material together, per person and day: the share a typed code earns
 * of the largest material cap (paper's) in force, so drops of a second and third material add nothing past it. Per
 * material the share of that material's own cap still applies.
 */
export function selfReportedDailyGrams(factors: readonly Pick<Factor, 'kind' | 'dailyCapGrams'>[]): number {
  return Math.floor(Math.max(0, ...factors.filter((f) => f.kind === 'recycling').map((f) => f.dailyCapGrams)) * SELF_REPORTED_CAP_SHARE)
}
/** The counter row (per person, day) of self-reported grams of all materials together. */
export const SELF_REPORTED_TOTAL_KEY = '~self.*'

/** One earlier drop at a station, on both clocks: when the resident says it happened, and when the cloud heard of it. */
export interface StationDrop {
  claimedMs: number
  receivedMs: number
  /** issue 24, for a scale to confirm or a later report to be refused (src/core/feeds): absent on older rows */
  entryId?: string
  material?: string
  evidence?: Evidence
  weighed?: boolean
}

/** How many recent drops a person's row per station keeps: more than a burst needs, so back-dating cannot hide one. */
export const STATION_DROPS_KEPT = 8

/**
 * Earlier drops that fall within the burst window of a new one on either clock. The claimed time alone can be
 * spread by back-dating (eleven drops "eleven minutes apart" sent in one minute); the receipt time cannot.
 */
export function recentDropsAtStation(previous: readonly StationDrop[], drop: StationDrop): number {
  const near = (a: number, b: number) => Math.abs(a - b) <= RECYCLING_REVIEW.stationBurstWindowMs
  const byClaim = previous.filter((p) => near(p.claimedMs, drop.claimedMs)).length
  const byReceipt = previous.filter((p) => near(p.receivedMs, drop.receivedMs)).length
  return Math.max(byClaim, byReceipt)
}

/** The row to keep after a drop: the newest drops by receipt, at most STATION_DROPS_KEPT. */
export function rememberDrop(previous: readonly StationDrop[], drop: StationDrop): StationDrop[] {
  return [...previous, drop].sort((a, b) => b.receivedMs - a.receivedMs).slice(0, STATION_DROPS_KEPT)
}

/** Reads a stored row defensively: anything that is not a list of two-clock drops counts as none. */
export function parseStationDrops(text: string | undefined): StationDrop[] {
  return parseStoredList(
    text,
    (d: any): d is StationDrop =>
      typeof d === 'object' &&
      d !== null &&
      Number.isFinite(d.claimedMs) &&
      Number.isFinite(d.receivedMs) &&
      (d.entryId === undefined || typeof d.entryId === 'string') &&
      (d.material === undefined || typeof d.material === 'string'),
  )
}

/** The refusal of a drop a scale at the station already weighed: counting it again would count one drop twice. */
function dropWeighed(req: RecyclingCheckInRequest, weighed: StationDrop): RuleViolation {
  const minutes = WEIGHING_MATCH_WINDOW_MS / 60_000
  return {
    code: 'CONFLICT',
    message: `The station's scale already weighed your ${req.material} drop at ${req.stationCode} at ${toShanghaiIso(weighed.claimedMs)} (within ${minutes} minutes of this one) and credited it: a drop is counted once.`,
    reason: 'checkIn.dropAlreadyWeighed',
    params: { material: req.material, code: req.stationCode, at: toShanghaiIso(weighed.claimedMs), minutes },
  }
}

/** Recycling's rules (its face, what the app shows, is ../recycling.ts). */
export const recyclingRules: KindRules<RecyclingCheckInRequest> = {
  dailyTotal: {
    basis: 'largest recycling cap (paper 10 kg × 3,460 g/kg, Luzhou 绿芽积分)',
    basisZh: '最大的回收上限（纸张 10 千克 × 3460 克/千克，泸州绿芽积分）',
  },
  publishedRules: (factors) => ({
    stationBurstCount: RECYCLING_REVIEW.stationBurstCount,
    stationBurstWindowMin: RECYCLING_REVIEW.stationBurstWindowMs / 60_000,
    nearCapShare: RECYCLING_REVIEW.nearCapShare,
    selfReportedCapShare: SELF_REPORTED_CAP_SHARE,
    selfReportedDailyGrams: selfReportedDailyGrams(factors),
  }),
  request: {
    schema: recyclingSchema,
    factorId: (req) => `recycling.${req.material}`,
    quantityNoun: 'weight',
    plan(req, _factor, station) {
      if (!station)
        return refuseCheckIn('NOT_FOUND', `No recycling station with code ${req.stationCode}.`, {
          reason: 'station.notFound',
          params: { code: req.stationCode },
        })
      // A retired station keeps its history but takes nothing new.
      if (station.retiredAt) {
        return refuseCheckIn(
          'STATION_RETIRED',
          `Station ${station.code} (${station.name}) was retired on ${station.retiredAt.slice(0, 10)}: drop at another station.`,
          {
            reason: 'checkIn.stationRetired',
            params: { code: station.code, name: station.name, day: station.retiredAt.slice(0, 10) },
          },
        )
      }
      if (!station.materials.includes(req.material)) {
        return refuseCheckIn('INVALID_ARGUMENT', `Station ${station.code} does not take ${req.material}.`, {
          reason: 'checkIn.materialNotTaken',
          params: { code: station.code, material: req.material },
        })
      }
      return { ok: true, value: { quantity: req.weightKg, measured: { weightG: Math.round(req.weightKg * 1000) } } }
    },
    venue: { stationCode: (req) => req.stationCode, displayCode: (req) => req.displayCode },
    memory: {
      row: (req) => req.stationCode,
      parse: parseStationDrops,
      recall(previous: StationDrop[], visit) {
        const at = { material: visit.req.material, atMs: visit.occurredAtMs }
        const facts = { recentDropsAtStation: recentDropsAtStation(previous, { claimedMs: visit.occurredAtMs, receivedMs: visit.receivedMs }) }
        if (visit.evidence === 'scale') {
          // A scale's weight confirms the display-code drop it weighed, and corrects it: not a second drop.
          const confirmed = dropToConfirm(previous, at)
          if (confirmed?.entryId) return { corrects: confirmed.entryId }
          // A typed drop of the same bag is replaced: reversed, and the weight credited instead.
          const typed = typedDropToReplace(previous, at)
          if (typed?.entryId) return { supersedes: [typed.entryId], facts }
        } else {
          const weighed = weighedAlready(previous, at)
          if (weighed) return { violation: dropWeighed(visit.req, weighed) }
        }
        return { facts }
      },
      remember(previous: StationDrop[], visit) {
        const at = { material: visit.req.material, atMs: visit.occurredAtMs }
        const confirmed = visit.evidence === 'scale' ? dropToConfirm(previous, at) : undefined
        if (confirmed) return previous.map((d) => (d === confirmed ? { ...d, weighed: true } : d))
        // The typed drop a weighing replaced was reversed: it no longer stands to be replaced again.
        const replaced = visit.evidence === 'scale' ? typedDropToReplace(previous, at) : undefined
        return rememberDrop(replaced ? previous.filter((d) => d !== replaced) : previous, {
          claimedMs: visit.occurredAtMs,
          receivedMs: visit.receivedMs,
          entryId: visit.entryId,
          material: visit.req.material,
          ...(visit.evidence ? { evidence: visit.evidence } : {}),
          ...(visit.evidence === 'scale' ? { weighed: true } : {}),
        })
      },
    },
    reviewReasons(facts) {
      const reasons: string[] = []
      const capKg = facts.factor.dailyCapGrams / facts.factor.gramsPerUnit
      if (facts.quantity >= RECYCLING_REVIEW.nearCapShare * capKg) reasons.push('near_cap_weight')
      if ((facts.recentDropsAtStation ?? 0) + 1 >= RECYCLING_REVIEW.stationBurstCount) reasons.push('station_burst')
      return reasons
    },
    // A typed code proves nothing about presence: it earns a share of the material's cap and of all materials'.
    counterKeys: (factorId, evidence) => (evidence === 'self-reported' ? [selfReportedKey(factorId), SELF_REPORTED_TOTAL_KEY] : []),
    ceiling({ factor, factors, counters, evidence }) {
      if (evidence !== 'self-reported') return undefined
      const allMaterialsGrams = selfReportedDailyGrams(factors)
      return {
        grams: Math.max(
          0,
          Math.min(selfReportedCapGrams(factor) - counters(selfReportedKey(factor.id)), allMaterialsGrams - counters(SELF_REPORTED_TOTAL_KEY)),
        ),
        refusal: {
          message: `Drops with a typed station code earn at most ${selfReportedCapGrams(factor)} g of ${factor.key} and ${allMaterialsGrams} g of all materials together a day; scan the code on the station's display to credit more.`,
          reason: 'checkIn.selfReportedCap',
          params: { capGrams: selfReportedCapGrams(factor), totalGrams: allMaterialsGrams, material: factor.key },
        },
      }
    },
    countersAfter: ({ factor, evidence, creditedGrams }) =>
      evidence === 'self-reported'
        ? [
            { key: selfReportedKey(factor.id), grams: creditedGrams },
            { key: SELF_REPORTED_TOTAL_KEY, grams: creditedGrams },
          ]
        : [],
  },
}
