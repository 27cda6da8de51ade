/**
 * A check-in kind that exists only in the tests: a resident brought their own cup to a café instead of taking a
 * disposable one. Nothing outside this file names it, yet test/cloud/fixtureKind.test.ts and
 * test/pages/fixtureKind.test.tsx take it end to end: the proof that a kind's definition owns every decision about it
 * (its schema, factor, checks, memory, caps, share of the day's total, review reason, measurement, labels, the
 * client's queue guard and its challenge metric), and that the registry is all the rest of the code asks.
 */
import type { z } from 'zod'
import type { Factor } from '../../src/contract/types'
import { kindNamed, registerKind, type CheckInKind, type RequestParts, type Zod } from '../../src/core/kinds'
import { parseStoredList } from '../../src/core/counters'

export const CUP_KIND = 'fixture-cup'

const cupSchema = (zod: Zod, p: RequestParts) =>
  zod.strictObject({
    requestId: p.requestId,
    kind: zod.literal(CUP_KIND),
    cafe: zod.string().regex(/^[A-Z0-9-]{1,24}$/, 'cafe must be 1–24 characters A–Z, 0–9 or -'),
    cups: zod.number({ error: 'cups must be a number' }).int('cups must be a whole number').min(1, 'cups must be at least 1').max(6, 'cups must be at most 6'),
    occurredAt: p.occurredAt.optional(),
  })

export type CupCheckIn = z.output<ReturnType<typeof cupSchema>>

/** Illustrative figures, cited like the real factors so the methodology page and the ledger can show them. */
export const CUP_FACTOR: Factor = {
  id: `${CUP_KIND}.own`,
  kind: CUP_KIND,
  key: 'own',
  unit: 'cup',
  gramsPerUnit: 35,
  dailyCapGrams: 140,
  source: 'Test fixture: a disposable paper cup with a plastic lid, 35 g CO2e cradle to grave (illustrative, not a published figure)',
  sourceVersion: 'Fixture cup figures, 2026',
  rationale: 'Four cups a day at most: nobody drinks more coffee than that from their own cup.',
}

/** Two orders at one café this close together are one order typed twice. */
export const SAME_ORDER_MS = 60_000
/** Another visit to the same café within the hour is reviewed: refills are real, but so is farming them. */
export const RUSH_WINDOW_MS = 3_600_000

interface Visit {
  claimedMs: number
  receivedMs: number
}

const parseVisits = (text: string | undefined): Visit[] =>
  parseStoredList(text, (v: any): v is Visit => typeof v === 'object' && v !== null && Number.isFinite(v.claimedMs) && Number.isFinite(v.receivedMs))

export const cupKind: CheckInKind<CupCheckIn> = {
  name: CUP_KIND,
  factors: [CUP_FACTOR],
  dailyTotal: { basis: 'largest own-cup cap (4 cups × 35 g, fixture)', basisZh: '最大的自带杯上限（4 杯 × 35 克，测试用）' },
  labels: {
    factorLabelKey: (key) => `fixtureCup.${key}`,
    measured: (e) => `${e.quantity ?? 0} × ${e.unit ?? 'cup'}`,
  },
  messages: {
    'zh-CN': { 'fixtureCup.own': '自带杯', 'reason.cup_rush': '一小时内在同一家咖啡馆再次自带杯', 'refusal.fixtureCup.sameOrder': '{cafe} 的这杯已经记过了。' },
    en: {
      'fixtureCup.own': 'Own cup',
      'reason.cup_rush': 'Another own-cup visit at the same café within the hour',
      'refusal.fixtureCup.sameOrder': 'This cup at {cafe} is already credited.',
    },
  },
  challengeMetrics: {
    fixtureCups: { unitsPerValue: 1, contribution: (e) => (e.unit === 'cup' ? (e.quantity ?? 0) : 0) },
  },
  request: {
    schema: cupSchema,
    factorId: () => CUP_FACTOR.id,
    quantityNoun: 'number of cups',
    plan: (req) => ({ ok: true, value: { quantity: req.cups, measured: { quantity: req.cups, unit: 'cup' } } }),
    memory: {
      row: (req) => `${CUP_KIND}:${req.cafe}`,
      parse: parseVisits,
      recall(previous: Visit[], visit) {
        if (previous.some((v) => Math.abs(v.receivedMs - visit.receivedMs) < SAME_ORDER_MS)) {
          return {
            violation: {
              code: 'IMPLAUSIBLE',
              message: `One own-cup order a minute at café ${visit.req.cafe}: this one is already credited.`,
              reason: 'fixtureCup.sameOrder',
              params: { cafe: visit.req.cafe },
            },
          }
        }
        return { facts: { cupVisitsWithinHour: previous.filter((v) => Math.abs(v.claimedMs - visit.occurredAtMs) < RUSH_WINDOW_MS).length } }
      },
      remember: (previous: Visit[], visit) => [...previous, { claimedMs: visit.occurredAtMs, receivedMs: visit.receivedMs }].slice(-8),
    },
    reviewReasons: (facts) => (typeof facts.cupVisitsWithinHour === 'number' && facts.cupVisitsWithinHour > 0 ? ['cup_rush'] : []),
  },
  queue: {
    isPayload: (p) => typeof p.cafe === 'string' && p.cafe.length > 0 && Number.isInteger(p.cups),
    describe: (req) => ({ labelKey: 'fixtureCup.own', amount: `× ${req.cups}` }),
  },
}

/** Registers the fixture once per test file (jest gives each file its own registry). */
export function registerCupKind(): void {
  if (!kindNamed(CUP_KIND)) registerKind(cupKind)
}
