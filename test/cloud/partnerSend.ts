/** Posting to the partner API as a partner would, and linking a resident there: shared by the feed tests. */
import { PARTNERS_PRIVACY_VERSION } from '../../src/contract/constants'
import { partnerAuthorization } from '../../mock/partners/signing'
import type { PartnerHttpAnswer } from '../../mock/partners/api'
import type { PartnerRowAnswer } from '../../src/contract/partner'
import type { Caller, Harness } from './harness'

export interface Signed {
  partnerId: string
  secret: string
}

/** Posts a batch signed now with a fresh nonce. */
export function send(h: Harness, p: Signed, op: string, body: unknown): Promise<PartnerHttpAnswer> {
  const text = JSON.stringify(body)
  const path = `/partner/v1/${op}`
  const authorization = partnerAuthorization({ ...p, method: 'POST', path, body: text, timestampS: Math.floor(h.clock.ms / 1000) })
  return h.cloud.partnerCall(op, { method: 'POST', path, authorization, body: text })
}

/** The answer's rows of a batch the cloud took (fails the test on a refused request). */
export async function rowsOf(h: Harness, p: Signed, op: string, rows: unknown[]): Promise<PartnerRowAnswer[]> {
  const answer = await send(h, p, op, { rows })
  if (answer.status !== 200 || !('result' in answer.body)) throw new Error(`batch refused: ${JSON.stringify(answer.body)}`)
  return answer.body.result.rows
}

export async function registered(boss: Caller, name: string, kind: string, feeds: string[], extra: Record<string, unknown> = {}): Promise<Signed> {
  const { partner, secret } = await boss.ok('registerPartner', { name, kind, feeds, ...extra })
  return { partnerId: partner.id, secret }
}

/** A resident who agreed to the partners notice and linked `partnerUserId` at each partner. */
export async function linkedResident(h: Harness, handle: string, at: { partner: Signed; partnerUserId: string }[]): Promise<Caller> {
  const c = await h.as(handle)
  await c.ok('agreePrivacy', { version: PARTNERS_PRIVACY_VERSION })
  for (const { partner, partnerUserId } of at) {
    const { code } = await c.ok('createLinkCode', { partnerId: partner.partnerId })
    const [row] = await rowsOf(h, partner, 'link', [{ rowId: `link-${handle}`, linkCode: code, partnerUserId }])
    if (row.status !== 'accepted') throw new Error(`link refused: ${JSON.stringify(row)}`)
  }
  return c
}
