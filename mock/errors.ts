import type { ZodError } from 'zod'
import { ERROR_STATUS, type ErrorCode, type ErrorReason, type ReasonParams } from '../src/contract/errors'

/**
 * A contract error: the code, a sentence a person can read (English, for API consumers) and, for the app, the
 * reason and params it words the refusal from in the resident's language. Anything else thrown is a bug (INTERNAL).
 */
export class CloudError extends Error {
  readonly code: ErrorCode
  readonly reason?: string
  readonly params?: ReasonParams
  constructor(code: ErrorCode, message: string, refusal?: ErrorReason) {
    super(message)
    this.code = code
    this.name = 'CloudError'
    if (refusal) {
      this.reason = refusal.reason
      if (refusal.params) this.params = refusal.params
    }
  }
  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export function invalidArgument(error: ZodError): CloudError {
  const issue = error.issues[0]
  const path = issue ? issue.path.join('.') : ''
  let message = issue ? issue.message : 'invalid request'
  const where = path && !message.startsWith(path) ? `${path}: ` : ''
  if (issue?.code === 'unrecognized_keys') {
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (identity comes from the session, never from the request)`
    return new CloudError('INVALID_ARGUMENT', `${where}${message}`, { reason: 'invalid.unknownField', params: { fields: issue.keys.join(', ') } })
  }
  // zod's sentence is English and about the wire format: the app words the field, never the sentence.
  return new CloudError('INVALID_ARGUMENT', `${where}${message}`, { reason: 'invalid.field', params: { field: path } })
}
