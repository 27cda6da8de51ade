/**
 * The platform around the functions (what WeChat Cloud is to a cloud function): finds the function,
 * turns the token into the caller's context, applies the rate limit, and turns every outcome into the
 * contract's `{ result }` or `{ error }` with its status. Transports (HTTP, in-process) sit on top.
 */
import { handlePartnerCall, type PartnerHttpAnswer, type PartnerHttpRequest } from './partners/api'
import { forgetNoncesBefore } from './partners/queries'
import { PARTNER_LIMITS } from '../src/core/partners'
import type { OpenDataExchange } from './platform/openData'
import { randomBytes } from 'node:crypto'
import { customAlphabet } from 'nanoid'
import { ERROR_STATUS, type ReasonParams } from '../src/contract/errors'
import type { FunctionName, Role } from '../src/contract/types'
import { METHODOLOGY_VERSION } from '../src/core/methodology'
import { CITY_SCOPE, type OrganizerScope } from '../src/core/community'
import { CloudError } from './errors'
import { inTransaction, type CallerContext, type Services } from './function'
import { FUNCTIONS } from './registry'
import { RateLimiter, type RateLimitOptions } from './platform/rateLimit'
import { expireDue } from './rewards/rewards'
import { closeEndedBudgets } from './treasury/treasury'
import { seedCatalogue } from './seed'
import type { Db } from './storage/port'
import { createTokenService } from './platform/tokens'
import { findOrCreateUser, WECHAT_DEFAULT_NICKNAME, wechatHandle } from './identity/users'
import type { WeChatLogin } from './platform/wechat'
import { creditRules, DEFAULT_MAX_BACKDATE_HOURS } from '../src/core/farming'
import { DEV_WECHAT_APPID } from './wallet/werun'
import { DEFAULT_MONTHLY_ISSUANCE_CAP_POINTS } from '../src/core/treasury'
import { sendDueReminders, type ReminderTemplates, type SubscribeSender } from './reminders/reminderSender'
import type { UserRecord } from './identity/queries'
import { setMetaIfAbsent, getMeta } from './storage/meta'
import { getMethodology } from './public/queries'
import { hasOrganizerGrant, findUser, findUserByHandle, purgeDeparted } from './identity/queries'

export interface CloudOptions {
  /** where everything is kept: openSqlite(...) here; the server opens it from its configuration */
  storage: Db
  sessionSecret?: string
  /** dev handles, `wx:<WeChat openid>` handles or app openids with the organizer role (besides database grants) */
  organizers?: string[]
  /** accept `dev:<handle>` login codes (DEV_LOGIN=1: development and tests only) */
  devLogin?: boolean
  /** WeChat's code2Session client (WX_APPID + WX_SECRET) */
  wechat?: WeChatLogin
  /** delivers due reminders through WeChat's subscribe messages (WX_APPID + WX_SECRET); else they show in the app only */
  reminderSender?: SubscribeSender
  reminderTemplates?: ReminderTemplates
  /** WeChat Cloud Run (WX_CLOUDRUN=1): identity is the gateway's X-WX-OPENID header, never a token */
  cloudRun?: boolean
  tokenTtlSeconds?: number
  rateLimit?: RateLimitOptions
  /** per partner, for the partner API (DEFAULT_PARTNER_RATE_LIMIT otherwise) */
  partnerRateLimit?: RateLimitOptions
  /** activity older than this is not credited (MAX_BACKDATE_HOURS; src/core/farming's default otherwise) */
  maxBackdateHours?: number
  /** WX_APPID: the appid WeRun data must be stamped with */
  wechatAppid?: string
  /** under WeChat Cloud Run: trades a WeRun cloudID for its data (mock/platform/openData.ts) */
  openData?: OpenDataExchange
  /** TREASURY_MONTHLY_CAP_POINTS: points a city organizer may issue per month (src/core/treasury's default otherwise) */
  treasuryMonthlyCapPoints?: number
  /** IDENTITY_SECRET: else one made once in the database, shared by every worker */
  identitySecret?: string
  /** STATION_CODE_RESIDENTS: residents one station serves per code window (src/core/review's default otherwise) */
  residentsPerCodeWindow?: number
  now?: () => number
}

export interface CloudResponse {
  status: number
  body: { result: unknown } | { error: { code: string; message: string; reason?: string; params?: ReasonParams } }
}

export interface CallContext {
  /** buckets calls made without a session (login, bad tokens, unknown names): the caller's address over HTTP */
  clientKey?: string
  /** under WeChat Cloud Run: the openid the platform's gateway injected (X-WX-OPENID), already checked */
  platformOpenid?: string
  /** a transport that logs hears of a bug here, to log it with its request id; else it goes to stderr */
  onInternalError?: (error: unknown) => void
  /** a transport that logs hears who called once the platform knows (login: who logged in), to log it hashed */
  onCaller?: (openid: string) => void
}

export interface Cloud {
  call(name: string, data: unknown, authorization?: string, context?: CallContext): Promise<CloudResponse>
  /** expires and refunds every pending voucher past its expiresAt; the server runs it periodically */
  sweepExpired(): Promise<number>
  /** gives back what closed events' and challenges' budgets did not pay (src/core/treasury); the server runs it periodically */
  sweepBudgets(): Promise<number>
  /** forgets departed identities none of whose limits matters any more (src/core/departure); the server runs it periodically */
  sweepDeparted(): Promise<number>
  /** forgets partner nonces older than any fresh request can be (a replay of them is refused by its timestamp); the server runs it periodically */
  sweepPartnerNonces(): Promise<number>
  /** one pass of the reminder outbox: due reminders sent through WeChat or left for the app's inbox */
  sendReminders(): ReturnType<typeof sendDueReminders>
  /** one signed request of the partner API (`POST /partner/v1/<op>`, mock/partners/api.ts) */
  partnerCall(op: string, request: PartnerHttpRequest): Promise<PartnerHttpAnswer>
  readonly services: Services
  readonly store: Db
  close(): Promise<void>
}

const newIdSuffix = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 20)

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 60, perSecond: 10 }
/** Per partner: each request may carry 500 rows, so a few a second is a city's whole feed. */
export const DEFAULT_PARTNER_RATE_LIMIT: RateLimitOptions = { burst: 20, perSecond: 5 }

/**
 * The session secret every worker of one database shares, made once by whichever starts first: a token one
 * worker issued verifies on every other.
 */
async function sharedSecret(store: Db, key: 'session_secret' | 'identity_secret'): Promise<string> {
  await setMetaIfAbsent(store, key, randomBytes(32).toString('hex'))
  const secret = await getMeta(store, key)
  if (!secret) throw new Error(`the ${key} was written but cannot be read back`)
  return secret
}

export async function createCloud(options: CloudOptions): Promise<Cloud> {
  const store = options.storage
  await seedCatalogue(store)
  const now = options.now ?? Date.now
  const methodology = await getMethodology(store, METHODOLOGY_VERSION)
  if (!methodology) throw new Error(`methodology ${METHODOLOGY_VERSION} is not seeded`)
  const organizers: ReadonlySet<string> = new Set(options.organizers ?? ['organizer'])
  // ORGANIZERS act for the whole city; a grant made with `npm run admin` or grantOrganizer carries its scope.
  const organizerScopeOf = async (user: UserRecord): Promise<OrganizerScope | undefined> => {
    if (organizers.has(user.handle) || organizers.has(user.openid)) return CITY_SCOPE
    if (!(user.organizerGrant ?? (await hasOrganizerGrant(store, user.openid)))) return undefined
    return { communityId: user.organizerCommunityId ?? null }
  }
  const rolesOf = async (user: UserRecord): Promise<Role[]> => ((await organizerScopeOf(user)) ? ['resident', 'organizer'] : ['resident'])
  const services: Services = {
    storage: store,
    store,
    tokens: createTokenService(options.sessionSecret ?? (await sharedSecret(store, 'session_secret')), options.tokenTtlSeconds ?? 7 * 24 * 3600, now),
    now,
    newId: (prefix) => `${prefix}_${newIdSuffix()}`,
    rolesOf,
    organizerScopeOf,
    devLogin: options.devLogin ?? false,
    wechat: options.wechat,
    methodologyVersion: METHODOLOGY_VERSION,
    methodology,
    rules: creditRules(options.maxBackdateHours ?? DEFAULT_MAX_BACKDATE_HOURS, options.residentsPerCodeWindow, methodology.factors),
    wechatAppid: options.wechatAppid ?? (options.devLogin ? DEV_WECHAT_APPID : undefined),
    openData: options.openData,
    treasuryMonthlyCapPoints: options.treasuryMonthlyCapPoints ?? DEFAULT_MONTHLY_ISSUANCE_CAP_POINTS,
    identitySecret: options.identitySecret ?? (await sharedSecret(store, 'identity_secret')),
  }
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT)
  const partnerLimiter = new RateLimiter(options.partnerRateLimit ?? DEFAULT_PARTNER_RATE_LIMIT)

  const rateLimited = () => new CloudError('RATE_LIMITED', 'Too many calls in a short time. Wait a few seconds and try again.', { reason: 'call.tooMany' })

  async function callerFor(user: UserRecord): Promise<CallerContext> {
    const organizerScope = await organizerScopeOf(user)
    return {
      openid: user.openid,
      roles: organizerScope ? ['resident', 'organizer'] : ['resident'],
      nickname: user.nickname,
      ...(organizerScope ? { organizerScope } : {}),
    }
  }

  /** The caller behind a bearer token; roles are read now, so a demotion applies to tokens already issued. */
  async function tokenCaller(authorization: string | undefined): Promise<CallerContext> {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '')
    if (!match) throw new CloudError('UNAUTHENTICATED', 'This call needs a session: log in first.', { reason: 'session.needed' })
    const openid = services.tokens.verify(match[1])
    const user = await findUser(store, openid)
    if (!user) throw new CloudError('UNAUTHENTICATED', 'This account no longer exists. Please log in again.', { reason: 'session.accountGone' })
    return callerFor(user)
  }

  /** Under Cloud Run every call carries WeChat's identity: the person exists from their first call. */
  async function platformCaller(wechatOpenid: string): Promise<CallerContext> {
    const handle = wechatHandle(wechatOpenid)
    // A read for everyone already known; a write transaction only at a person's first call.
    const user =
      (await findUserByHandle(store, handle)) ?? (await inTransaction(services, (services) => findOrCreateUser(services, handle, WECHAT_DEFAULT_NICKNAME)))
    return callerFor(user)
  }

  async function invoke(name: string, data: unknown, authorization: string | undefined, context: CallContext): Promise<unknown> {
    const anonymous = `anon:${context.clientKey ?? 'in-process'}`
    const known = Object.prototype.hasOwnProperty.call(FUNCTIONS, name)
    const fn = known ? FUNCTIONS[name as FunctionName] : undefined
    let caller: CallerContext | undefined
    try {
      if (options.cloudRun) {
        if (!context.platformOpenid) throw new CloudError('UNAUTHENTICATED', 'No WeChat identity came with this call.', { reason: 'session.noWeChatIdentity' })
        caller = await platformCaller(context.platformOpenid)
      } else if (fn?.requiresSession) {
        caller = await tokenCaller(authorization)
      }
    } catch (error) {
      // Failed identities spend the address's allowance, so guessing tokens is as slow as guessing logins.
      if (!limiter.take(anonymous, now())) throw rateLimited()
      throw error
    }
    if (caller) context.onCaller?.(caller.openid)
    if (!limiter.take(caller ? caller.openid : anonymous, now())) throw rateLimited()
    if (!fn) throw new CloudError('NOT_FOUND', `There is no cloud function named ${JSON.stringify(name).slice(0, 80)}.`, { reason: 'call.noSuchFunction' })
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new CloudError('INVALID_ARGUMENT', 'data must be a JSON object.', { reason: 'call.dataNotObject' })
    }
    return (fn as (typeof FUNCTIONS)[FunctionName]).handle(data, caller, services)
  }

  function failure(name: string, error: unknown, context: CallContext): CloudResponse {
    if (error instanceof CloudError) {
      const { code, message, reason, params } = error
      return { status: error.status, body: { error: { code, message, ...(reason ? { reason } : {}), ...(params ? { params } : {}) } } }
    }
    // A bug, never bad input: log it for the maintainer, tell the caller without leaking internals.
    if (context.onInternalError) context.onInternalError(error)
    else console.error(`[cloud] ${name} failed:`, error)
    return {
      status: ERROR_STATUS.INTERNAL,
      body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Nothing was changed.' } },
    }
  }

  return {
    services,
    store,
    async call(name, data, authorization, context = {}) {
      try {
        const result = await invoke(name, data, authorization, context)
        const loggedIn = name === 'login' ? (result as { openid?: unknown } | undefined)?.openid : undefined
        if (typeof loggedIn === 'string') context.onCaller?.(loggedIn)
        return { status: 200, body: { result } }
      } catch (error) {
        return failure(name, error, context)
      }
    },
    sweepExpired: () => expireDue(services),
    sweepBudgets: () => closeEndedBudgets(services),
    sweepDeparted: () => purgeDeparted(store, now()),
    sweepPartnerNonces: () => store.transaction((tx) => forgetNoncesBefore(tx, now() - PARTNER_LIMITS.nonceMemoryMs)),
    sendReminders: () => sendDueReminders(services, options.reminderSender, options.reminderTemplates ?? {}),
    async partnerCall(op, request) {
      try {
        return await handlePartnerCall({ ...services, store: services.storage }, partnerLimiter, op, request)
      } catch (error) {
        const answer = failure(`partner/${op}`, error, {})
        return answer as PartnerHttpAnswer
      }
    },
    close: () => store.close(),
  }
}
