/**
 * The city's partners in the contract: the organizer's and the resident's cloud functions about them, and the
 * rows of the signed partner API (`POST /partner/v1/<op>`, docs/partner-api.md), each with its zod schema and the
 * type inferred from it. The app imports only the types.
 */
import { z } from 'zod'
import { FEED_KINDS, feedNotForKind, PARTNER_FEEDS, PARTNER_KINDS, PARTNER_LIMITS, type PartnerFeed, type PartnerKind } from '../core/partners'
import { LIMITS, MATERIALS, TRAVEL_MODES } from './constants'
import { ERROR_STATUS, type ErrorCode } from './errors'
import { freeText } from './schemas'

const stationCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'stationCode must be 1–32 characters A–Z, 0–9, _ or -')
const partnerId = z.string().regex(/^pt_[A-Za-z0-9_-]{6,40}$/, 'partnerId must be a partner id (pt_…)')

export const registerPartnerSchema = z
  .strictObject({
    name: freeText('name', 40, { name: true }),
    kind: z.enum(PARTNER_KINDS, { error: `kind must be one of ${PARTNER_KINDS.join(', ')}` }),
    feeds: z
      .array(z.enum(PARTNER_FEEDS as unknown as [PartnerFeed, ...PartnerFeed[]], { error: `feeds may name ${PARTNER_FEEDS.join(', ') || 'nothing yet'}` }))
      .max(PARTNER_FEEDS.length, 'feeds names each feed once')
      .refine((f) => new Set(f).size === f.length, 'feeds names each feed once'),
    /** the stations a partner with the weights feed reports for: it credits at these only */
    stations: z
      .array(stationCode)
      .max(PARTNER_LIMITS.maxStations, `stations names at most ${PARTNER_LIMITS.maxStations}`)
      .refine((s) => new Set(s).size === s.length, 'stations names each station once')
      .optional(),
  })
  .refine((r) => r.feeds.includes('weights') === (r.stations !== undefined && r.stations.length > 0), {
    error: 'a partner with the weights feed names the stations it weighs at (stations), and only such a partner does',
    path: ['stations'],
  })
  .refine((r) => feedNotForKind(r.kind, r.feeds) === undefined, {
    error: `a partner's kind decides its feeds: ${PARTNER_FEEDS.map((f) => `${f} for ${FEED_KINDS[f].join(', ')}`).join('; ')}`,
    path: ['feeds'],
  })
export const partnerIdSchema = z.strictObject({ partnerId })

export type RegisterPartnerRequest = z.infer<typeof registerPartnerSchema>
export type PartnerIdRequest = z.infer<typeof partnerIdSchema>

/** A partner as organizers see it; its secret is shown once, in SecretIssued, and never again. */
export interface PartnerView {
  id: string
  name: string
  kind: PartnerKind
  feeds: PartnerFeed[]
  /** issue 24: the stations a bin or scale reports weights for */
  stations?: string[]
  /** counts up at every rotation: which secret signs now */
  secretVersion: number
  createdAt: string
  revokedAt?: string
  /** Feed health, for the city's organizers: the last signed request the cloud took from it */
  lastSeenAt?: string
  /** and its rows' answers on the current Asia/Shanghai day */
  today?: { accepted: number; duplicate: number; refused: number }
}

export interface SecretIssued {
  partner: PartnerView
  /** shown once: the partner signs every request with it (HMAC-SHA256) */
  secret: string
}

/** A partner a resident may link an account at, and whether they have. */
export interface LinkablePartner {
  id: string
  name: string
  kind: PartnerKind
  linkedAt?: string
}

export interface LinkCodeIssued {
  /** the resident shows it (as a QR) to the partner's app, which submits it with its own user id */
  code: string
  expiresAt: string
  partner: LinkablePartner
}

export interface PartnerFunctions {
  registerPartner: { req: RegisterPartnerRequest; res: SecretIssued }
  rotatePartnerSecret: { req: PartnerIdRequest; res: SecretIssued }
  revokePartner: { req: PartnerIdRequest; res: { partner: PartnerView } }
  listPartners: { req: Record<string, never>; res: { partners: PartnerView[] } }
  listMyPartnerLinks: { req: Record<string, never>; res: { partners: LinkablePartner[] } }
  createLinkCode: { req: PartnerIdRequest; res: LinkCodeIssued }
  unlinkPartner: { req: PartnerIdRequest; res: { partners: LinkablePartner[] } }
}

// The partner API's rows.

/** The partner's own id for a row: the key that makes a re-sent row a duplicate, forever. */
const rowId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'rowId must be 1–64 characters of A–Z, a–z, 0–9, _ . : or -')

export const partnerBatchSchema = z.strictObject(
  {
    rows: z
      .array(z.unknown(), { error: 'rows must be a list' })
      .min(1, 'rows must not be empty')
      .max(PARTNER_LIMITS.maxRows, `a batch holds at most ${PARTNER_LIMITS.maxRows} rows`),
  },
  { error: 'The body must be { "rows": [ … ] }.' },
)

const partnerUserId = z.string().min(1, 'partnerUserId must not be empty').max(128, 'partnerUserId must be at most 128 characters')

export const linkRowSchema = z.strictObject({
  rowId,
  linkCode: z.string().regex(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/, 'linkCode must be the 8-character code the resident showed'),
  partnerUserId,
})
export type LinkRow = z.infer<typeof linkRowSchema>

const instant = (name: string) => z.iso.datetime({ offset: true, error: `${name} must be an ISO-8601 instant with an offset or Z` })

/** A trip a transit, bike-share, ride-hailing or navigation operator saw the linked resident make; its rowId is the operator's trip id. */
export const tripRowSchema = z
  .strictObject({
    rowId,
    partnerUserId,
    mode: z.enum(TRAVEL_MODES, { error: `mode must be one of ${TRAVEL_MODES.join(', ')}` }),
    distanceKm: z
      .number({ error: 'distanceKm must be a number' })
      .positive('distanceKm must be more than 0')
      .max(LIMITS.maxDistanceKm, `distanceKm must be at most ${LIMITS.maxDistanceKm}`),
    startedAt: instant('startedAt'),
    endedAt: instant('endedAt'),
  })
  .refine((r) => Date.parse(r.endedAt) > Date.parse(r.startedAt), { error: 'endedAt must be after startedAt', path: ['endedAt'] })
  .refine((r) => Date.parse(r.endedAt) - Date.parse(r.startedAt) <= LIMITS.maxDurationMin * 60_000, {
    error: `a trip lasts at most ${LIMITS.maxDurationMin} minutes`,
    path: ['endedAt'],
  })
export type TripRow = z.infer<typeof tripRowSchema>

/** A drop a registered bin or scale weighed at one of the stations the city registered it for. */
export const weightRowSchema = z.strictObject({
  rowId,
  partnerUserId,
  stationCode,
  material: z.enum(MATERIALS, { error: `material must be one of ${MATERIALS.join(', ')}` }),
  weightG: z
    .number({ error: 'weightG must be a number' })
    .int('weightG must be whole grams')
    .positive('weightG must be more than 0')
    .max(LIMITS.maxWeightKg * 1000, `weightG must be at most ${LIMITS.maxWeightKg * 1000}`),
  weighedAt: instant('weighedAt'),
})
export type WeightRow = z.infer<typeof weightRowSchema>

/** One line of a batch's answer, in the order the rows came. */
export const partnerRowAnswerSchema = z.strictObject({
  rowId: z.string(),
  /** duplicate: this partner sent this rowId before, and what it did then stands */
  status: z.enum(['accepted', 'duplicate', 'refused']),
  /** what the row made (an entry id, or `linked`) */
  ref: z.string().optional(),
  code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]).optional(),
  message: z.string().optional(),
})
export type PartnerRowAnswer = z.infer<typeof partnerRowAnswerSchema>

/** What a batch answers (200) and what a refused request answers: the schemas docs/partner-api.openapi.json is made from. */
export const partnerBatchAnswerSchema = z.strictObject({ result: z.strictObject({ rows: z.array(partnerRowAnswerSchema) }) })
export const partnerErrorSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]), message: z.string() }),
})

/** Each operation's rows, for the published description (the cloud validates a row at a time: PARTNER_ROW_HANDLERS). */
export const PARTNER_ROW_SCHEMAS = { link: linkRowSchema, trips: tripRowSchema, weights: weightRowSchema } as const
