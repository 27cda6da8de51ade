/**
 * What a cloud call can fail with, apart from the transports: kept free of Taro so the call policy (and its
 * unit tests in Node) can tell failures apart without loading a platform.
 */
import type { ErrorCode } from '../contract/errors'

/** NETWORK: no answer; CONSENT_REQUIRED: not sent, because the privacy notice is not agreed yet */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'CONSENT_REQUIRED'

export class CloudCallError extends Error {
  readonly code: ClientErrorCode
  constructor(code: ClientErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = 'CloudCallError'
  }
}
