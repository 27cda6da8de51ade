/**
 * The platform around the functions (what WeChat Cloud is to a cloud function): finds the function,
 * turns the token into the caller's context, applies the rate limit, and turns every outcome into the
 * contract's `{ result }` or `{ error }` with its status. Transports (HTTP, in-process) sit on top.
 */
import { randomBytes } from 'node:crypto'
import { customAlphabet } from 'nanoid'
import { ERROR_STATUS } from '../src/contract/errors'
import type { FunctionName } from '../src/contract/types'
import { METHODOLOGY_VERSION } from '../src/core/methodology'
import { CloudError } from './errors'
import type { CallerContext, Services } from './function'
import { FUNCTIONS } from './functions'
import { RateLimiter, type RateLimitOptions } from './rateLimit'
import { expireDue } from './rewards'
import { seedCatalogue } from './seed'
import type { StoragePort } from './storage/port'
import { SqliteStorage } from './storage/sqlite'
import { createTokenService } from './tokens'

export interface CloudOptions {
  dbPath: string
  sessionSecret?: string
  organizers?: string[]
  tokenTtlSeconds?: number
  rateLimit?: RateLimitOptions
  now?: () => number
  /** WAL checkpoints on a worker thread (file databases only); the server turns this on */
  backgroundCheckpoints?: boolean
}

export interface CloudResponse {
  status: number
  body: { result: unknown } | { error: { code: string; message: string } }
}

export interface Cloud {
  /** `clientKey` (e.g. the caller's address) buckets calls made without a session, such as login */
  call(name: string, data: unknown, authorization?: string, clientKey?: string): CloudResponse
  /** expires and refunds every pending voucher past its expiresAt; the server runs it periodically */
  sweepExpired(): number
  readonly services: Services
  readonly store: StoragePort
  close(): void
}

const newIdSuffix = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 20)

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 60, perSecond: 10 }

export function createCloud(options: CloudOptions): Cloud {
  const store = new SqliteStorage({ path: options.dbPath, backgroundCheckpoints: options.backgroundCheckpoints })
  seedCatalogue(store)
  const now = options.now ?? Date.now
  const methodology = store.getMethodology(METHODOLOGY_VERSION)
  if (!methodology) throw new Error(`methodology ${METHODOLOGY_VERSION} is not seeded`)
  const services: Services = {
    store,
    tokens: createTokenService(options.sessionSecret ?? randomBytes(32).toString('hex'), options.tokenTtlSeconds ?? 7 * 24 * 3600, now),
    now,
    newId: (prefix) => `${prefix}_${newIdSuffix()}`,
    organizers: new Set(options.organizers ?? ['organizer']),
    methodologyVersion: METHODOLOGY_VERSION,
    methodology,
  }
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT)

  function invoke(name: string, data: unknown, authorization: string | undefined, clientKey: string): unknown {
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      throw new CloudError('NOT_FOUND', `There is no cloud function named ${JSON.stringify(name).slice(0, 80)}.`)
    }
    const fn = FUNCTIONS[name as FunctionName]
    let caller: CallerContext | undefined
    if (fn.requiresSession) {
      const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '')
      if (!match) throw new CloudError('UNAUTHENTICATED', 'This call needs a session: log in first.')
      const openid = services.tokens.verify(match[1])
      const user = store.findUser(openid)
      if (!user) throw new CloudError('UNAUTHENTICATED', 'This account no longer exists. Please log in again.')
      caller = { openid, roles: user.roles, nickname: user.nickname }
    }
    if (!limiter.take(caller ? caller.openid : `anon:${clientKey}`, now())) {
      throw new CloudError('RATE_LIMITED', 'Too many calls in a short time. Wait a few seconds and try again.')
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new CloudError('INVALID_ARGUMENT', 'data must be a JSON object.')
    }
    return (fn as (typeof FUNCTIONS)[FunctionName]).handle(data, caller, services)
  }

  return {
    services,
    store,
    call(name, data, authorization, clientKey = 'in-process') {
      try {
        return { status: 200, body: { result: invoke(name, data, authorization, clientKey) } }
      } catch (error) {
        if (error instanceof CloudError) {
          return { status: error.status, body: { error: { code: error.code, message: error.message } } }
        }
        // A bug, never bad input: log it for the maintainer, tell the caller without leaking internals.
        console.error(`[cloud] ${name} failed:`, error)
        return {
          status: ERROR_STATUS.INTERNAL,
          body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Nothing was changed.' } },
        }
      }
    },
    sweepExpired: () => expireDue(services),
    close() {
      store.close()
    },
  }
}
