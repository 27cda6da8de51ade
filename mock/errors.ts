import type { ZodError } from 'zod'
import { ERROR_STATUS, type ErrorCode } from '../src/contract/errors'

/** A contract error: the code and a sentence a person can read. Anything else thrown is a bug (INTERNAL). */
export class CloudError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = 'CloudError'
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
  }
  return new CloudError('INVALID_ARGUMENT', `${where}${message}`)
}
