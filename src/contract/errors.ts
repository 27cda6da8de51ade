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

export interface CloudErrorBody {
  error: { code: ErrorCode; message: string }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value)
}
