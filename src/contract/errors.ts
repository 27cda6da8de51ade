/** Error codes and HTTP statuses of the cloud contract (shared/cloud-contract.md). Never change one: add. */
export const ERROR_STATUS = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DAILY_CAP_REACHED: 422,
  IMPLAUSIBLE: 422,
  INSUFFICIENT_POINTS: 422,
  OUT_OF_STOCK: 422,
  REDEEM_LIMIT_REACHED: 422,
  /** v1.2: a trip that overlaps in time one of the person's earlier trips (the message names it) */
  TRIP_OVERLAP: 409,
  /** issue 13: a drop at a station its organizer retired (the message names it and the day) */
  STATION_RETIRED: 409,
  RATE_LIMITED: 429,
  /** v1.1: a dependency (the database, WeChat's API) is down, busy or too slow; retry with the same requestId */
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[]

/** What a refusal's sentence says in figures: amounts, limits, names, days ('YYYY-MM-DD') and instants (ISO). */
export type ReasonParams = Record<string, string | number>

/**
 * Why a call was refused, as a stable key (`redeem.insufficientPoints`) and the figures its sentence needs, so a
 * client words it in the resident's own language; `message` stays the English sentence for other consumers.
 * Params never carry an internal id.
 */
export interface ErrorReason {
  reason: string
  params?: ReasonParams
}

export interface CloudErrorBody {
  error: { code: ErrorCode; message: string } & Partial<ErrorReason>
}

/** A reason and its params as they came over the wire, or undefined for anything malformed (an older server). */
export function reasonOf(error: { reason?: unknown; params?: unknown } | undefined): ErrorReason | undefined {
  if (!error || typeof error.reason !== 'string' || error.reason === '') return undefined
  const raw = error.params
  if (raw === undefined) return { reason: error.reason }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined
  const params: ReasonParams = {}
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined
    params[key] = value
  }
  return { reason: error.reason, params }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value)
}
