/**
 * What each partner operation does with one row, inside that row's own transaction (./api keeps it exactly once).
 * A refusal is a CloudError: the row's answer carries its code, and nothing the row wrote stays.
 */
import type { z } from 'zod'
import { linkRowSchema, tripRowSchema, weightRowSchema } from '../../src/contract/partner'
import type { RecyclingCheckInRequest, TravelCheckInRequest } from '../../src/core/kinds'
import type { PartnerOp } from '../../src/core/partners'
import { toShanghaiIso } from '../../src/core/time'
import { CloudError } from '../errors'
import type { Services } from '../function'
import { lockCaller } from '../idempotency'
import { conflict, transition } from '../transitions'
import { partnerUserHash } from './signing'
import { getLinkCode, insertLink, isLinked, linkedPerson, type PartnerRecord } from './queries'
import { creditCheckInOf } from '../wallet/checkIn'

export interface RowHandler<S extends z.ZodType<{ rowId: string }>> {
  schema: S
  /** answers the ref the row made, or the entry an earlier report of the same activity made (the row is a duplicate) */
  apply(services: Services, partner: PartnerRecord, row: z.infer<S>): Promise<string | { duplicateOf: string }>
}

/** The resident a partner's user id is linked to, locked; a user nobody linked (or who unlinked) credits no one. */
async function linkedResident(services: Services, partner: PartnerRecord, partnerUserId: string): Promise<string> {
  const openid = await linkedPerson(services.store, partner.id, partnerUserHash(services.identitySecret, partner.id, partnerUserId))
  if (openid === undefined)
    throw new CloudError('NOT_FOUND', 'No resident is linked to this partnerUserId: a resident links their account first (op link), and may unlink it.')
  await lockCaller(services.store, openid)
  return openid
}

/** A ride the operator saw: a travel check-in at evidence 'operator', under the rules of a resident's own (docs/partner-api.md). */
const trips: RowHandler<typeof tripRowSchema> = {
  schema: tripRowSchema,
  async apply(services, partner, row) {
    const openid = await linkedResident(services, partner, row.partnerUserId)
    const req: TravelCheckInRequest = {
      requestId: `${partner.id}:${row.rowId}`,
      kind: 'travel',
      mode: row.mode,
      distanceKm: row.distanceKm,
      durationMin: (Date.parse(row.endedAt) - Date.parse(row.startedAt)) / 60_000,
      occurredAt: row.endedAt,
    }
    const credited = await creditCheckInOf(services, { openid, source: { evidence: 'operator', partnerId: partner.id } }, req)
    return 'sameAs' in credited ? { duplicateOf: credited.sameAs.id } : credited.entry.id
  },
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

/**
 * A drop a bin or scale weighed: a recycling check-in at evidence 'scale', at a station the city registered the
 * partner for only; a display-code drop it weighed is confirmed and corrected instead (src/core/feeds).
 */
const weights: RowHandler<typeof weightRowSchema> = {
  schema: weightRowSchema,
  async apply(services, partner, row) {
    if (!partner.stations.includes(row.stationCode))
      throw new CloudError(
        'PERMISSION_DENIED',
        `This partner is not registered for station ${row.stationCode}: the city registered it for ${partner.stations.join(', ')}.`,
      )
    const openid = await linkedResident(services, partner, row.partnerUserId)
    const req: RecyclingCheckInRequest = {
      requestId: `${partner.id}:${row.rowId}`,
      kind: 'recycling',
      material: row.material,
      weightKg: row.weightG / 1000,
      stationCode: row.stationCode,
      occurredAt: row.weighedAt,
    }
    const credited = await creditCheckInOf(services, { openid, source: { evidence: 'scale', partnerId: partner.id } }, req)
    return 'sameAs' in credited ? { duplicateOf: credited.sameAs.id } : credited.entry.id
  },
}

export const PARTNER_ROW_HANDLERS: { [op in PartnerOp]: RowHandler<z.ZodType<{ rowId: string }>> } = { link, trips, weights }
