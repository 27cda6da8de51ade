/** What the partner functions share: a partner's public shape, its sealed secret, and a resident's view of partners. */
import type { LinkablePartner, PartnerView, SecretIssued } from '../../src/contract/partner'
import { CloudError } from '../errors'
import type { Services } from '../function'
import { newPartnerSecret, sealSecret } from './signing'
import { getPartner, linksOf, listPartners, type PartnerRecord } from './queries'

export function publicPartner(p: PartnerRecord): PartnerView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    feeds: p.feeds,
    ...(p.stations.length > 0 ? { stations: p.stations } : {}),
    secretVersion: p.secretVersion,
    createdAt: p.createdAt,
    ...(p.revokedAt ? { revokedAt: p.revokedAt } : {}),
    ...(p.lastSeenAt ? { lastSeenAt: p.lastSeenAt } : {}),
  }
}

/** A new secret, sealed for the database and shown once to the organizer. */
export function issueSecret(services: Services): { secret: string; sealed: string } {
  const secret = newPartnerSecret()
  return { secret, sealed: sealSecret(secret, services.identitySecret) }
}

export function issued(partner: PartnerRecord, secret: string): SecretIssued {
  return { partner: publicPartner(partner), secret }
}

export async function partnerOrNotFound(services: Services, partnerId: string): Promise<PartnerRecord> {
  const partner = await getPartner(services.store, partnerId)
  if (!partner) throw new CloudError('NOT_FOUND', `No partner with id ${partnerId}.`, { reason: 'partner.notFound' })
  return partner
}

/** Every partner a resident may link (not revoked), with when they linked each; revoked ones they linked too, to remove. */
export async function linkablePartners(services: Services, openid: string): Promise<LinkablePartner[]> {
  const linked = new Map((await linksOf(services.store, openid)).map((l) => [l.partnerId, l.linkedAt]))
  return (await listPartners(services.store))
    .filter((p) => !p.revokedAt || linked.has(p.id))
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind, ...(linked.has(p.id) ? { linkedAt: linked.get(p.id) } : {}) }))
}
