/**
 * What a cloud function is: its name, whether it needs a session, and a handler that gets raw `data`
 * and the caller's context (as `cloud.getWXContext()` gives OPENID on WeChat). defineFunction() does what
 * every function needs first (validate the input, require the caller, check the role, read fresh on every
 * call), so a function's own code starts at its rules and its one transaction.
 */
import type { z } from 'zod'
import type { CreditRules, FunctionName, Methodology, ResultOf, Role } from '../src/contract/types'
import { canActOn, isCityScope, type OrganizerScope } from '../src/core/community'
import type { ErrorReason } from '../src/contract/errors'
import { CloudError, invalidArgument } from './errors'
import type { Db } from './storage/port'
import type { TokenService } from './platform/tokens'
import type { WeChatLogin } from './platform/wechat'
import type { OpenDataExchange } from './platform/openData'
import type { UserRecord } from './identity/queries'
import { lockAndReplay, payloadHash } from './idempotency'
import { saveRequest, type RequestRecord } from './wallet/queries'

export interface CallerContext {
  openid: string
  roles: Role[]
  nickname: string
  /** what an organizer acts on (the whole city, or one community); absent for residents */
  organizerScope?: OrganizerScope
}

export interface Services {
  /** the storage executor outside any transaction (its statements take turns); its `transaction` opens one */
  storage: Db
  /** what this code reads and writes through (a wing's queries take it first): `storage`, or inside inTransaction that transaction's executor */
  store: Db
  tokens: TokenService
  now: () => number
  newId: (prefix: string) => string
  /** the person's roles now: read on every call from ORGANIZERS and the database, never from a token */
  rolesOf(user: UserRecord): Promise<Role[]>
  /** the person's organizer scope now (ORGANIZERS: the city; a grant: its community or the city) */
  organizerScopeOf(user: UserRecord): Promise<OrganizerScope | undefined>
  /** `dev:<handle>` codes log in only when the server runs with DEV_LOGIN=1 */
  devLogin: boolean
  /** WeChat's code2Session, when WX_APPID and WX_SECRET are set */
  wechat?: WeChatLogin
  methodologyVersion: string
  /** the current methodology, read once at start: a version's rows are never changed after seeding */
  methodology: Methodology
  /** the anti-farming rules in force (src/core/farming), published with the methodology */
  rules: CreditRules
  /** the appid WeRun watermarks must carry: WX_APPID, or a dev appid when only dev login is on */
  wechatAppid?: string
  /** WeChat's open-data exchange by cloudID (under WeChat Cloud Run, where no session_key exists) */
  openData?: OpenDataExchange
  /** points the city may issue into its treasury per Asia/Shanghai month (TREASURY_MONTHLY_CAP_POINTS) */
  treasuryMonthlyCapPoints: number
  /** keys the hash a deleted identity's limits are kept under (IDENTITY_SECRET, or one made once in the database) */
  identitySecret: string
}

export interface CloudFunction<N extends FunctionName> {
  name: N
  /** false only for login */
  requiresSession: boolean
  /** what the boundary opens around the handler */
  transaction: TransactionMode
  /** true when the boundary keeps it exactly once per requestId */
  idempotent: boolean
  /** login also gets a caller under WeChat Cloud Run, where the platform's header is the identity */
  handle(data: unknown, caller: CallerContext | undefined, services: Services): Promise<ResultOf<N>>
}

/** none: anyone (login); session: a logged-in person; organizer: a person with the organizer role now. */
export type Auth = 'none' | 'session' | 'organizer'

/**
 * What the boundary opens around the handler: write, one transaction (all or nothing, retried whole on a
 * conflict); read, a snapshot of committed data beside the write lane (./storage/port); none, nothing, for the
 * few functions that open their own (login, account deletion: work after the commit).
 */
export type TransactionMode = 'write' | 'read' | 'none'

type Caller<A extends Auth> = A extends 'none' ? CallerContext | undefined : CallerContext

interface Definition<N extends FunctionName, S extends z.ZodType, A extends Auth> {
  name: N
  schema: S
  auth: A
  transaction: TransactionMode
}

export interface FunctionDefinition<N extends FunctionName, S extends z.ZodType, A extends Auth> extends Definition<N, S, A> {
  /** gets the validated request, the caller unless auth is none, and services whose store is the transaction */
  handle(req: z.infer<S>, caller: Caller<A>, services: Services): Promise<ResultOf<N>>
}

/** An idempotent handler's answer and what the boundary records for its requestId. */
export interface Recorded<R> {
  answer: R
  /** what replay finds the first answer by (an entry's, a voucher's, an event's id) */
  ref: string
  /** checkIn's: the credit met a cap (replay says so again) */
  capped?: boolean
}

/**
 * Exactly once per requestId, kept by the boundary: inside the one write transaction it locks the caller's
 * wallet row, answers an earlier request with the same payload again through `replay` (another payload is a
 * CONFLICT), and otherwise runs the handler and records its ref, all or nothing with the handler's writes.
 */
export interface IdempotentDefinition<N extends FunctionName, S extends z.ZodType<{ requestId: string }>, A extends 'session' | 'organizer'> extends Definition<
  N,
  S,
  A
> {
  transaction: 'write'
  idempotent: {
    /**
     * Runs before the lock and before any replay: checks a replay must pass too (the caller's scope now), and
     * reads asked for ahead (a networked engine sends them in the lock's own packet).
     */
    before?(req: z.infer<S>, caller: CallerContext, services: Services): Promise<void> | void
    /** the answer again, from what the first call recorded */
    replay(recorded: RequestRecord, req: z.infer<S>, caller: CallerContext, services: Services): Promise<ResultOf<N>>
  }
  handle(req: z.infer<S>, caller: CallerContext, services: Services): Promise<Recorded<ResultOf<N>>>
}

export function defineFunction<N extends FunctionName, S extends z.ZodType, A extends Auth>(def: FunctionDefinition<N, S, A>): CloudFunction<N> {
  return boundary(def, false, (req, caller, services) => {
    const run = (s: Services) => def.handle(req, caller as Caller<A>, s)
    if (def.transaction === 'write') return inTransaction(services, run)
    if (def.transaction === 'read') return services.storage.snapshot((view) => run({ ...services, store: view }))
    return run(services)
  })
}

/** A function whose every call carries a requestId and moves something money-like: see IdempotentDefinition. */
export function defineIdempotentFunction<N extends FunctionName, S extends z.ZodType<{ requestId: string }>, A extends 'session' | 'organizer'>(
  def: IdempotentDefinition<N, S, A>,
): CloudFunction<N> {
  return boundary(def, true, (req, caller, services) => exactlyOnce(def, req, requireCaller(caller), services))
}

/** What every function needs first: the input validated, the caller required, the role checked (read fresh). */
function boundary<N extends FunctionName, S extends z.ZodType, A extends Auth>(
  def: Definition<N, S, A>,
  idempotent: boolean,
  run: (req: z.infer<S>, caller: CallerContext | undefined, services: Services) => Promise<ResultOf<N>>,
): CloudFunction<N> {
  return {
    name: def.name,
    requiresSession: def.auth !== 'none',
    transaction: def.transaction,
    idempotent,
    async handle(data, caller, services) {
      const req = parse(def.schema, data)
      if (def.auth !== 'none') {
        const who = requireCaller(caller)
        if (def.auth === 'organizer' && !who.roles.includes('organizer')) {
          throw new CloudError('PERMISSION_DENIED', 'Only an organizer can do this.', { reason: 'organizer.only' })
        }
      }
      return run(req, caller, services)
    },
  }
}

function exactlyOnce<N extends FunctionName, S extends z.ZodType<{ requestId: string }>>(
  def: IdempotentDefinition<N, S, 'session' | 'organizer'>,
  req: z.infer<S>,
  who: CallerContext,
  services: Services,
): Promise<ResultOf<N>> {
  const hash = payloadHash(def.name, req)
  return inTransaction(services, async (services) => {
    await def.idempotent.before?.(req, who, services)
    // First, before any read: this person's caps, limits and requestIds are read and written by one call at a time.
    const previous = await lockAndReplay(services.store, who.openid, req.requestId, def.name, hash)
    if (previous) return def.idempotent.replay(previous, req, who, services)
    const { answer, ref, capped } = await def.handle(req, who, services)
    await saveRequest(services.store, who.openid, req.requestId, { fn: def.name, payloadHash: hash, resultRef: ref, capped: capped ?? false })
    return answer
  })
}

/** The caller's organizer scope (the function's auth is organizer, so there is one). */
export function scopeOf(who: CallerContext): OrganizerScope {
  if (!who.organizerScope) throw new CloudError('PERMISSION_DENIED', 'Only an organizer can do this.', { reason: 'organizer.only' })
  return who.organizerScope
}

/** One reason per kind of thing, since the app names the thing in the resident's language. */
const OTHER_COMMUNITY = {
  'check-in': { reason: 'otherCommunity.checkIn' },
  voucher: { reason: 'otherCommunity.voucher' },
  reward: { reason: 'otherCommunity.reward' },
  event: { reason: 'otherCommunity.event' },
  station: { reason: 'otherCommunity.station' },
} as const

/** Refuses an organizer acting on another community's station, reward, review or event. */
export function requireScope(who: CallerContext, communityId: string, what: keyof typeof OTHER_COMMUNITY): void {
  if (!canActOn(scopeOf(who), communityId)) {
    throw new CloudError(
      'PERMISSION_DENIED',
      `This ${what} belongs to another community: only its own or a city organizer can act on it.`,
      OTHER_COMMUNITY[what],
    )
  }
}

/** Refuses a community organizer what only a city organizer may do (communities, projects, city-wide rewards). */
export function requireCityScope(who: CallerContext, what: string, refusal: ErrorReason): void {
  if (!isCityScope(scopeOf(who))) throw new CloudError('PERMISSION_DENIED', `Only a city organizer can ${what}.`, refusal)
}

export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw invalidArgument(parsed.error)
  return parsed.data
}

export function requireCaller(caller: CallerContext | undefined): CallerContext {
  if (!caller) throw new Error('function requires a session but none was given')
  return caller
}

/** Runs fn as one storage transaction, giving it services whose store is that transaction. */
export function inTransaction<T>(services: Services, fn: (services: Services) => Promise<T>): Promise<T> {
  return services.storage.transaction((tx) => fn({ ...services, store: tx }))
}

/** Maps one item at a time, for work that writes: writes inside one transaction must not interleave. */
export async function sequentially<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (const [i, item] of items.entries()) out.push(await fn(item, i))
  return out
}
