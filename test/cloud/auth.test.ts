import jwt from 'jsonwebtoken'
import { harness, type Harness, inOrder } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ sessionSecret: 's'.repeat(40), organizers: ['boss'] })
})
afterEach(() => h.close())

describe('login and sessions', () => {
  it('maps the same handle to the same openid, which is not the handle', async () => {
    const a = await h.as('alice')
    const again = await h.as('alice')
    const bob = await h.as('bob')
    expect(a.openid).toBe(again.openid)
    expect(a.openid).not.toBe(bob.openid)
    expect(a.openid).not.toContain('alice')
  })

  it('gives residents the resident role and organizers both', async () => {
    expect((await h.cloud.call('login', { code: 'dev:alice' })).body).toMatchObject({ result: { roles: ['resident'], nickname: 'alice' } })
    expect((await h.cloud.call('login', { code: 'dev:boss' })).body).toMatchObject({ result: { roles: ['resident', 'organizer'] } })
  })

  it.each([
    [{}],
    [{ code: 'alice' }],
    [{ code: 'dev:' }],
    [{ code: 'dev:Alice' }],
    [{ code: `dev:${'a'.repeat(33)}` }],
    [{ code: 5 }],
    [{ code: 'dev:a', openid: 'x' }],
  ])('rejects the bad login %j with INVALID_ARGUMENT', async (data) => {
    const out = await h.cloud.call('login', data)
    expect(out.status).toBe(400)
    expect(out.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
  })

  it('refuses calls without a token, with a tampered token, and with an expired one', async () => {
    const a = await h.as('alice')
    expect((await h.cloud.call('getWallet', {})).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    expect((await h.cloud.call('getWallet', {}, 'Bearer nonsense')).status).toBe(401)
    const [head, , sig] = a.token.split('.')
    const forgedPayload = Buffer.from(JSON.stringify({ sub: (await h.as('bob')).openid, iat: 1, exp: 9999999999, iss: 'green-life-mock-cloud' })).toString(
      'base64url',
    )
    expect((await h.cloud.call('getWallet', {}, `Bearer ${head}.${forgedPayload}.${sig}`)).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    const otherSecret = jwt.sign({ sub: a.openid }, 'x'.repeat(40), { algorithm: 'HS256', issuer: 'green-life-mock-cloud' })
    expect((await h.cloud.call('getWallet', {}, `Bearer ${otherSecret}`)).status).toBe(401)
    // verified (and so remembered by the token cache) before it expires: the cache must not outlive exp
    expect((await h.cloud.call('getWallet', {}, `Bearer ${a.token}`)).status).toBe(200)
    h.clock.ms += 7 * 24 * 3600 * 1000 - 1000
    expect((await h.cloud.call('getWallet', {}, `Bearer ${a.token}`)).status).toBe(200)
    h.clock.ms += 1000
    const expired = await h.cloud.call('getWallet', {}, `Bearer ${a.token}`)
    expect(expired.status).toBe(401)
    expect((expired.body as any).error.message).toMatch(/expired/)
  })

  it('answers an unknown function with NOT_FOUND', async () => {
    const out = await h.cloud.call('dropTables', {})
    expect(out).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: expect.stringContaining('dropTables'), reason: 'call.noSuchFunction' } } })
    expect((await h.cloud.call('__proto__', {})).status).toBe(404)
    expect((await h.cloud.call('toString', {})).status).toBe(404)
  })

  it('rate-limits one caller without touching another', async () => {
    const limited = await harness({ rateLimit: { burst: 5, perSecond: 1 } })
    const a = await limited.as('alice')
    const b = await limited.as('bob')
    const statuses = await inOrder(
      Array.from({ length: 8 }, (_, i) => i),
      async () => (await a.call('getWallet')).status,
    )
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
    expect(await a.error('getWallet')).toMatchObject({ code: 'RATE_LIMITED', status: 429 })
    expect((await b.call('getWallet')).status).toBe(200)
    limited.clock.ms += 2000
    expect((await a.call('getWallet')).status).toBe(200)
    // calls without a session are bucketed by client address, so one address cannot starve another
    const logins = await inOrder(
      Array.from({ length: 7 }, (_, i) => i),
      async () => (await limited.cloud.call('login', { code: 'dev:x' }, undefined, { clientKey: '10.0.0.1' })).status,
    )
    expect(logins.filter((s) => s === 429)).toHaveLength(2)
    expect((await limited.cloud.call('login', { code: 'dev:y' }, undefined, { clientKey: '10.0.0.2' })).status).toBe(200)
    await limited.close()
  })
})
