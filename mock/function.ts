/**
 * What a cloud function is: its name, whether it needs a session, and a handler that gets raw `data`
 * and the caller's context (as `cloud.getWXContext()` gives OPENID on WeChat). Each handler validates
 * its input itself, then calls the rules core, then writes through the storage port in one transaction.
 */
import type { z } from 'zod'
import type { FunctionName, Methodology, ResultOf, Role } from '../src/contract/types'
import { invalidArgument } from './errors'
import type { StoragePort } from './storage/port'
import type { TokenService } from './tokens'

export interface CallerContext {
  openid: string
  roles: Role[]
  nickname: string
}

export interface Services {
  store: StoragePort
  tokens: TokenService
  now: () => number
  newId: (prefix: string) => string
  organizers: ReadonlySet<string>
  methodologyVersion: string
  /** the current methodology, read once at start: a version's rows are never changed after seeding */
  methodology: Methodology
}

export interface CloudFunction<N extends FunctionName> {
  name: N
  /** false only for login */
  requiresSession: boolean
  handle(data: unknown, caller: CallerContext | undefined, services: Services): ResultOf<N>
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
