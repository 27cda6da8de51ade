/**
 * Reads the cloud's settings from the environment (documented in docs/cloud.md). A setting that cannot be right
 * throws here, before anything listens, with a sentence that says what to change.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { dirname, resolve } from 'node:path'
import type { RateLimitOptions } from './rateLimit'
import { WECHAT_API_BASE, WECHAT_TIMEOUT_MS } from './wechat'
import { CLOUDRUN_OPEN_API_BASE } from './openData'
import { DEFAULT_MAX_BACKDATE_HOURS, MAX_BACKDATE_HOURS_RANGE } from '../../src/core/farming'
import { DEFAULT_MONTHLY_ISSUANCE_CAP_POINTS, TREASURY_LIMITS } from '../../src/core/treasury'
import { DEFAULT_RESIDENTS_PER_CODE_WINDOW } from '../../src/core/review'
import { parseReminderTemplates, type ReminderTemplates } from '../reminders/reminderSender'

export interface WeChatConfig {
  appid: string
  secret: string
  apiBase: string
  timeoutMs: number
}

export interface ServerConfig {
  host: string
  port: number
  dbPath: string
  /** a MySQL-family database instead of SQLite at dbPath */
  databaseUrl?: string
  organizers: string[]
  /** undefined with MySQL and no SESSION_SECRET: every worker reads the one kept in the database */
  sessionSecret?: string
  staticDir?: string
  demoData: boolean
  rateLimit: RateLimitOptions
  /** DEV_LOGIN=1: `dev:<handle>` codes log in (development and tests only) */
  devLogin: boolean
  /** WX_APPID + WX_SECRET: WeChat login through code2Session */
  wechat?: WeChatConfig
  /** WX_REMINDER_TEMPLATES: subscribe-message templates per reminder kind (sent only with WX_APPID + WX_SECRET) */
  reminderTemplates: ReminderTemplates
  /** REMINDER_INTERVAL_MS: how often the outbox is looked at (30 s) */
  reminderIntervalMs: number
  /** WX_CLOUDRUN=1: behind WeChat Cloud Run's gateway, identity from X-WX-OPENID for this appid */
  cloudRun?: { appid: string; openApiBase: string; timeoutMs: number }
  /** CORS_ORIGINS: origins allowed to call /cloud from another origin (none by default) */
  corsOrigins: string[]
  /** TRUST_PROXY=1: the client address is the last hop of X-Forwarded-For */
  trustProxy: boolean
  /** CLOUD_WORKERS: processes serving one port (more than one only over MySQL) */
  workers: number
  /** MAX_BACKDATE_HOURS: activity older than this is not credited (1–168, default 48) */
  maxBackdateHours: number
  /** TREASURY_MONTHLY_CAP_POINTS: points city organizers may issue into the treasury per Asia/Shanghai month */
  treasuryMonthlyCapPoints: number
  /** STATION_CODE_RESIDENTS: residents one station serves in one 30-second code window; more puts their drops in review */
  residentsPerCodeWindow: number
  /** IDENTITY_SECRET: keys the hash a deleted identity's limits are kept under; else one made once in the database */
  identitySecret?: string
  /**
   * DEV_CLOCK_OFFSET_MS (with DEV_LOGIN only): the cloud's clock runs this far from the machine's, so the browser
   * tests, whose browsers are given the same clock, read "today" at the hour they choose (one day at most).
   */
  devClockOffsetMs: number
}

export class ConfigError extends Error {}

export const DEFAULT_PORT = 3000
export const DEFAULT_DB_PATH = '.data/cloud.sqlite'
const DAY_MS = 24 * 60 * 60 * 1000

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`)
  }
  return value
}

/** "1" or unset/"0"; anything else is a typo worth stopping for. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === '0') return false
  if (raw === '1') return true
  throw new ConfigError(`${name} must be 1 or 0, got ${JSON.stringify(raw)}`)
}

/** SESSION_SECRET, or one generated once and kept beside the database so tokens survive restarts. */
function sessionSecret(env: NodeJS.ProcessEnv, dbPath: string): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET
  if (dbPath === ':memory:') return randomBytes(32).toString('hex')
  const file = `${dbPath}.secret`
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

function identitySecret(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.IDENTITY_SECRET
  if (value === undefined || value === '') return undefined
  if (value.length < 32) throw new ConfigError('IDENTITY_SECRET must be at least 32 characters (it keys the hash deleted identities are kept under)')
  return value
}

/** A HOST setting or a client's socket address on this machine only (a dual-stack socket reports IPv4 as ::ffff:…). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true
  if (host.toLowerCase().startsWith('::ffff:')) return isLoopback(host.slice('::ffff:'.length))
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1' || host === '[::1]'
}

export const DEFAULT_MYSQL_DATABASE = 'green_life'

/**
 * The MySQL database to use: DATABASE_URL (mysql://user:pass@host:port/db), or what WeChat Cloud Run hands a
 * container (MYSQL_ADDRESS host:port, MYSQL_USERNAME, MYSQL_PASSWORD; the database MYSQL_DATABASE, by default
 * the one container.config.json names). Undefined: SQLite at DB_PATH.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  // DATABASE_URLS (a cluster's nodes, spread over the workers by mock/server.ts): each worker is given one as its
  // DATABASE_URL; the primary checks and names the first.
  if (!env.DATABASE_URL && env.DATABASE_URLS) env = { ...env, DATABASE_URL: env.DATABASE_URLS.split(',')[0].trim() }
  if (env.DATABASE_URL) {
    let url: URL
    try {
      url = new URL(env.DATABASE_URL)
    } catch {
      throw new ConfigError('DATABASE_URL is not a URL: it must look like mysql://user:password@host:3306/database.')
    }
    if (url.protocol !== 'mysql:') throw new ConfigError(`DATABASE_URL must be a mysql:// URL (SQLite is DB_PATH), got ${url.protocol}//…`)
    if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL must name a database: mysql://user:password@host:3306/database.')
    return env.DATABASE_URL
  }
  if (env.MYSQL_ADDRESS) {
    const user = encodeURIComponent(env.MYSQL_USERNAME ?? 'root')
    const password = env.MYSQL_PASSWORD ? `:${encodeURIComponent(env.MYSQL_PASSWORD)}` : ''
    return `mysql://${user}${password}@${env.MYSQL_ADDRESS}/${encodeURIComponent(env.MYSQL_DATABASE || DEFAULT_MYSQL_DATABASE)}`
  }
  return undefined
}

/** DB_PATH made absolute (`:memory:` kept), the default when unset. */
export function dbPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DB_PATH && env.DB_PATH !== ':memory:' ? resolve(env.DB_PATH) : env.DB_PATH || resolve(DEFAULT_DB_PATH)
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = databaseUrlFromEnv(env)
  const dbPath = dbPathFromEnv(env)
  const host = env.HOST || '127.0.0.1'
  const devLogin = flag(env, 'DEV_LOGIN')
  if (devLogin && !isLoopback(host) && !flag(env, 'DEV_LOGIN_ALLOW_REMOTE')) {
    throw new ConfigError(
      `DEV_LOGIN=1 lets anyone who reaches the server log in as anyone, organizers included, so it listens on loopback only; HOST=${host} is not loopback. Use HOST=127.0.0.1, or set DEV_LOGIN_ALLOW_REMOTE=1 if every machine that can reach ${host} is yours.`,
    )
  }
  const appid = env.WX_APPID?.trim() || undefined
  const secret = env.WX_SECRET?.trim() || undefined
  const cloudRunOn = flag(env, 'WX_CLOUDRUN')
  if (cloudRunOn && !appid) throw new ConfigError("WX_CLOUDRUN=1 needs WX_APPID: calls are accepted only when the gateway's X-WX-APPID equals it.")
  if (cloudRunOn && devLogin) throw new ConfigError("WX_CLOUDRUN=1 takes identity from WeChat's gateway alone; unset DEV_LOGIN.")
  if (!cloudRunOn && Boolean(appid) !== Boolean(secret)) throw new ConfigError('WeChat login needs both WX_APPID and WX_SECRET.')
  if (!devLogin && !cloudRunOn && !appid) {
    throw new ConfigError(
      'Nobody could log in: set WX_APPID and WX_SECRET (WeChat login), or WX_CLOUDRUN=1 with WX_APPID (behind WeChat Cloud Run), or DEV_LOGIN=1 for development (npm start and npm run dev set it).',
    )
  }
  if (cloudRunOn && !databaseUrl && !flag(env, 'WX_CLOUDRUN_ALLOW_SQLITE')) {
    throw new ConfigError(
      "WX_CLOUDRUN=1 needs MySQL (Cloud Run's MySQL sets MYSQL_ADDRESS, MYSQL_USERNAME and MYSQL_PASSWORD; or set DATABASE_URL): Cloud Run replaces and scales containers at will, and an SQLite file inside one is lost with it. For a one-instance trial on a mounted volume, set WX_CLOUDRUN_ALLOW_SQLITE=1.",
    )
  }
  const workers = intFromEnv(env, 'CLOUD_WORKERS', 1, 1, 64)
  if (workers > 1 && !databaseUrl) {
    throw new ConfigError(
      `CLOUD_WORKERS=${workers} needs a MySQL database (DATABASE_URL): SQLite has one writer per file, so processes over one SQLite file would only queue behind each other and each would hold its own rate limits and caches. Use CLOUD_WORKERS=1 with SQLite.`,
    )
  }
  const devClockOffsetMs = intFromEnv(env, 'DEV_CLOCK_OFFSET_MS', 0, -DAY_MS, DAY_MS)
  if (devClockOffsetMs !== 0 && !devLogin)
    throw new ConfigError("DEV_CLOCK_OFFSET_MS moves the cloud's clock, for development and tests only: it needs DEV_LOGIN=1.")
  const demoData = flag(env, 'DEMO_DATA')
  if (demoData && !devLogin) throw new ConfigError('DEMO_DATA=1 makes a demo resident who logs in with a dev handle: it needs DEV_LOGIN=1.')
  return {
    host,
    port: intFromEnv(env, 'PORT', DEFAULT_PORT, 0, 65535),
    dbPath,
    databaseUrl,
    // The dev handle `organizer` is an organizer only where dev handles can log in at all.
    organizers: (env.ORGANIZERS ?? (devLogin ? 'organizer' : ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    sessionSecret: databaseUrl ? env.SESSION_SECRET || undefined : sessionSecret(env, dbPath),
    staticDir: env.STATIC_DIR ? resolve(env.STATIC_DIR) : undefined,
    demoData,
    rateLimit: {
      burst: intFromEnv(env, 'RATE_LIMIT_BURST', 60, 0, 1_000_000),
      perSecond: intFromEnv(env, 'RATE_LIMIT_PER_SECOND', 10, 1, 1_000_000),
    },
    devLogin,
    wechat:
      appid && secret
        ? {
            appid,
            secret,
            apiBase: env.WX_API_BASE || WECHAT_API_BASE,
            timeoutMs: intFromEnv(env, 'WX_TIMEOUT_MS', WECHAT_TIMEOUT_MS, 100, WECHAT_TIMEOUT_MS),
          }
        : undefined,
    // WX_API_BASE moves both WeChat APIs (tests point them at a local stand-in).
    cloudRun:
      cloudRunOn && appid
        ? {
            appid,
            openApiBase: env.WX_API_BASE || CLOUDRUN_OPEN_API_BASE,
            timeoutMs: intFromEnv(env, 'WX_TIMEOUT_MS', WECHAT_TIMEOUT_MS, 100, WECHAT_TIMEOUT_MS),
          }
        : undefined,
    reminderTemplates: templatesFromEnv(env),
    reminderIntervalMs: intFromEnv(env, 'REMINDER_INTERVAL_MS', 30_000, 1_000, 3_600_000),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    trustProxy: flag(env, 'TRUST_PROXY'),
    workers,
    maxBackdateHours: intFromEnv(env, 'MAX_BACKDATE_HOURS', DEFAULT_MAX_BACKDATE_HOURS, MAX_BACKDATE_HOURS_RANGE[0], MAX_BACKDATE_HOURS_RANGE[1]),
    identitySecret: identitySecret(env),
    residentsPerCodeWindow: intFromEnv(env, 'STATION_CODE_RESIDENTS', DEFAULT_RESIDENTS_PER_CODE_WINDOW, 1, 1000),
    treasuryMonthlyCapPoints: intFromEnv(env, 'TREASURY_MONTHLY_CAP_POINTS', DEFAULT_MONTHLY_ISSUANCE_CAP_POINTS, 0, TREASURY_LIMITS.maxPoints),
    devClockOffsetMs,
  }
}

function templatesFromEnv(env: NodeJS.ProcessEnv): ReminderTemplates {
  try {
    return parseReminderTemplates(env.WX_REMINDER_TEMPLATES)
  } catch (error) {
    throw new ConfigError(`WX_REMINDER_TEMPLATES is not usable: ${(error as Error).message}`)
  }
}
