import { isTransient } from '../services/cloud'

/** Immediate retries of one send (same requestId) before a check-in waits in the queue for a better moment. */
export const SEND_ATTEMPTS = 3

/** Sends a call again, with the same requestId inside it, while the failure is transient (network, 5xx). */
export async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  let lastError: unknown
  for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
    try {
      return await call()
    } catch (error) {
      lastError = error
      if (!isTransient(error)) break
    }
  }
  throw lastError
}
