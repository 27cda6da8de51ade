import { createSecretKey } from 'node:crypto'
import jwt from 'jsonwebtoken'
import { CloudError } from '../errors'

export interface TokenService {
  issue(openid: string): string
  /** the openid inside a valid token; throws UNAUTHENTICATED otherwise */
  verify(token: string): string
}

const ISSUER = 'green-life-mock-cloud'
/** Verified tokens remembered so each call need not re-run jsonwebtoken (≈50 µs); bounded, oldest dropped. */
const VERIFIED_CACHE_MAX = 10_000

export function createTokenService(secret: string, ttlSeconds: number, now: () => number): TokenService {
  if (secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters')
  // One KeyObject for the life of the server: handing jsonwebtoken a string makes it rebuild a key per call.
  const key = createSecretKey(Buffer.from(secret, 'utf8'))
  // A token string that verified once verifies again until its own exp: signature and issuer cannot change.
  const verified = new Map<string, { openid: string; expSeconds: number }>()
  const expired = () => new CloudError('UNAUTHENTICATED', 'Your session has expired. Please log in again.', { reason: 'session.expired' })
  return {
    issue(openid) {
      const iat = Math.floor(now() / 1000)
      return jwt.sign({ sub: openid, iat, exp: iat + ttlSeconds }, key, { algorithm: 'HS256', issuer: ISSUER })
    },
    verify(token) {
      const known = verified.get(token)
      if (known) {
        if (known.expSeconds > Math.floor(now() / 1000)) return known.openid
        verified.delete(token)
        throw expired()
      }
      try {
        const payload = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          clockTimestamp: Math.floor(now() / 1000),
        })
        if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
          throw new CloudError('UNAUTHENTICATED', 'The session token is malformed. Please log in again.', { reason: 'session.invalid' })
        }
        if (verified.size >= VERIFIED_CACHE_MAX) verified.delete(verified.keys().next().value as string)
        verified.set(token, { openid: payload.sub, expSeconds: payload.exp })
        return payload.sub
      } catch (error) {
        if (error instanceof CloudError) throw error
        if (error instanceof jwt.TokenExpiredError) throw expired()
        throw new CloudError('UNAUTHENTICATED', 'The session token is not valid. Please log in again.', { reason: 'session.invalid' })
      }
    },
  }
}
