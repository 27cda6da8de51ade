/**
 * The city's partners (operators that report trips or weights, merchants) and the rules of their signed API,
 * as pure functions: what a request must carry, the message its signature covers, how fresh it must be, and
 * how a partner's own user id is kept. The HMAC itself and the storage are the cloud's (mock/partners).
 */

/** What a partner is: an operator whose data is credited, or a merchant with offers. */
export const PARTNER_KINDS = ['transit', 'bikeshare', 'ridehailing', 'navigation', 'bin', 'scale', 'merchant'] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

/** What a partner may report besides linking accounts (every partner's); a feed is added with its rows' rules. */
export const PARTNER_FEEDS = ['trips', 'weights'] as const
export type PartnerFeed = (typeof PARTNER_FEEDS)[number]

/** The kinds of partner the city may allow each feed: trips from those who see rides, weights from those who weigh. */
export const FEED_KINDS: { readonly [f in PartnerFeed]: readonly PartnerKind[] } = {
  trips: ['transit', 'bikeshare', 'ridehailing', 'navigation'],
  weights: ['bin', 'scale'],
}

/** The first feed a partner of this kind may not be given, if any (registration refuses it). */
export function feedNotForKind(kind: PartnerKind, feeds: readonly PartnerFeed[]): PartnerFeed | undefined {
  return feeds.find((f) => !FEED_KINDS[f].includes(kind))
}

/** Every feed a partner of this kind may be allowed: what the organizer's page registers it with. */
export const feedsOfKind = (kind: PartnerKind): PartnerFeed[] => PARTNER_FEEDS.filter((f) => FEED_KINDS[f].includes(kind))

/** The operations under /partner/v1/<op>. */
export const PARTNER_OPS = ['link', ...PARTNER_FEEDS] as const
export type PartnerOp = (typeof PARTNER_OPS)[number]

export const PARTNER_LIMITS = {
  /** a request body at most (as payment webhooks bound theirs): bigger is refused unread */
  maxBodyBytes: 1_048_576,
  /** rows in one batch at most: each row is its own transaction, and the answer holds one line per row */
  maxRows: 500,
  /** how far a request's timestamp may be from the cloud's clock, either way */
  maxClockSkewMs: 5 * 60_000,
  /** a nonce is remembered this long: older requests are refused by their timestamp anyway */
  nonceMemoryMs: 10 * 60_000,
  /** a link code a resident shows the partner is good this long, once */
  linkCodeTtlMs: 10 * 60_000,
  /** stations one bin or scale partner is registered for at most (a fleet of smart bins; the column holds them all) */
  maxStations: 50,
} as const

/** The Authorization scheme, in the shape WeChat Pay v3 uses: `GLP-HMAC-SHA256 partner="…",timestamp="…",…`. */
export const PARTNER_AUTH_SCHEME = 'GLP-HMAC-SHA256'

const NONCE = /^[A-Za-z0-9_-]{16,64}$/
const PARTNER_ID = /^pt_[A-Za-z0-9_-]{6,40}$/
const SIGNATURE = /^[0-9a-f]{64}$/
const TIMESTAMP = /^[0-9]{9,11}$/

export interface PartnerAuthorization {
  partnerId: string
  /** Unix seconds, as the partner's clock read it */
  timestampS: number
  nonce: string
  /** hex HMAC-SHA256 of signingMessage() under the partner's secret */
  signature: string
}

/** The header's fields, or why it is not one: every field once, each in its own shape. */
export function parseAuthorization(header: string | undefined): { ok: true; value: PartnerAuthorization } | { ok: false; why: string } {
  if (!header) return { ok: false, why: `no Authorization header: sign the request (${PARTNER_AUTH_SCHEME})` }
  const space = header.indexOf(' ')
  if (space < 0 || header.slice(0, space) !== PARTNER_AUTH_SCHEME) return { ok: false, why: `the Authorization scheme must be ${PARTNER_AUTH_SCHEME}` }
  const fields = new Map<string, string>()
  for (const part of header.slice(space + 1).split(',')) {
    const m = /^\s*([a-z]+)="([^"]*)"\s*$/.exec(part)
    if (!m || fields.has(m[1])) return { ok: false, why: 'the Authorization fields must be name="value" pairs, each once' }
    fields.set(m[1], m[2])
  }
  const partnerId = fields.get('partner') ?? ''
  const timestamp = fields.get('timestamp') ?? ''
  const nonce = fields.get('nonce') ?? ''
  const signature = fields.get('signature') ?? ''
  if (!PARTNER_ID.test(partnerId)) return { ok: false, why: 'partner must be the id the city gave you (pt_…)' }
  if (!TIMESTAMP.test(timestamp)) return { ok: false, why: 'timestamp must be Unix seconds' }
  if (!NONCE.test(nonce)) return { ok: false, why: 'nonce must be 16–64 characters of A–Z, a–z, 0–9, _ or -, new for every request' }
  if (!SIGNATURE.test(signature)) return { ok: false, why: 'signature must be 64 lowercase hex digits (HMAC-SHA256)' }
  return { ok: true, value: { partnerId, timestampS: Number(timestamp), nonce, signature } }
}

/**
 * What the signature covers, line by line, each ending in a newline: the method, the path (no host, no query),
 * the timestamp and the nonce as sent, and the body exactly as sent. Altering any of them breaks it.
 */
export function signingMessage(parts: { method: string; path: string; timestampS: number; nonce: string; body: string }): string {
  return `${parts.method.toUpperCase()}\n${parts.path}\n${parts.timestampS}\n${parts.nonce}\n${parts.body}\n`
}

/** Within the allowed skew of the cloud's clock, either way. */
export function timestampFresh(timestampS: number, nowMs: number): boolean {
  return Math.abs(timestampS * 1000 - nowMs) <= PARTNER_LIMITS.maxClockSkewMs
}

/** A feed is open to a partner only when the city allowed it that feed. */
export function mayReport(feeds: readonly PartnerFeed[], op: PartnerOp): boolean {
  return op === 'link' || (feeds as readonly string[]).includes(op)
}
