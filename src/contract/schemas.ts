/**
 * Request schemas of every cloud function. The cloud validates with them; the client imports only their
 * inferred types, so changing a field here breaks both sides' build at once.
 */
import { z } from 'zod'
import { TREASURY_LIMITS } from '../core/treasury'
import { freeTextProblem, hasLoneSurrogate, isReservedName } from './text'

import {
  metricsWithMode,
  oneOf,
  requestKinds,
  registryVersion,
  type CheckInRequest,
  type KindRequest,
  type RecyclingCheckInRequest,
  type RequestParts,
  type TravelCheckInRequest,
} from '../core/kinds'
import {
  EVENT_LIMITS,
  REMINDER_KINDS,
  CHALLENGE_METRICS,
  INVITE_ALPHABET,
  INVITE_LENGTH,
  LIMITS,
  MATERIALS,
  REWARD_LIMITS,
  SCENE_BEHAVIOURS,
  TRAVEL_MODES,
  VOUCHER_ALPHABET,
  VOUCHER_LENGTH,
} from './constants'

export { LIMITS, MATERIALS, TRAVEL_MODES }
export { freeTextProblem, isReservedName }

const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8–64 characters of A–Z, a–z, 0–9, _ or -')

const occurredAt = z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO-8601 instant with an offset or Z' })

const positiveUpTo = (max: number, name: string) =>
  z
    .number({ error: `${name} must be a finite number` })
    .gt(0, `${name} must be greater than 0`)
    .lte(max, `${name} must be at most ${max}`)

/** A dev code names a handle; anything else is a WeChat login code (wx.login), which only WeChat can judge. */
export const DEV_CODE = /^dev:[a-z0-9_-]{1,32}$/
const WECHAT_CODE = /^[A-Za-z0-9_-]{8,128}$/

export const loginSchema = z.strictObject({
  code: z
    .string()
    .refine(
      (c) => (c.startsWith('dev:') ? DEV_CODE.test(c) : WECHAT_CODE.test(c)),
      'code must be a WeChat login code from wx.login, or dev:<handle> (handle of 1–32 characters a–z, 0–9, _ or -)',
    ),
})

export const agreePrivacySchema = z.strictObject({
  version: z.number().int('version must be an integer').min(1, 'version must be at least 1').max(1_000_000, 'version is too large'),
})

export const emptySchema = z.strictObject({})

const reminderKinds = z
  .array(z.enum(REMINDER_KINDS, { error: `a reminder kind is one of ${REMINDER_KINDS.join(', ')}` }))
  .max(REMINDER_KINDS.length, `at most ${REMINDER_KINDS.length} kinds`)

export const setRemindersSchema = z.strictObject({
  /** the kinds the resident wants: the events write these reminders from now on, and stop writing the others */
  kinds: reminderKinds,
  /** the kinds WeChat's subscribe dialog (requestSubscribeMessage) just accepted: each grants one send */
  accepted: reminderKinds.optional(),
})

export const markInboxReadSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(160)).min(1, 'ids names at least one message').max(50, 'at most 50 ids at a time'),
})

/** The fields every check-in kind's request shares (src/core/kinds builds the rest of each kind's schema). */
const requestParts: RequestParts = { requestId, occurredAt, positiveUpTo }

let checkInUnion: { version: number; schema: z.ZodType<KindRequest> } | undefined

/**
 * A check-in of any registered kind, discriminated by `kind`: rebuilt when a kind is registered, so a kind added
 * after start (a test's fixture) is accepted like the built-in ones.
 */
export function checkInRequestSchema(): z.ZodType<KindRequest> {
  if (checkInUnion?.version !== registryVersion()) {
    const kinds = requestKinds()
    const options = kinds.map((k) => k.request.schema(z, requestParts)) as unknown as [z.ZodObject, ...z.ZodObject[]]
    const schema = z.discriminatedUnion('kind', options, { error: `kind must be ${oneOf(kinds.map((k) => k.name))}` })
    checkInUnion = { version: registryVersion(), schema: schema as unknown as z.ZodType<KindRequest> }
  }
  return checkInUnion.schema
}

export const listLedgerSchema = z.strictObject({
  cursor: z.string().max(128, 'cursor is too long').optional(),
  limit: z
    .number({ error: 'limit must be an integer' })
    .int('limit must be an integer')
    .min(1, 'limit must be at least 1')
    .max(LIMITS.ledgerPageMax, `limit must be at most ${LIMITS.ledgerPageMax}`)
    .optional(),
})

/** A data export a page at a time: without a cursor the first page, and everything besides the ledger. */
export const exportMyDataSchema = z.strictObject({
  cursor: z.string().max(LIMITS.exportCursorMaxChars, 'cursor is too long').optional(),
  limit: z
    .number({ error: 'limit must be an integer' })
    .int('limit must be an integer')
    .min(1, 'limit must be at least 1')
    .max(LIMITS.exportPageMax, `limit must be at most ${LIMITS.exportPageMax}`)
    .optional(),
})

export type { Material, TravelMode } from './constants'
export type LoginRequest = z.infer<typeof loginSchema>
export type AgreePrivacyRequest = z.infer<typeof agreePrivacySchema>
export type { CheckInRequest, TravelCheckInRequest, RecyclingCheckInRequest }
export type ListLedgerRequest = z.infer<typeof listLedgerSchema>
export type ExportMyDataRequest = z.infer<typeof exportMyDataSchema>
export type EmptyRequest = z.infer<typeof emptySchema>
export type SetRemindersRequest = z.infer<typeof setRemindersSchema>
export type MarkInboxReadRequest = z.infer<typeof markInboxReadSchema>

/**
 * Free text a person types: NFC-normalised (so one name has one form), trimmed, within its length, and free of
 * the characters above. `name` texts (nicknames, group and community names) may not take a reserved label.
 */
export function freeText(field: string, max: number, options: { min?: number; lines?: boolean; name?: boolean } = {}) {
  const min = options.min ?? 1
  return z
    .string({ error: `${field} must be text` })
    .refine((t) => !hasLoneSurrogate(t), `${field} contains a broken character (a lone surrogate)`)
    .transform((t) => t.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${field} must not be empty` : `${field} must be at least ${min} characters`)
        .max(max, `${field} must be at most ${max} characters`)
        .superRefine((t, ctx) => {
          const problem = freeTextProblem(t, options.lines)
          if (problem) ctx.addIssue({ code: 'custom', message: `${field} ${problem}` })
          else if (options.name && isReservedName(t)) ctx.addIssue({ code: 'custom', message: `${field} "${t}" is reserved: choose another` })
        }),
    )
}

/**
 * Issue 23: the English half of a bilingual name or text ('' clears it; absent on an update keeps it). It may
 * hold no Chinese: a Chinese text belongs in the Chinese field, which every old client reads.
 */
export function englishText(field: string, max: number, options: { lines?: boolean; name?: boolean } = {}) {
  return freeText(field, max, { ...options, min: 0 }).refine(
    (t) => !/[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/.test(t),
    `${field} is the English text: Chinese belongs in the Chinese field`,
  )
}

export const degrees = (name: string, limit: number) =>
  z
    .number({ error: `${name} must be a number of degrees` })
    .min(-limit, `${name} must be at least -${limit}`)
    .max(limit, `${name} must be at most ${limit}`)

export const intIn = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be an integer` })
    .int(`${name} must be an integer`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)

export const entityId = (name: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${name} must be 1–64 characters A–Z, 0–9, _ or -`)

export const upsertRewardSchema = z.strictObject({
  id: entityId('id').optional(),
  /** the Chinese name (required); titleEn the English one (issue 23) */
  title: freeText('title', REWARD_LIMITS.maxTitleChars),
  titleEn: englishText('titleEn', REWARD_LIMITS.maxTitleChars).optional(),
  description: freeText('description', REWARD_LIMITS.maxDescriptionChars, { min: 0, lines: true }).optional(),
  descriptionEn: englishText('descriptionEn', REWARD_LIMITS.maxDescriptionChars, { lines: true }).optional(),
  imageUrl: z
    .url({ protocol: /^https?$/, error: 'imageUrl must be an http(s) URL' })
    .max(500)
    .optional(),
  pointsCost: intIn('pointsCost', 1, REWARD_LIMITS.maxPointsCost),
  stock: intIn('stock', 0, REWARD_LIMITS.maxStock),
  /**
   * Addition: the stock the editor's form showed. An edit then moves the stock by what the editor changed (stock −
   * stockWas) from the stock now, so vouchers redeemed while the form was open are not handed out again.
   */
  stockWas: intIn('stockWas', 0, REWARD_LIMITS.maxStock).optional(),
  perUserLimit: intIn('perUserLimit', 1, REWARD_LIMITS.maxPerUserLimit).optional(),
  active: z.boolean({ error: 'active must be true or false' }).optional(),
  validDays: intIn('validDays', 1, REWARD_LIMITS.maxValidDays).optional(),
  /** Addition (issue 13): the community that stocks it; '' city-wide (city organizers only). A community organizer's rewards are their community's. */
  communityId: z.union([z.literal(''), entityId('communityId')]).optional(),
})

export const redeemSchema = z.strictObject({ requestId, rewardId: entityId('rewardId') })
export const redemptionIdSchema = z.strictObject({ redemptionId: entityId('redemptionId') })
export const verifyRedemptionSchema = z.strictObject({
  // Typed codes arrive with spaces, dashes and lower case; the canonical form is checked after trimming.
  code: z
    .string()
    .max(64, 'code is too long')
    .transform((c) => c.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[${VOUCHER_ALPHABET}]{${VOUCHER_LENGTH}}$`), `code must be ${VOUCHER_LENGTH} characters from ${VOUCHER_ALPHABET}`)),
})

export type UpsertRewardRequest = z.infer<typeof upsertRewardSchema>
export type RedeemRequest = z.infer<typeof redeemSchema>
export type RedemptionIdRequest = z.infer<typeof redemptionIdSchema>
export type VerifyRedemptionRequest = z.input<typeof verifyRedemptionSchema>

const day = (name: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${name} must be a day written YYYY-MM-DD`)

export const listReviewQueueSchema = z.strictObject({
  status: z.enum(['open', 'confirmed', 'reversed'], { error: 'status must be open, confirmed or reversed' }).optional(),
  limit: intIn('limit', 1, 100).optional(),
  /** Addition (issue 13): a city organizer's view of one community ('' residents without one) */
  communityId: z.union([z.literal(''), entityId('communityId')]).optional(),
})
export const decideReviewSchema = z.strictObject({
  reviewId: entityId('reviewId'),
  decision: z.enum(['confirm', 'reverse'], { error: 'decision must be confirm or reverse' }),
})
export const dayRangeSchema = z.strictObject({
  fromDay: day('fromDay'),
  toDay: day('toDay'),
  /** Addition (issue 13): a city organizer's report of one community; a community organizer always gets their own */
  communityId: z.union([z.literal(''), entityId('communityId')]).optional(),
})

export type ListReviewQueueRequest = z.infer<typeof listReviewQueueSchema>
export type DecideReviewRequest = z.infer<typeof decideReviewSchema>
export type DayRangeRequest = z.infer<typeof dayRangeSchema>

export const upsertProjectSchema = z.strictObject({
  id: entityId('id').optional(),
  title: freeText('title', REWARD_LIMITS.maxTitleChars),
  titleEn: englishText('titleEn', REWARD_LIMITS.maxTitleChars).optional(),
  description: freeText('description', REWARD_LIMITS.maxDescriptionChars, { min: 0, lines: true }).optional(),
  descriptionEn: englishText('descriptionEn', REWARD_LIMITS.maxDescriptionChars, { lines: true }).optional(),
  goalPoints: intIn('goalPoints', 1, 100_000_000),
  active: z.boolean({ error: 'active must be true or false' }).optional(),
})
export const donateSchema = z.strictObject({ requestId, projectId: entityId('projectId'), points: intIn('points', 1, 1_000_000) })
export const certificateSchema = z.strictObject({ entryId: entityId('entryId') })

export type UpsertProjectRequest = z.infer<typeof upsertProjectSchema>
export type DonateRequest = z.infer<typeof donateSchema>
export type CertificateRequest = z.infer<typeof certificateSchema>

export const dailySeriesSchema = z.strictObject({
  days: z.union([z.literal(7), z.literal(30)], { error: 'days must be 7 or 30' }),
})
export const deleteAccountSchema = z.strictObject({
  confirm: z.literal('DELETE', { error: 'confirm must be the word DELETE' }),
})
export const updateProfileSchema = z.strictObject({
  nickname: freeText('nickname', 20, { name: true }),
})

export type DailySeriesRequest = z.infer<typeof dailySeriesSchema>
export type DeleteAccountRequest = z.infer<typeof deleteAccountSchema>
export type UpdateProfileRequest = z.infer<typeof updateProfileSchema>

const groupName = freeText('name', 30, { name: true })
export const createGroupSchema = z.strictObject({ name: groupName })
export const joinGroupSchema = z.strictObject({
  inviteCode: z
    .string()
    .max(32, 'inviteCode is too long')
    .transform((c) => c.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`), `inviteCode must be ${INVITE_LENGTH} characters from ${INVITE_ALPHABET}`)),
})
export const groupIdSchema = z.strictObject({ groupId: entityId('groupId') })
export const removeMemberSchema = z.strictObject({ groupId: entityId('groupId'), memberId: entityId('memberId') })

const target = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .gt(0, `${name} must be greater than 0`)
    .lte(1_000_000, `${name} must be at most 1000000`)
export const createChallengeSchema = z
  .strictObject({
    groupId: entityId('groupId').optional(),
    title: freeText('title', 40),
    description: freeText('description', 300, { min: 0, lines: true }).optional(),
    metric: z.enum(CHALLENGE_METRICS, { error: `metric must be one of ${CHALLENGE_METRICS.join(', ')}` }),
    mode: z.enum(TRAVEL_MODES, { error: `mode must be one of ${TRAVEL_MODES.join(', ')}` }).optional(),
    targetPerMember: target('targetPerMember').optional(),
    targetGroup: target('targetGroup').optional(),
    startDay: day('startDay'),
    endDay: day('endDay'),
    bonusPoints: intIn('bonusPoints', 1, 100_000),
    /** organizers only: points funded for bonuses at creation (fundChallenge adds more later) */
    budgetPoints: intIn('budgetPoints', 1, 100_000_000).optional(),
  })
  .refine((c) => c.targetPerMember !== undefined || c.targetGroup !== undefined, { message: 'give targetPerMember, targetGroup or both' })
  .refine((c) => metricsWithMode().includes(c.metric) === (c.mode !== undefined), {
    message: `mode is required with metric ${metricsWithMode().join(' or ')}, and only then`,
  })
export const challengeIdSchema = z.strictObject({ challengeId: entityId('challengeId') })
export const fundChallengeSchema = z.strictObject({ requestId, challengeId: entityId('challengeId'), points: intIn('points', 1, 100_000_000) })
export const listChallengesSchema = z.strictObject({
  scope: z.enum(['mine', 'open', 'finished'], { error: 'scope must be mine, open or finished' }),
})
export const leaderboardSchema = z.strictObject({ challengeId: entityId('challengeId'), limit: intIn('limit', 1, 100).optional() })

export type CreateGroupRequest = z.infer<typeof createGroupSchema>
export type JoinGroupRequest = z.input<typeof joinGroupSchema>
export type GroupIdRequest = z.infer<typeof groupIdSchema>
export type RemoveMemberRequest = z.infer<typeof removeMemberSchema>
export type CreateChallengeRequest = z.infer<typeof createChallengeSchema>
export type ChallengeIdRequest = z.infer<typeof challengeIdSchema>
export type FundChallengeRequest = z.infer<typeof fundChallengeSchema>
export type ListChallengesRequest = z.infer<typeof listChallengesSchema>
export type LeaderboardRequest = z.infer<typeof leaderboardSchema>

const base64 = (name: string, max: number) =>
  z
    .string()
    .max(max, `${name} must be at most ${max} characters`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${name} must be base64`)
/**
 * wx.getWeRunData's answer, passed on as WeChat gave it: { encryptedData, iv } for a cloud that holds the
 * person's session_key (WeChat login), or { cloudID } under WeChat Cloud Run, which trades it for the data.
 */
export const syncStepsSchema = z.union(
  [
    z.strictObject({ encryptedData: base64('encryptedData', 16_384), iv: base64('iv', 32) }),
    z.strictObject({
      cloudID: z
        .string()
        .min(1, 'cloudID must not be empty')
        .max(512, 'cloudID must be at most 512 characters')
        .regex(/^[A-Za-z0-9_-]+$/, 'cloudID must be as wx.getWeRunData gave it'),
    }),
  ],
  { error: 'syncSteps takes { encryptedData, iv } or { cloudID }, as wx.getWeRunData gives them' },
)
/** development only: steps per day to encrypt with the caller's dev session key, as WeChat would */
export const devWeRunDataSchema = z.strictObject({
  days: z
    .array(z.strictObject({ daysAgo: intIn('daysAgo', 0, 30), steps: intIn('steps', 0, 100_000) }), { error: 'days must be a list' })
    .min(1, 'days must not be empty')
    .max(31, 'days holds at most 31 days'),
})
/** The plaintext of WeRun data: WeChat's shape, checked before anything is read from it. */
/** Seconds since the epoch a WeRun stamp may hold (2000 to 2100): anything else is no day at all. */
const unixSeconds = z.number().int().min(946_684_800).max(4_102_444_800)
export const weRunPlainSchema = z.object({
  stepInfoList: z.array(z.object({ timestamp: unixSeconds, step: z.number().int().min(0).max(1_000_000) })).max(62),
  watermark: z.object({ appid: z.string().max(64), timestamp: unixSeconds }),
})
export type SyncStepsRequest = z.infer<typeof syncStepsSchema>
export type DevWeRunDataRequest = z.infer<typeof devWeRunDataSchema>

export const stationCodeSchema = z.strictObject({
  stationCode: z.string().trim().min(1, 'stationCode must not be empty').max(32, 'stationCode must be at most 32 characters'),
})
export type StationCodeRequest = z.infer<typeof stationCodeSchema>

/** Issue 13: communities, stations, public verification. */
export const COMMUNITY_LIMITS = { maxNameChars: 40 } as const
export const STATION_LIMITS = { maxNameChars: 40, maxAddressChars: 100, maxHoursChars: 60 } as const

export const upsertCommunitySchema = z.strictObject({
  id: entityId('id').optional(),
  name: freeText('name', COMMUNITY_LIMITS.maxNameChars, { name: true }),
  nameEn: englishText('nameEn', COMMUNITY_LIMITS.maxNameChars, { name: true }).optional(),
})
export type UpsertCommunityRequest = z.infer<typeof upsertCommunitySchema>

export const setMyCommunitySchema = z.strictObject({ communityId: entityId('communityId') })
export type SetMyCommunityRequest = z.infer<typeof setMyCommunitySchema>

const stationCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'code must be 1–32 characters A–Z, 0–9, _ or -')

export const upsertStationSchema = z
  .strictObject({
    code: stationCode,
    name: freeText('name', STATION_LIMITS.maxNameChars),
    nameEn: englishText('nameEn', STATION_LIMITS.maxNameChars).optional(),
    address: freeText('address', STATION_LIMITS.maxAddressChars, { min: 0 }).optional(),
    hours: freeText('hours', STATION_LIMITS.maxHoursChars, { min: 0 }).optional(),
    materials: z
      .array(z.enum(MATERIALS, { error: `a material is one of ${MATERIALS.join(', ')}` }))
      .max(MATERIALS.length)
      .refine((list) => new Set(list).size === list.length, 'materials must not repeat'),
    /** the community that runs it; a community organizer's stations are always their community's */
    communityId: z.union([z.literal(''), entityId('communityId')]).optional(),
    /** Addition (issue 24): the low-carbon scenes it enables as a venue (a café's own cup); a venue may take no material */
    behaviours: z
      .array(z.enum(SCENE_BEHAVIOURS, { error: `a behaviour is one of ${SCENE_BEHAVIOURS.join(', ')}` }))
      .max(SCENE_BEHAVIOURS.length)
      .refine((list) => new Set(list).size === list.length, 'behaviours must not repeat')
      .optional(),
  })
  .refine(
    (s) => s.materials.length > 0 || (s.behaviours?.length ?? 0) > 0,
    'a station accepts at least one material, or as a venue enables at least one behaviour',
  )
export type UpsertStationRequest = z.infer<typeof upsertStationSchema>

export const retireStationSchema = z.strictObject({ code: stationCode })
export type RetireStationRequest = z.infer<typeof retireStationSchema>

export const listStationsSchema = z.strictObject({
  /** Addition (issue 13): organizers may list retired stations too */
  includeRetired: z.boolean({ error: 'includeRetired must be true or false' }).optional(),
})
export type ListStationsRequest = z.infer<typeof listStationsSchema>

/** A donor certificate's code (16 hex digits, dashes allowed) or a ledger entry's full hash (64 hex digits). */
export const verifyPublicSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .transform((text) => text.replace(/[-\s]/g, '').toLowerCase())
    .refine(
      (text) => /^([0-9a-f]{16}|[0-9a-f]{64})$/.test(text),
      'code must be a certificate code (16 hex digits, e.g. 1A2B-3C4D-5E6F-7A8B) or an entry hash (64 hex digits)',
    ),
})
export type VerifyPublicRequest = z.input<typeof verifyPublicSchema>

export const grantOrganizerSchema = z.strictObject({
  openid: entityId('openid'),
  /** the community they organize; null: the whole city */
  communityId: entityId('communityId').nullable(),
  granted: z.boolean({ error: 'granted must be true or false' }),
})
export type GrantOrganizerRequest = z.infer<typeof grantOrganizerSchema>

export const createEventSchema = z.strictObject({
  requestId,
  title: freeText('title', EVENT_LIMITS.maxTitleChars),
  titleEn: englishText('titleEn', EVENT_LIMITS.maxTitleChars).optional(),
  place: freeText('place', EVENT_LIMITS.maxPlaceChars),
  startsAt: z.iso.datetime({ offset: true, error: 'startsAt must be an ISO-8601 instant with an offset or Z' }),
  endsAt: z.iso.datetime({ offset: true, error: 'endsAt must be an ISO-8601 instant with an offset or Z' }),
  slots: intIn('slots', 1, EVENT_LIMITS.maxSlots),
  /** paid to each resident who attends, from a budget of slots × rewardPoints funded at creation */
  rewardPoints: intIn('rewardPoints', 0, EVENT_LIMITS.maxRewardPoints),
  /** whose event it is ('' the whole city); a community organizer's events are their community's */
  communityId: z.union([z.literal(''), entityId('communityId')]).optional(),
  /** issue 21: attendance also needs the phone's location within radiusM of here (WGS-84) */
  location: z
    .strictObject({
      latitude: degrees('latitude', 90),
      longitude: degrees('longitude', 180),
      radiusM: intIn('radiusM', EVENT_LIMITS.minRadiusM, EVENT_LIMITS.maxRadiusM),
    })
    .optional(),
})
export type CreateEventRequest = z.infer<typeof createEventSchema>

export const eventIdSchema = z.strictObject({ eventId: entityId('eventId') })
export type EventIdRequest = z.infer<typeof eventIdSchema>

export const listEventsSchema = z.strictObject({
  /** organizers: the events they run (past ones of the last 30 days too) instead of those offered to them */
  manage: z.boolean({ error: 'manage must be true or false' }).optional(),
})
export type ListEventsRequest = z.infer<typeof listEventsSchema>

export const attendEventSchema = z.strictObject({
  requestId,
  code: z.string().trim().min(1, 'code must not be empty').max(120, "code is too long: scan the code on the organizer's screen"),
  /** issue 21: the phone's position (WGS-84), for an event that checks it */
  location: z
    .strictObject({
      latitude: degrees('latitude', 90),
      longitude: degrees('longitude', 180),
      accuracyM: z.number({ error: 'accuracyM must be a number' }).min(0, 'accuracyM must not be negative').max(100_000, 'accuracyM is too large').optional(),
    })
    .optional(),
})
export type AttendEventRequest = z.infer<typeof attendEventSchema>

/** Issue 21: a city organizer issues points into the treasury, and allocates them to a purse. */
export const issuePointsSchema = z.strictObject({
  requestId,
  points: intIn('points', 1, TREASURY_LIMITS.maxPoints),
  /** why: kept with the issuance and shown to organizers */
  reason: freeText('reason', TREASURY_LIMITS.maxReasonChars),
})
export type IssuePointsRequest = z.infer<typeof issuePointsSchema>

export const allocatePointsSchema = z.strictObject({
  requestId,
  /** the community whose allowance receives them; '' the city's own purse */
  communityId: z.union([z.literal(''), entityId('communityId')]),
  points: intIn('points', 1, TREASURY_LIMITS.maxPoints),
  reason: freeText('reason', TREASURY_LIMITS.maxReasonChars),
})
export type AllocatePointsRequest = z.infer<typeof allocatePointsSchema>
