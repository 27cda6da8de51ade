/**
 * requestId rules shared by every money-moving function: the same caller with the same requestId and the
 * same payload gets the first answer again; the same requestId with another payload is a CONFLICT.
 */
import { canonicalJson, sha256Hex } from '../src/core/ledger'
import { CloudError } from './errors'
import type { AsyncOps, RequestRecord } from './storage/port'

export function payloadHash(fn: string, payload: object): string {
  return sha256Hex(canonicalJson({ fn, payload }))
}

/**
 * Locks the caller (the first thing a write does) and answers the earlier record for this request, or
 * undefined when it is new. Must run inside the transaction.
 */
export async function lockAndReplay(
  store: AsyncOps,
  openid: string,
  requestId: string,
  fn: string,
  hash: string,
): Promise<RequestRecord | undefined> {
  const { request: previous } = await store.lockPerson(openid, requestId)
  if (!previous) return undefined
  if (previous.fn !== fn || previous.payloadHash !== hash) {
    throw new CloudError(
      'CONFLICT',
      `requestId ${requestId} was already used for a different request; make a new requestId for a new action.`,
    )
  }
  return previous
}
