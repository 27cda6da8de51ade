import { customAlphabet } from 'nanoid'
import { partnerIdSchema } from '../../src/contract/partner'
import { PARTNER_LIMITS } from '../../src/core/partners'
import { toShanghaiIso } from '../../src/core/time'
import { PARTNERS_PRIVACY_VERSION, VOUCHER_ALPHABET } from '../../src/contract/constants'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { getPrivacyVersion } from '../identity/queries'
import { partnerOrNotFound } from './partners'
import { insertLinkCode, isLinked } from './queries'

/** 31^8 ≈ 8.5×10^11 codes, each good for 10 minutes once: unguessable in its lifetime, short enough to type. */
const linkCode = customAlphabet(VOUCHER_ALPHABET, 8)

/**
 * A one-time code that links the resident's account at one partner: shown as a QR, submitted by the partner with
 * its own user id. Making it is the resident's consent for that partner, under the privacy notice that names
 * partners and what they send.
 */
export const createLinkCode = defineFunction({
  name: 'createLinkCode',
  schema: partnerIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ partnerId }, { openid }, services) {
    const { store } = services
    await lockCaller(store, openid)
    if ((await getPrivacyVersion(store, openid)) < PARTNERS_PRIVACY_VERSION) {
      throw new CloudError(
        'PERMISSION_DENIED',
        `Agree to privacy notice version ${PARTNERS_PRIVACY_VERSION} (it names partners and what they send) before linking one.`,
        { reason: 'partner.needsPrivacy', params: { version: PARTNERS_PRIVACY_VERSION } },
      )
    }
    const partner = await partnerOrNotFound(services, partnerId)
    if (partner.revokedAt) throw new CloudError('NOT_FOUND', `No partner with id ${partnerId}.`, { reason: 'partner.notFound' })
    if (await isLinked(store, openid, partner.id))
      throw new CloudError('CONFLICT', `You are already linked with ${partner.name}: remove that link on Me first.`, {
        reason: 'partner.alreadyLinked',
        params: { name: partner.name },
      })
    const nowMs = services.now()
    const expiresAtMs = nowMs + PARTNER_LIMITS.linkCodeTtlMs
    // A clash is astronomically rare; the key refuses it, and the transaction runs again with a new draw.
    const code = linkCode()
    await insertLinkCode(store, code, openid, partner.id, expiresAtMs, nowMs)
    return { code, expiresAt: toShanghaiIso(expiresAtMs), partner: { id: partner.id, name: partner.name, kind: partner.kind } }
  },
})
