/**
 * Transactions that lost a conflict (a deadlock, a lock wait that timed out, a busy database) are run again
 * as a whole, a few times with growing, jittered pauses; every write is keyed by its requestId, so a retry
 * cannot double anything. After the last attempt the caller hears UNAVAILABLE (503), never INTERNAL.
 */
import { CloudError } from '../errors'

export interface RetryPolicy {
  attempts: number
  /** the first pause; each next one doubles, each with ±50 % jitter */
  baseDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 5 }

/** Told of each transaction about to be run again (the server counts them for /metrics); nobody by default. */
export const retryEvents: { onRetry?: () => void } = {}

export async function withRetries<T>(attempt: () => Promise<T>, isConflict: (error: unknown) => boolean, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      if (!isConflict(error)) throw error
      if (n >= policy.attempts) {
        throw new CloudError('UNAVAILABLE', 'The database is busy and this did not go through; nothing was written. Please try again.', {
          reason: 'storage.busy',
        })
      }
      retryEvents.onRetry?.()
      const pauseMs = policy.baseDelayMs * 2 ** (n - 1) * (0.5 + Math.random())
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
  }
}
