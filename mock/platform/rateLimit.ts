/**
 * A token bucket per caller, as a platform gateway would keep. In memory: limits are about abuse in a
 * short window, not about money, so losing them on restart is harmless.
 */
export interface RateLimitOptions {
  /** calls allowed at once */
  burst: number
  /** calls regained per second */
  perSecond: number
  /** callers remembered at most (oldest forgotten first) */
  maxKeys?: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>()
  private readonly maxKeys: number

  constructor(private readonly options: RateLimitOptions) {
    this.maxKeys = options.maxKeys ?? 100_000
  }

  /** true when the call may go ahead */
  take(key: string, nowMs: number): boolean {
    if (this.options.burst <= 0) return true
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, atMs: nowMs }
    const refill = ((nowMs - bucket.atMs) / 1000) * this.options.perSecond
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + Math.max(0, refill))
    bucket.atMs = nowMs
    const allowed = bucket.tokens >= 1
    if (allowed) bucket.tokens -= 1
    this.buckets.delete(key)
    this.buckets.set(key, bucket)
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    return allowed
  }
}
