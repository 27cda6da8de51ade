/**
 * What a cloud function is: its name, whether it needs a session, and a handler that gets raw `data`
 * and the caller's context (as `cloud.getWXContext()` gives OPENID on WeChat). defineFunction() does what
 * every function needs first (validate the input, require the caller, check the role, read fresh on every
 * call), so a function's own code starts at its rules and its one transaction.
 */
import type { z } from 'zod'
import type { CreditRules, FunctionName, Methodology, ResultOf, Role } from '../src/contract/types'
import { canActOn, isCityScope, type OrganizerScope } from '../src/core/community'
import { CloudError, invalidArgument } from './errors'
import type { Db } from './storage/port'
import type { TokenService } from './platform/tokens'
import type { WeChatLogin } from './platform/wechat'
import type { UserRecord } from './identity/queries'

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
  /** points the city may issue into its treasury per Asia/Shanghai month (TREASURY_MONTHLY_CAP_POINTS) */
  treasuryMonthlyCapPoints: number
  /** keys the hash a deleted identity's limits are kept under (IDENTITY_SECRET, or one made once in the database) */
  identitySecret: string
}

export interface CloudFunction<N extends FunctionName> {
  name: N
  /** false only for login */
  requiresSession: boolean
  /** login also gets a caller under WeChat Cloud Run, where the platform's header is the identity */
  handle(data: unknown, caller: CallerContext | undefined, services: Services): Promise<ResultOf<N>>
}

/** none: anyone (login); session: a logged-in person; organizer: a person with the organizer role now. */
export type Auth = 'none' | 'session' | 'organizer'

export interface FunctionDefinition<N extends FunctionName, S extends z.ZodType, A extends Auth> {
  name: N
  schema: S
  auth: A
  /** gets the validated request and, unless auth is none, the caller */
  handle(req: z.infer<S>, caller: A extends 'none' ? CallerContext | undefined : CallerContext, services: Services): Promise<ResultOf<N>>
}

export function defineFunction<N extends FunctionName, S extends z.ZodType, A extends Auth>(def: FunctionDefinition<N, S, A>): CloudFunction<N> {
  return {
    name: def.name,
    requiresSession: def.auth !== 'none',
    async handle(data, caller, services) {
      const req = parse(def.schema, data)
      if (def.auth !== 'none') {
        const who = requireCaller(caller)
        if (def.auth === 'organizer' && !who.roles.includes('organizer')) {
          throw new CloudError('PERMISSION_DENIED', 'Only an organizer can do this.')
        }
      }
      return def.handle(req, caller as A extends 'none' ? CallerContext | undefined : CallerContext, services)
    },
  }
}

/** The caller's organizer scope (the function's auth is organizer, so there is one). */
export function scopeOf(who: CallerContext): OrganizerScope {
  if (!who.organizerScope) throw new CloudError('PERMISSION_DENIED', 'Only an organizer can do this.')
  return who.organizerScope
}

/** Refuses an organizer acting on another community's station, reward, review or event. */
export function requireScope(who: CallerContext, communityId: string, what: string): void {
  if (!canActOn(scopeOf(who), communityId)) {
    throw new CloudError('PERMISSION_DENIED', `This ${what} belongs to another community: only its own or a city organizer can act on it.`)
  }
}

/** Refuses a community organizer what only a city organizer may do (communities, projects, city-wide rewards). */
export function requireCityScope(who: CallerContext, what: string): void {
  if (!isCityScope(scopeOf(who))) throw new CloudError('PERMISSION_DENIED', `Only a city organizer can ${what}.`)
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
