/**
 * What each partner operation does with one row, inside that row's own transaction (./api keeps it exactly once).
 * A refusal is a CloudError: the row's answer carries its code, and nothing the row wrote stays.
 */
import type { z } from 'zod'
import { linkRowSchema } from '../../src/contract/partner'
import type { PartnerOp } from '../../src/core/partners'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import type { Services } from '../function'
import { lockCaller } from '../idempotency'
import { conflict, transition } from '../transitions'
import { partnerUserHash } from './signing'
import { getLinkCode, insertLink, isLinked, linkedPerson, type PartnerRecord } from './queries'

export interface RowHandler<S extends z.ZodType<{ rowId: string }>> {
  schema: S
  /** answers the ref the row made */
  apply(services: Services, partner: PartnerRecord, row: z.infer<S>): Promise<string>
}

const link: RowHandler<typeof linkRowSchema> = {
  schema: linkRowSchema,
  async apply(services, partner, row) {
    const { store } = services
    const nowMs = services.now()
    const code = await getLinkCode(store, row.linkCode)
    if (!code || code.partnerId !== partner.id || code.expiresAtMs <= nowMs || code.usedAt) {
      throw new CloudError('NOT_FOUND', 'That link code is unknown, expired or already used: ask the resident to show a new one (a code lasts 10 minutes).')
    }
    // The person's own lock: a link racing their account's deletion cannot land on a deleted account.
    await lockCaller(store, code.openid)
    const hash = partnerUserHash(services.identitySecret, partner.id, row.partnerUserId)
    const holder = await linkedPerson(store, partner.id, hash)
    if (holder !== undefined && holder !== code.openid)
      throw new CloudError('CONFLICT', 'This account of yours is linked to another resident: they must unlink it on their Me page first.')
    if (holder === undefined && (await isLinked(store, code.openid, partner.id))) {
      throw new CloudError('CONFLICT', 'This resident is linked with another account of yours: they must unlink it on their Me page first.')
    }
    const at = toShanghaiIso(nowMs)
    await transition(
      store,
      { table: 'partner_link_codes', key: { code: code.code }, column: 'used_at', from: [null], to: at },
      conflict('That link code was used a moment ago.', { reason: 'partnerRow.linkCodeUsedMeanwhile' }),
    )
    if (holder === undefined) await insertLink(store, partner.id, hash, code.openid, at)
    return 'linked'
  },
}

export const PARTNER_ROW_HANDLERS: { [op in PartnerOp]: RowHandler<z.ZodType<{ rowId: string }>> } = { link }
