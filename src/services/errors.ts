/**
 * What a cloud call can fail with, apart from the transports: kept free of Taro so the call policy (and its
 * unit tests in Node) can tell failures apart without loading a platform.
 */
import type { ErrorCode, ErrorReason, ReasonParams } from '../contract/errors'

/** NETWORK: no answer; CONSENT_REQUIRED: not sent, because the privacy notice is not agreed yet */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'CONSENT_REQUIRED'

export class CloudCallError extends Error {
  readonly code: ClientErrorCode
  /** the cloud's reason for a refusal, which the app words in the resident's language (errorText) */
  readonly reason?: string
  readonly params?: ReasonParams
  constructor(code: ClientErrorCode, message: string, refusal?: ErrorReason) {
    super(message)
    this.code = code
    this.name = 'CloudCallError'
    if (refusal) {
      this.reason = refusal.reason
      if (refusal.params) this.params = refusal.params
    }
  }
}
