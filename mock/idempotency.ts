/**
 * requestId rules shared by every money-moving function: the same caller with the same requestId and the
 * same payload gets the first answer again; the same requestId with another payload is a CONFLICT.
 */
import { canonicalJson, sha256Hex } from '../src/core/ledger'
import { CloudError } from './errors'
import type { Db } from './storage/port'
import type { RequestRecord, WalletRecord } from './wallet/queries'
import { lockPerson } from './wallet/queries'

export function payloadHash(fn: string, payload: object): string {
  return sha256Hex(canonicalJson({ fn, payload }))
}

/**
 * Locks the caller's own wallet row, the first thing every write of theirs does, and refuses an account deleted
 * meanwhile: a call that passed the session check just before its owner deleted the account must not credit,
 * spend or sign up after the deletion committed (and slip past the limits the deletion carried away).
 */
export async function lockCaller(store: Db, openid: string, requestId?: string): Promise<{ wallet: WalletRecord; request?: RequestRecord }> {
  const locked = await lockPerson(store, openid, requestId)
  if (locked.wallet.closedAt) throw new CloudError('UNAUTHENTICATED', 'This account no longer exists. Please log in again.', { reason: 'session.accountGone' })
  return locked
}

/**
 * Locks the caller (the first thing a write does) and answers the earlier record for this request, or
 * undefined when it is new. Must run inside the transaction.
 */
export async function lockAndReplay(store: Db, openid: string, requestId: string, fn: string, hash: string): Promise<RequestRecord | undefined> {
  const { request: previous } = await lockCaller(store, openid, requestId)
  if (!previous) return undefined
  if (previous.fn !== fn || previous.payloadHash !== hash) {
    throw new CloudError('CONFLICT', `requestId ${requestId} was already used for a different request; make a new requestId for a new action.`, {
      reason: 'request.idReused',
    })
  }
  return previous
}
