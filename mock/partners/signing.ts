/**
 * A partner's signing secret: made here, shown once, and kept sealed (AES-256-GCM under a key drawn from the
 * cloud's identity secret), since checking an HMAC needs the secret itself, not a hash of it. A database copy
 * alone signs nothing.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { PARTNER_AUTH_SCHEME, signingMessage } from '../../src/core/partners'

const SEAL_INFO = 'glp/partner-secret/v1'
const SEAL_VERSION = 'v1'

function sealKey(identitySecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', identitySecret, Buffer.alloc(0), SEAL_INFO, 32))
}

/** 32 random bytes, base64url: what the partner signs with. */
export function newPartnerSecret(): string {
  return randomBytes(32).toString('base64url')
}

export function sealSecret(secret: string, identitySecret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', sealKey(identitySecret), iv)
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return [SEAL_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.')
}

export function unsealSecret(sealed: string, identitySecret: string): string {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== SEAL_VERSION || !iv || !tag || !body) throw new Error('a partner secret sealed in an unknown form')
  const decipher = createDecipheriv('aes-256-gcm', sealKey(identitySecret), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

export function signHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex')
}

/** Compared in constant time: how much of a guess matched must not show in how long the answer took. */
export function signatureMatches(secret: string, message: string, signatureHex: string): boolean {
  const expected = Buffer.from(signHex(secret, message), 'hex')
  const given = Buffer.from(signatureHex, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** A partner's user id as the cloud keeps it: keyed, and tied to that partner (two partners' ids never meet). */
export function partnerUserHash(identitySecret: string, partnerId: string, partnerUserId: string): string {
  return createHmac('sha256', identitySecret).update(`partner-user:${partnerId}:${partnerUserId}`).digest('hex')
}

/**
 * The Authorization header a partner sends, as the partner computes it: what the simulator (npm run partner) and
 * the tests use, and what docs/partner-api.md walks through by hand.
 */
export function partnerAuthorization(p: {
  partnerId: string
  secret: string
  method: string
  path: string
  body: string
  timestampS: number
  nonce?: string
}): string {
  const nonce = p.nonce ?? randomBytes(16).toString('hex')
  const signature = signHex(p.secret, signingMessage({ method: p.method, path: p.path, timestampS: p.timestampS, nonce, body: p.body }))
  return `${PARTNER_AUTH_SCHEME} partner="${p.partnerId}",timestamp="${p.timestampS}",nonce="${nonce}",signature="${signature}"`
}
