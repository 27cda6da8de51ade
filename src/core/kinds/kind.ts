/**
 * What a kind of check-in is: every decision that differs between kinds, as data and pure functions. The contract's
 * schema, the rules core, the cloud's check-in, the client's queue and labels and the challenge metrics read kinds
 * through the registry (./registry), never by name, so a kind is added by defining it and registering it.
 *
 * A kind has two halves. Its face (KindFace: names, labels, metrics, how a queued request reads) is what the app
 * needs; it ships in the weapp main package, so it imports no rule. Its rules (KindRules: the request's schema,
 * plan, memory, caps, review) only the cloud runs; they are in ./rules/<kind>.ts, which the app never imports.
 * ./faces registers the built-in faces (the app imports kinds from there), ./index adds their rules (the cloud's).
 *
 * Its request schema is a function of zod rather than a zod object: the app must not bundle zod, so only the
 * contract, which has zod, builds the schema.
 */
import type { z } from 'zod'
import type { ErrorCode, ErrorReason } from '../../contract/errors'
import type { CreditRules, Factor, LedgerEntry, Station } from '../../contract/types'
import type { Evidence } from '../stationCode'
import type { EvidenceLevel } from '../evidence'

export type { Evidence }

export type Zod = typeof z

/** What every check-in request carries besides its kind's own fields. */
export interface KindRequest {
  requestId: string
  kind: string
  occurredAt?: string
}

/** The fields every kind's request shares, made by the contract (src/contract/schemas.ts) with its messages. */
export interface RequestParts {
  requestId: z.ZodString
  occurredAt: z.ZodISODateTime
  positiveUpTo(max: number, name: string): z.ZodNumber
}

/**
 * What a check-in measured, as its entry keeps it, in integers: the first kinds' own fields (distance, duration,
 * weight, steps), or for every kind since a quantity and its unit, so a new kind needs no new column.
 */
export type Measurements = Pick<LedgerEntry, 'distanceM' | 'durationS' | 'weightG' | 'steps' | 'quantity' | 'unit'>

/**
 * A refusal: the contract code, the English sentence for API consumers, and the reason and params the app words
 * it from in the resident's language (src/i18n/refusals.ts; plain figures, never an internal id).
 */
export interface RuleViolation extends ErrorReason {
  code: ErrorCode
  message: string
}

/** What a ceiling that leaves nothing says: its sentence, reason and params, under DAILY_CAP_REACHED. */
export type CeilingRefusal = Omit<RuleViolation, 'code'>

export type KindDecision = { ok: true; value: { quantity: number; measured: Measurements } } | { ok: false; violation: RuleViolation }

/** A kind's plan refusing a check-in: its code, the sentence for API readers, and the reason the app words. */
export const refuseCheckIn = (code: ErrorCode, message: string, refusal: Omit<RuleViolation, 'code' | 'message'>): KindDecision => ({
  ok: false,
  violation: { code, message, ...refusal },
})

/** The person's counter rows of one day, read under their lock: grams by key, 0 for a row not written yet. */
export type Counters = (key: string) => number

/** What a kind's ceiling and its extra counters see of one check-in. */
export interface CapContext {
  factor: Factor
  /** the methodology's factors in force, for a ceiling that follows them (recycling's: a share of the largest cap) */
  factors: readonly Factor[]
  day: string
  /** what the check-in is worth before any cap */
  rawGrams: number
  counters: Counters
  evidence?: Evidence
}

/** What a review rule looks at: the factor and the quantity, and whatever the kind's checks and memory found. */
export interface ReviewFacts {
  factor: Pick<Factor, 'kind' | 'gramsPerUnit' | 'dailyCapGrams' | 'maxKmh'>
  quantity: number
  /** travel: km/h, when a duration was given */
  speedKmh?: number
  /** recycling: earlier drops by the same person at the same station within the burst window */
  recentDropsAtStation?: number
  [fact: string]: unknown
}

/** One check-in as a kind's memory sees it: when it happened, by the resident's clock and by the cloud's. */
export interface Visit<R> {
  req: R
  factorId: string
  occurredAtMs: number
  receivedMs: number
  maxBackdateHours: number
  /** how it was proven, when the cloud knows before the credit (an operator's trip, a scale's weight) */
  evidence?: Evidence
  /** the partner that reported it, for a check-in that came over the partner API */
  source?: string
}

/** What a kind's memory answers before the credit: a refusal, review facts, or what to do with earlier check-ins. */
export interface Recalled {
  violation?: RuleViolation
  facts?: Partial<ReviewFacts>
  /** earlier entries this one replaces: each is reversed by an `adjust` entry before this one is credited */
  supersedes?: string[]
  /** the earlier entry this one confirms and corrects (a scale's weight of a display-code drop): an `adjust` for the difference */
  corrects?: string
  /** the earlier entry this one is (two reporters of one activity): nothing is credited, and that entry answers */
  sameAs?: string
}

/**
 * What a kind remembers of a person's earlier check-ins, to refuse or flag the next one (trips that overlap, drops in
 * a burst). It is kept as JSON text in a row the cloud reads with the person's lock: `'person'`, their own row on the
 * wallet (one kind's only: travel's trips), or a row per key (a station's drops under its code; a new kind's keys
 * start `<kind>:` and are at most 64 characters). A deleted account's rows are carried to its identity's next one.
 */
export interface KindMemory<R, M> {
  row: 'person' | ((req: R) => string)
  /** reads the stored text defensively: anything unreadable is no memory */
  parse(text: string | undefined): M
  /** before the credit is written: a refusal, or what the review rules should know */
  recall(memory: M, visit: Visit<R>): Recalled
  /** after the entry is written: the memory to keep */
  remember(memory: M, visit: Visit<R> & { entryId: string }): M
}

/** A check-in made at a recycling station: the cloud finds the station and checks how the resident proved being there. */
export interface KindVenue<R> {
  stationCode(req: R): string
  /** the rotating code scanned from the station's display; absent, the drop is self-reported */
  displayCode(req: R): string | undefined
  /** what a checked display code is recorded as on the entry (a venue's scene: 'venue-display'); default 'station-display' */
  displayEvidence?: Evidence
  /** what a bad display code's refusal calls the place (a scene's: 'venue', reasons `venue.*`); default 'station' */
  place?: 'station' | 'venue'
}

/** What a check-in request of a kind is, and what its credit must pass besides the shared rules. */
export interface RequestRules<R extends KindRequest> {
  schema(zod: Zod, parts: RequestParts): z.ZodType<R>
  /** the factor a request credits: `<kind>.<key>` */
  factorId(req: R): string
  /** what the refusal of a quantity worth less than a gram calls it ("That distance is too small…") */
  quantityNoun: string
  /** the kind's own checks, after the shared time window: the quantity the factor credits, and what the entry keeps */
  plan(req: R, factor: Factor, station: Station | undefined): KindDecision
  venue?: KindVenue<R>
  memory?: KindMemory<R, any>
  /** what the review rules look at, from the request itself */
  reviewFacts?(req: R): Partial<ReviewFacts>
  /** which credited check-ins an organizer should look at (a flag never blocks a credit) */
  reviewReasons?(facts: ReviewFacts): string[]
  /** counter rows the ceiling reads, beside the factor's cap row and the day's total */
  counterKeys?(factorId: string, evidence: Evidence | undefined): string[]
  /** at most this many grams whatever the caps allow, and what the resident reads when it leaves none */
  ceiling?(c: CapContext): { grams: number; refusal: CeilingRefusal } | undefined
  /** counter rows to add to once the entry is written, beside the factor's and the day's */
  countersAfter?(c: CapContext & { creditedGrams: number }): { key: string; grams: number }[]
}

/** How a challenge measures progress in a kind's own terms (km of one travel mode, kg recycled). */
export interface ChallengeMetricRule {
  /** stored units per natural unit (1000: the cloud keeps metres and grams for km and kg) */
  unitsPerValue: number
  /** the metric is of one key of the kind (travel's mode), which a challenge must name; the form's default */
  defaultMode?: string
  contribution(entry: Pick<LedgerEntry, 'factorId' | 'distanceM' | 'weightG' | 'steps' | 'quantity' | 'unit'>, rule: { mode?: string }): number
}

/** How the app reads a check-in it queued back from the device, and names it on Home (queued, or refused later). */
export interface KindQueue<R> {
  /** a payload it cannot send is dropped */
  isPayload(payload: Record<string, unknown>): boolean
  /** the factor's label (a message key) and the amount */
  describe(req: R): { labelKey: string; amount: string }
}

/** What the app knows of a kind (see the top of this file): nothing here may import a rule. */
export interface KindFace<R extends KindRequest = KindRequest> {
  /** the request's `kind` and the factors' (`<name>.<key>`) */
  name: string
  labels: {
    /** the message that names a factor of this kind, from the key after the dot */
    factorLabelKey(key: string): string
    /** what an entry measured, for organizers (default: quantity and unit) */
    measured?(e: Measurements): string
    /** a detail shown beside the factor's name in the resident's ledger */
    entryDetail?(e: Measurements): { key: string; params: Record<string, number> } | undefined
  }
  /** messages of its own, by language ('zh-CN', 'en'), for a kind whose labels are not in src/i18n */
  messages?: Record<string, Record<string, string>>
  /** challenge metrics of this kind, by the contract's metric name */
  challengeMetrics?: Record<string, ChallengeMetricRule>
  /** what its entries prove when they name no evidence of their own (src/core/evidence; default self-reported) */
  evidenceLevel?: EvidenceLevel
  /** present for kinds a resident checks in: how the app keeps and names their requests */
  queue?: KindQueue<R>
}

/** What only the cloud runs of a kind (see the top of this file). */
export interface KindRules<R extends KindRequest = KindRequest> {
  /**
   * Factors that no version in src/core/methodology.ts lists: they join the methodology in force when a database is
   * seeded (a pilot's kind, a test's). A kind that ships puts its factors in a new methodology version instead.
   */
  factors?: readonly Factor[]
  /** the counter its factor's daily cap is kept under, when it shares another factor's cap (steps: the walking cap) */
  capKey?(factorId: string): string
  /** its largest cap is a share of the day's total across kinds, and why, for the methodology page */
  dailyTotal?: { basis: string; basisZh: string }
  /** its rules as getMethodology publishes them (src/contract/types CreditRules), for the factors in force */
  publishedRules?(factors: readonly Pick<Factor, 'kind' | 'dailyCapGrams'>[]): Partial<CreditRules>
  /** present for kinds a resident checks in (steps come from syncSteps instead); the face then has a queue */
  request?: RequestRules<R>
}

export type CheckInKind<R extends KindRequest = KindRequest> = KindFace<R> & KindRules<R>
