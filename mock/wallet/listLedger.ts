import { LIMITS, listLedgerSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { listEntries } from './queries'

const CURSOR_PREFIX = 'v1.'

/** Opaque to clients; inside, the seq to continue below. Paging by seq keeps deep pages as fast as the first. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const seq = Number(text.slice(CURSOR_PREFIX.length))
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(seq) || seq < 1) {
    throw new CloudError('INVALID_ARGUMENT', 'cursor: not a cursor this server gave out', { reason: 'ledger.badCursor' })
  }
  return seq
}

export const listLedger = defineFunction({
  name: 'listLedger',
  schema: listLedgerSchema,
  auth: 'session',
  transaction: 'read',
  async handle(req, { openid }, services) {
    const limit = req.limit ?? LIMITS.ledgerPageDefault
    const beforeSeq = req.cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(req.cursor)
    // One more than asked tells whether another page exists without a count query.
    const rows = await listEntries(services.store, openid, beforeSeq, limit + 1)
    const entries = rows.slice(0, limit)
    const last = entries[entries.length - 1]
    return { entries, nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null }
  },
})
