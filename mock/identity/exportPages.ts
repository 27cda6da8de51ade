/**
 * The ledger part of a data export, one page per call, oldest first by seq so whoever reads the file can walk
 * the chain from its start. The cloud walks it too as the pages go (src/core/ledger's chain walk, as
 * verifyLedger does), carrying the walk from page to page in the cursor: the last page says whether the whole
 * chain verified, and no call ever holds more than one page of the ledger.
 */
import { z } from 'zod'
import type { MyDataExportPage } from '../../src/contract/types'
import { chainWalkResult, startChainWalk, stepChainWalk, type ChainWalk } from '../../src/core/ledger'
import { CloudError } from '../errors'
import type { Db } from '../storage/port'
import { entriesAfter } from '../wallet/queries'

/** Where a page starts: after this seq, with the chain walked up to it. */
export interface ExportPosition {
  afterSeq: number
  walk: ChainWalk
}

export const FIRST_PAGE: ExportPosition = { afterSeq: 0, walk: startChainWalk() }

const CURSOR_PREFIX = 'x1.'

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const hash = z.string().regex(/^[0-9a-f]{64}$/)
const position = z.strictObject({
  afterSeq: count,
  walk: z.strictObject({
    expectedSeq: count,
    prevHash: hash,
    count,
    broken: z.strictObject({ ok: z.boolean(), entries: count, headHash: hash, firstBadSeq: count.optional() }).optional(),
  }),
})

/**
 * Opaque to clients; inside, the position as JSON. A cursor someone edited can only change the verification of
 * their own export (which they could as well edit in the file): entries are always read as the caller's own.
 */
export function encodeExportCursor(at: ExportPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify(at)}`, 'utf8').toString('base64url')
}

export function decodeExportCursor(cursor: string): ExportPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  let parsed: unknown
  try {
    parsed = text.startsWith(CURSOR_PREFIX) ? JSON.parse(text.slice(CURSOR_PREFIX.length)) : undefined
  } catch {
    parsed = undefined
  }
  const at = position.safeParse(parsed)
  if (!at.success)
    throw new CloudError('INVALID_ARGUMENT', 'cursor: not an export cursor this server gave out; start the export again without one', {
      reason: 'export.badCursor',
    })
  return at.data
}

/** One page of the caller's ledger from `from`, with the cursor of the next or, on the last, the verification. */
export async function ledgerPage(db: Db, openid: string, from: ExportPosition, limit: number): Promise<MyDataExportPage> {
  // One more than asked tells whether another page exists without a count query.
  const rows = await entriesAfter(db, openid, from.afterSeq, limit + 1)
  const entries = rows.slice(0, limit)
  let walk = from.walk
  for (const entry of entries) walk = stepChainWalk(walk, entry)
  const last = entries[entries.length - 1]
  if (rows.length > limit && last) return { entries, nextCursor: encodeExportCursor({ afterSeq: last.seq, walk }) }
  return { entries, nextCursor: null, verification: chainWalkResult(walk) }
}
