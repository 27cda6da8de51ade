/**
 * Retries of one send (same requestId) follow the one call policy in services/callPolicy.ts: jittered
 * exponential backoff, only on retryable codes, a bounded number of attempts. Re-exported for the stores.
 */
export { withRetries } from '../services/callPolicy'
