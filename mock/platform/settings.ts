/**
 * The operator's settings for logs, metrics and shutdown. Read beside configFromEnv, and like it: a value that
 * cannot be right stops the start with a sentence saying what to change.
 */
import { ConfigError } from './config'
import { LOG_LEVELS, type LogLevel } from './logger'

export interface PlatformSettings {
  /** LOG_LEVEL: info by default; silent by default under a test runner (NODE_ENV=test) */
  logLevel: LogLevel
  /** METRICS_TOKEN: /metrics answers a caller that is not on loopback only with `Authorization: Bearer <it>` */
  metricsToken?: string
  /** DRAIN_TIMEOUT_MS: how long SIGTERM waits for calls in flight before cutting them (10 s) */
  drainTimeoutMs: number
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000
/** A bearer token someone could guess protects nothing. */
const MIN_METRICS_TOKEN_LENGTH = 16

export function platformFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformSettings {
  const rawLevel = env.LOG_LEVEL?.trim().toLowerCase()
  // Jest sets NODE_ENV=test, and the servers tests start inherit it: their output stays quiet unless a test asks.
  const logLevel = (rawLevel || (env.NODE_ENV === 'test' ? 'silent' : 'info')) as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(env.LOG_LEVEL)}`)
  const metricsToken = env.METRICS_TOKEN || undefined
  if (metricsToken !== undefined && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} printable characters without spaces (it is compared with a Bearer token)`)
  }
  const rawDrain = env.DRAIN_TIMEOUT_MS
  const drainTimeoutMs = rawDrain === undefined || rawDrain === '' ? DEFAULT_DRAIN_TIMEOUT_MS : Number(rawDrain)
  if (!Number.isInteger(drainTimeoutMs) || drainTimeoutMs < 0 || drainTimeoutMs > 600_000) {
    throw new ConfigError(`DRAIN_TIMEOUT_MS must be an integer from 0 to 600000, got ${JSON.stringify(rawDrain)}`)
  }
  return { logLevel, metricsToken, drainTimeoutMs }
}
