/**
 * The partner API, `POST /partner/v1/<op>`: every request signed by the partner (./signing, src/core/partners),
 * fresh, with a nonce never seen before, from a partner that may report that op; then one answer per row. Each
 * row is its own transaction, and an accepted row is kept under (partner, the partner's row id) forever, in the
 * same transaction as what it credited: a re-sent batch, a retry or a second sender credits nothing twice.
 */
import { z } from 'zod'
import { ERROR_STATUS, type ErrorCode } from '../../src/contract/errors'
import { partnerBatchSchema, type PartnerRowAnswer } from '../../src/contract/partner'
import { mayReport, PARTNER_LIMITS, PARTNER_OPS, parseAuthorization, signingMessage, timestampFresh, type PartnerOp } from '../../src/core/partners'
import { shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import { inTransaction, type Services } from '../function'
import type { RateLimiter } from '../platform/rateLimit'
import { PARTNER_ROW_HANDLERS } from './rows'
import { signatureMatches, unsealSecret } from './signing'
import { getPartner, partnerRow, recordFeedTally, recordPartnerRow, takeNonce, type PartnerRecord } from './queries'

export interface PartnerHttpRequest {
  method: string
  /** the path as requested, without host or query: part of what is signed */
  path: string
  authorization?: string
  /** the body exactly as received: the signature covers these characters */
  body: string
}

export interface PartnerHttpAnswer {
  status: number
  body: { result: { rows: PartnerRowAnswer[] } } | { error: { code: ErrorCode; message: string } }
}

const refuse = (code: ErrorCode, message: string): PartnerHttpAnswer => ({ status: ERROR_STATUS[code], body: { error: { code, message } } })

/** Why a request is not the partner's: one code, and a sentence that tells an integrator what to fix. */
async function authenticate(services: Services, request: PartnerHttpRequest): Promise<PartnerRecord | PartnerHttpAnswer> {
  const auth = parseAuthorization(request.authorization)
  if (!auth.ok) return refuse('UNAUTHENTICATED', auth.why)
  const nowMs = services.now()
  if (!timestampFresh(auth.value.timestampS, nowMs)) {
    return refuse(
      'UNAUTHENTICATED',
      `timestamp is more than ${PARTNER_LIMITS.maxClockSkewMs / 60_000} minutes from the cloud's clock (${Math.floor(nowMs / 1000)}): check your clock`,
    )
  }
  const partner = await getPartner(services.store, auth.value.partnerId)
  // An unknown, a revoked and a wrongly signed request get one answer: none tells a prober which it was.
  const signedBy = partner && !partner.revokedAt ? unsealSecret(partner.sealedSecret, services.identitySecret) : undefined
  const message = signingMessage({ method: request.method, path: request.path, timestampS: auth.value.timestampS, nonce: auth.value.nonce, body: request.body })
  if (!partner || !signedBy || !signatureMatches(signedBy, message, auth.value.signature)) {
    return refuse(
      'UNAUTHENTICATED',
      'the signature does not match: sign METHOD, path, timestamp, nonce and body, each followed by a newline, with your current secret',
    )
  }
  // Taken only after the signature holds, so nobody else can burn a partner's nonces.
  // Nonces past their use are forgotten by the server's periodic sweep (cloud.sweepPartnerNonces), not here: a
  // range delete on every request would make every partner's requests contend for one index.
  const fresh = await services.storage.transaction((tx) => takeNonce(tx, partner.id, auth.value.nonce, nowMs))
  if (!fresh) return refuse('UNAUTHENTICATED', 'this nonce was already used: make a new one for every request (a replayed request is refused)')
  return partner
}

export async function handlePartnerCall(services: Services, limiter: RateLimiter, op: string, request: PartnerHttpRequest): Promise<PartnerHttpAnswer> {
  if (!(PARTNER_OPS as readonly string[]).includes(op))
    return refuse('NOT_FOUND', `There is no partner operation ${JSON.stringify(op).slice(0, 40)}: use ${PARTNER_OPS.join(', ')}.`)
  if (request.method !== 'POST') return refuse('INVALID_ARGUMENT', 'Partner operations are POST requests.')
  if (Buffer.byteLength(request.body, 'utf8') > PARTNER_LIMITS.maxBodyBytes)
    return refuse('INVALID_ARGUMENT', `The body is larger than ${PARTNER_LIMITS.maxBodyBytes / 1_048_576} MB.`)
  const partner = await authenticate(services, request)
  if ('status' in partner) return partner
  if (!limiter.take(`partner:${partner.id}`, services.now()))
    return refuse('RATE_LIMITED', 'Too many requests from this partner in a short time. Wait a few seconds and send again.')
  const feed = op as PartnerOp
  if (!mayReport(partner.feeds, feed))
    return refuse('PERMISSION_DENIED', `This partner may not report ${feed}: the city allowed ${partner.feeds.join(', ') || 'linking only'}.`)
  let parsed: unknown
  try {
    parsed = JSON.parse(request.body)
  } catch {
    return refuse('INVALID_ARGUMENT', 'The body is not valid JSON.')
  }
  const batch = partnerBatchSchema.safeParse(parsed)
  if (!batch.success) return refuse('INVALID_ARGUMENT', batch.error.issues[0]?.message ?? 'The body must be { "rows": [ … ] }.')
  const rows: PartnerRowAnswer[] = []
  for (const row of batch.data.rows) rows.push(await oneRow(services, partner, feed, row))
  await tally(services, partner, rows)
  return { status: 200, body: { result: { rows } } }
}

/**
 * The batch's answers on the partner's feed health (the organizer's partners page): after the rows, in one short
 * transaction of its own, since a refused row left nothing of its own transaction to count from.
 */
async function tally(services: Services, partner: PartnerRecord, rows: readonly PartnerRowAnswer[]): Promise<void> {
  const nowMs = services.now()
  const count = (status: PartnerRowAnswer['status']) => rows.filter((r) => r.status === status).length
  await services.storage.transaction((tx) =>
    recordFeedTally(
      tx,
      partner.id,
      shanghaiDay(nowMs),
      { accepted: count('accepted'), duplicate: count('duplicate'), refused: count('refused') },
      toShanghaiIso(nowMs),
    ),
  )
}

/** One row: a duplicate is an answer, a refusal is an answer, and neither stops the rest of the batch. */
async function oneRow(services: Services, partner: PartnerRecord, op: PartnerOp, raw: unknown): Promise<PartnerRowAnswer> {
  const handler = PARTNER_ROW_HANDLERS[op]
  const rowId = typeof (raw as { rowId?: unknown })?.rowId === 'string' ? String((raw as { rowId: string }).rowId).slice(0, 64) : ''
  const row = handler.schema.safeParse(raw)
  if (!row.success) return { rowId, status: 'refused', code: 'INVALID_ARGUMENT', message: describe(row.error) }
  try {
    return await inTransaction(services, async (services) => {
      const earlier = await partnerRow(services.store, partner.id, row.data.rowId)
      if (earlier) return { rowId, status: 'duplicate', ...(earlier.ref ? { ref: earlier.ref } : {}) }
      const made = await handler.apply(services, partner, row.data)
      const ref = typeof made === 'string' ? made : made.duplicateOf
      // Kept either way: the row is settled, and sent again it answers duplicate with the same ref.
      await recordPartnerRow(services.store, partner.id, row.data.rowId, op, { status: 'accepted', ref }, toShanghaiIso(services.now()))
      return { rowId, status: typeof made === 'string' ? 'accepted' : 'duplicate', ref }
    })
  } catch (error) {
    if (error instanceof CloudError) return { rowId, status: 'refused', code: error.code, message: error.message }
    throw error
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]
  const path = issue?.path.join('.') ?? ''
  return issue ? `${path && !issue.message.startsWith(path) ? `${path}: ` : ''}${issue.message}` : 'invalid row'
}
