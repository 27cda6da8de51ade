/**
 * The one retry policy of every cloud call that may be sent again: a bounded number of attempts, jittered
 * exponential backoff between them, and only on failures the contract calls retryable. The call is sent again
 * unchanged, so its requestId is the same on every attempt and the cloud replays a write it already made
 * instead of crediting it twice.
 */
import { CloudCallError, type ClientErrorCode } from './errors'
import { newRequestId } from './requestId'

/**
 * The contract's "try again" answers (429, 503) and a transport that got no answer at all. Anything else is an
 * answer about the request itself (invalid, refused, capped…) and would only be refused again.
 */
export const RETRYABLE_CODES: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>(['RATE_LIMITED', 'UNAVAILABLE', 'NETWORK'])

export function isRetryable(error: unknown): boolean {
  return error instanceof CloudCallError && RETRYABLE_CODES.has(error.code)
}

export interface CallPolicy {
  /** sends in all, the first one included */
  attempts: number
  /** the ceiling of the first wait; each later wait's ceiling doubles, up to maxDelayMs */
  baseDelayMs: number
  maxDelayMs: number
  /** [0, 1): injected so tests can pin the jitter */
  random: () => number
  /** injected so tests need not wait */
  sleep: (ms: number) => Promise<void>
}

export const CALL_POLICY: CallPolicy = {
  // Three sends keep a tap's spinner under about two seconds of waiting before the resident is told; a
  // check-in that still fails waits in the queue for a better moment.
  attempts: 3,
  baseDelayMs: 400,
  maxDelayMs: 4000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

let current: CallPolicy = CALL_POLICY

/**
 * Replaces parts of the policy for every later call (undefined: back to CALL_POLICY). Page tests use it so an
 * offline phone's retries do not wait real seconds; the app never calls it.
 */
export function setCallPolicy(overrides: Partial<CallPolicy> | undefined) {
  current = { ...CALL_POLICY, ...overrides }
}

/**
 * The wait before retry number `retry` (1 for the second send): "equal jitter", half the ceiling fixed and half
 * random, so a crowd of phones that lost the network together does not come back in step, yet none retries at once.
 */
export function retryDelayMs(retry: number, policy: Pick<CallPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'> = CALL_POLICY): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2))
}

/** Sends `call` until it answers, fails for good, or the attempts run out; throws the last failure. */
export async function withRetries<T>(call: () => Promise<T>, overrides: Partial<CallPolicy> = {}): Promise<T> {
  const policy = { ...current, ...overrides }
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error
      await policy.sleep(retryDelayMs(attempt, policy))
    }
  }
}

/**
 * A write that carries a requestId: the id is made once (or given, when the caller keeps it across taps or in
 * the check-in queue) and handed to every attempt, so all of them name the same intended action.
 */
export function sendOnce<T>(send: (requestId: string) => Promise<T>, options: Partial<CallPolicy> & { requestId?: string } = {}): Promise<T> {
  const { requestId = newRequestId(), ...overrides } = options
  return withRetries(() => send(requestId), overrides)
}
