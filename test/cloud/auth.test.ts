import jwt from 'jsonwebtoken'
import { harness, type Harness } from './harness'

let h: Harness
beforeEach(() => {
  h = harness({ sessionSecret: 's'.repeat(40), organizers: ['boss'] })
})
afterEach(() => h.close())

describe('login and sessions', () => {
  it('maps the same handle to the same openid, which is not the handle', () => {
    const a = h.as('alice')
    const again = h.as('alice')
    const bob = h.as('bob')
    expect(a.openid).toBe(again.openid)
    expect(a.openid).not.toBe(bob.openid)
    expect(a.openid).not.toContain('alice')
  })

  it('gives residents the resident role and organizers both', () => {
    expect(h.cloud.callNow('login', { code: 'dev:alice' }).body).toMatchObject({ result: { roles: ['resident'], nickname: 'alice' } })
    expect(h.cloud.callNow('login', { code: 'dev:boss' }).body).toMatchObject({ result: { roles: ['resident', 'organizer'] } })
  })

  it.each([[{}], [{ code: 'alice' }], [{ code: 'dev:' }], [{ code: 'dev:Alice' }], [{ code: `dev:${'a'.repeat(33)}` }], [{ code: 5 }], [{ code: 'dev:a', openid: 'x' }]])(
    'rejects the bad login %j with INVALID_ARGUMENT',
    (data) => {
      const out = h.cloud.callNow('login', data)
      expect(out.status).toBe(400)
      expect(out.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    },
  )

  it('refuses calls without a token, with a tampered token, and with an expired one', () => {
    const a = h.as('alice')
    expect(h.cloud.callNow('getWallet', {}).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    expect(h.cloud.callNow('getWallet', {}, 'Bearer nonsense').status).toBe(401)
    const [head, , sig] = a.token.split('.')
    const forgedPayload = Buffer.from(JSON.stringify({ sub: h.as('bob').openid, iat: 1, exp: 9999999999, iss: 'green-life-mock-cloud' })).toString('base64url')
    expect(h.cloud.callNow('getWallet', {}, `Bearer ${head}.${forgedPayload}.${sig}`).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    const otherSecret = jwt.sign({ sub: a.openid }, 'x'.repeat(40), { algorithm: 'HS256', issuer: 'green-life-mock-cloud' })
    expect(h.cloud.callNow('getWallet', {}, `Bearer ${otherSecret}`).status).toBe(401)
    // verified (and so remembered by the token cache) before it expires: the cache must not outlive exp
    expect(h.cloud.callNow('getWallet', {}, `Bearer ${a.token}`).status).toBe(200)
    h.clock.ms += 7 * 24 * 3600 * 1000 - 1000
    expect(h.cloud.callNow('getWallet', {}, `Bearer ${a.token}`).status).toBe(200)
    h.clock.ms += 1000
    const expired = h.cloud.callNow('getWallet', {}, `Bearer ${a.token}`)
    expect(expired.status).toBe(401)
    expect((expired.body as any).error.message).toMatch(/expired/)
  })

  it('answers an unknown function with NOT_FOUND', () => {
    const out = h.cloud.callNow('dropTables', {})
    expect(out).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: expect.stringContaining('dropTables') } } })
    expect(h.cloud.callNow('__proto__', {}).status).toBe(404)
    expect(h.cloud.callNow('toString', {}).status).toBe(404)
  })

  it('rate-limits one caller without touching another', () => {
    const limited = harness({ rateLimit: { burst: 5, perSecond: 1 } })
    const a = limited.as('alice')
    const b = limited.as('bob')
    const statuses = Array.from({ length: 8 }, () => a.call('getWallet').status)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
    expect(a.error('getWallet')).toMatchObject({ code: 'RATE_LIMITED', status: 429 })
    expect(b.call('getWallet').status).toBe(200)
    limited.clock.ms += 2000
    expect(a.call('getWallet').status).toBe(200)
    // calls without a session are bucketed by client address, so one address cannot starve another
    const logins = Array.from({ length: 7 }, () => limited.cloud.callNow('login', { code: 'dev:x' }, undefined, { clientKey: '10.0.0.1' }).status)
    expect(logins.filter((s) => s === 429)).toHaveLength(2)
    expect(limited.cloud.callNow('login', { code: 'dev:y' }, undefined, { clientKey: '10.0.0.2' }).status).toBe(200)
    limited.close()
  })
})
