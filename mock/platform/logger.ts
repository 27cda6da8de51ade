/**
 * The server's structured log: one JSON object per line on stdout (pino), so a container platform's log
 * collector can filter by field. What may be written is decided here, not at each call site: no payloads, no
 * headers, no raw openids (a keyed hash instead), and error objects reduced to what a maintainer needs.
 */
import { createHmac } from 'node:crypto'
import pino, { type DestinationStream, type Logger } from 'pino'
import { nanoid } from 'nanoid'

export type { Logger }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/**
 * Field names that must never carry a value into a line, whatever a future call site passes: a second line of
 * defence behind "log no payloads".
 */
const REDACTED_PATHS = [
  'token',
  'authorization',
  'sessionKey',
  'session_key',
  'encryptedData',
  'iv',
  'openid',
  'loginCode',
  'secret',
  '*.token',
  '*.authorization',
  '*.sessionKey',
  '*.session_key',
  '*.encryptedData',
  '*.openid',
  '*.secret',
]

/**
 * Errors keep their class, message, stack and driver code only: a driver error's own properties (mysql2's `sql`
 * with its inlined values, for one) could carry a person's data into the log.
 */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 500) }
  const e = error as Error & { code?: unknown; errno?: unknown; cause?: unknown }
  return {
    type: e.name,
    message: e.message,
    stack: e.stack,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.errno === 'number' ? { errno: e.errno } : {}),
    ...(e.cause !== undefined ? { cause: serializeError(e.cause) } : {}),
  }
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names, not numbers: readable in a console and in a platform's log search alike.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
  // Synchronous writes to stdout: a line written just before process.exit is not lost.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }))
}

/** Makes `openid → 16 hex characters`, keyed so the log alone cannot be matched against known openids. */
export function openidHasher(identitySecret: string): (openid: string) => string {
  // Its own key, derived with a label: the log's hashes never equal the ones departed identities are kept under.
  const key = createHmac('sha256', identitySecret).update('glp/log-openid/v1').digest()
  return (openid) => createHmac('sha256', key).update(openid).digest('hex').slice(0, 16)
}

/** What an upstream proxy or client may send as X-Request-Id and have used as is. */
const REQUEST_ID_HEADER = /^[A-Za-z0-9._:-]{8,128}$/

/** The caller's X-Request-Id when it is safe to echo and log, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header
  return value !== undefined && REQUEST_ID_HEADER.test(value) ? value : nanoid()
}

/** The contract's requestId format (src/contract/schemas): anything else in a payload is not logged. */
const PAYLOAD_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/

/** The payload's requestId, when it has a well-formed one. */
export function payloadRequestId(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined
  const value = (data as { requestId?: unknown }).requestId
  return typeof value === 'string' && PAYLOAD_REQUEST_ID.test(value) ? value : undefined
}
