/** Reads the mock cloud's settings from the environment (documented in README). */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { RateLimitOptions } from './rateLimit'

export interface ServerConfig {
  host: string
  port: number
  dbPath: string
  organizers: string[]
  sessionSecret: string
  staticDir?: string
  demoData: boolean
  rateLimit: RateLimitOptions
}

export const DEFAULT_PORT = 3000
export const DEFAULT_DB_PATH = '.data/cloud.sqlite'

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`)
  }
  return value
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

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dbPath = env.DB_PATH && env.DB_PATH !== ':memory:' ? resolve(env.DB_PATH) : env.DB_PATH || resolve(DEFAULT_DB_PATH)
  return {
    host: env.HOST || '127.0.0.1',
    port: intFromEnv(env, 'PORT', DEFAULT_PORT, 0, 65535),
    dbPath,
    organizers: (env.ORGANIZERS ?? 'organizer').split(',').map((s) => s.trim()).filter(Boolean),
    sessionSecret: sessionSecret(env, dbPath),
    staticDir: env.STATIC_DIR ? resolve(env.STATIC_DIR) : undefined,
    demoData: env.DEMO_DATA === '1',
    rateLimit: {
      burst: intFromEnv(env, 'RATE_LIMIT_BURST', 60, 0, 1_000_000),
      perSecond: intFromEnv(env, 'RATE_LIMIT_PER_SECOND', 10, 1, 1_000_000),
    },
  }
}
