/** Contract constants the client needs at run time; kept apart from the zod schemas so the app bundle never pulls in zod. */
export const TRAVEL_MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool'] as const
export const MATERIALS = ['paper', 'cardboard', 'plastic', 'metal', 'glass', 'textile'] as const
/**
 * Low-carbon scenes at venues (issue 24), only those with a cited factor (src/core/methodology.ts): own cup, no
 * disposable tableware, clean plate. Own shopping bag is left out: no per-bag figure could be cited.
 */
export const SCENE_BEHAVIOURS = ['cup', 'tableware', 'plate'] as const
export type SceneBehaviour = (typeof SCENE_BEHAVIOURS)[number]

/** Reminders a resident can opt into (src/core/reminders says when each is due). */
export const REMINDER_KINDS = ['streak', 'challengeEnding', 'voucherExpiring'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]
/** WeChat grants one send per accepted subscribe message; more than this many waiting are not kept. */
export const MAX_REMINDER_SENDS = 30

export const LIMITS = {
  maxDistanceKm: 500,
  maxWeightKg: 100,
  maxDurationMin: 1440,
  maxFutureSkewMs: 5 * 60 * 1000,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  maxBodyBytes: 64 * 1024,
  ledgerPageDefault: 20,
  ledgerPageMax: 50,
  /** exportMyData's ledger pages: large, since the whole ledger is fetched, yet one page stays well under a megabyte */
  exportPageDefault: 500,
  exportPageMax: 1_000,
  /** an export cursor carries the chain walked so far (two hashes at most) */
  exportCursorMaxChars: 512,
} as const

export type TravelMode = (typeof TRAVEL_MODES)[number]
export type Material = (typeof MATERIALS)[number]

export const REWARD_LIMITS = {
  maxTitleChars: 60,
  maxDescriptionChars: 500,
  maxPointsCost: 1_000_000,
  maxStock: 1_000_000,
  maxPerUserLimit: 1000,
  maxValidDays: 365,
  defaultValidDays: 14,
  defaultPerUserLimit: 1,
} as const

/** Voucher codes: no 0/O, 1/I/L, so a code read aloud or typed from a screen is not misread. */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const VOUCHER_LENGTH = 10

export const CHALLENGE_METRICS = ['gramsCo2e', 'checkins', 'recyclingKg', 'travelKm'] as const
export type ChallengeMetric = (typeof CHALLENGE_METRICS)[number]
export const INVITE_ALPHABET = VOUCHER_ALPHABET
export const INVITE_LENGTH = 6

/**
 * The privacy notice's version. Raise it whenever the notice's text changes in substance: everyone who agreed
 * to an older version is asked again before anything more is sent.
 */
export const PRIVACY_NOTICE_VERSION = 4
/** The first notice that names the city's partners and what they send: linking one asks for it. */
export const PARTNERS_PRIVACY_VERSION = 4

/** Public-welfare events (issue 13): the rules in src/core/events read these. */
export const EVENT_LIMITS = {
  maxTitleChars: 40,
  maxPlaceChars: 100,
  maxSlots: 5_000,
  maxRewardPoints: 500,
  /** an event lasts at most a day */
  maxDurationMs: 24 * 3_600_000,
  /** and is announced at most this far ahead */
  maxLeadMs: 365 * 24 * 3_600_000,
  /** attendance opens this long before the start (people arrive early) */
  earlyArrivalMs: 30 * 60_000,
  /** a resident may cancel until this long before the start, freeing the place for someone else */
  cancelBeforeMs: 2 * 3_600_000,
  /** events a resident sees at once */
  listLimit: 20,
  /** issue 21: an event that checks attendees' location accepts them within this radius, in metres */
  minRadiusM: 50,
  maxRadiusM: 5_000,
} as const

/**
 * Labels the app itself shows in place of a person or a system voice: nobody may take one as a nickname or a
 * group or community name (compared after NFKC, trimmed, case-insensitively, spaces ignored). '已注销' stands where a deleted
 * account's name was.
 */
export const RESERVED_NAMES = [
  '已注销',
  '注销用户',
  '系统',
  '系统消息',
  '管理员',
  '官方',
  '客服',
  // the same labels in traditional characters
  '已註銷',
  '註銷用戶',
  '系統',
  '系統消息',
  '管理員',
  '客服',
  'deleted',
  'admin',
  'administrator',
  'system',
  'official',
] as const
