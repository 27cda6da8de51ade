/** The city's partners: registration and secrets, the signed partner API, and account linking (issue 24). */
import { PARTNERS_PRIVACY_VERSION } from '../../src/contract/constants'
import { PARTNER_LIMITS } from '../../src/core/partners'
import { partnerAuthorization } from '../../mock/partners/signing'
import type { PartnerHttpAnswer } from '../../mock/partners/api'
import { harness, type Caller, type Harness } from './harness'

const PATH = (op: string) => `/partner/v1/${op}`

interface Signed {
  partnerId: string
  secret: string
}

/** Posts a batch as a partner would: signed now (or at `timestampS`), with a fresh nonce unless one is given. */
function send(
  h: Harness,
  p: Signed,
  op: string,
  body: unknown,
  tweak: { timestampS?: number; nonce?: string; secret?: string; tamper?: (b: string) => string } = {},
): Promise<PartnerHttpAnswer> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const authorization = partnerAuthorization({
    partnerId: p.partnerId,
    secret: tweak.secret ?? p.secret,
    method: 'POST',
    path: PATH(op),
    body: text,
    timestampS: tweak.timestampS ?? Math.floor(h.clock.ms / 1000),
    ...(tweak.nonce ? { nonce: tweak.nonce } : {}),
  })
  return h.cloud.partnerCall(op, { method: 'POST', path: PATH(op), authorization, body: tweak.tamper ? tweak.tamper(text) : text })
}

async function register(boss: Caller, name = 'Hello Bike'): Promise<Signed> {
  const { partner, secret } = await boss.ok('registerPartner', { name, kind: 'bikeshare', feeds: [] })
  return { partnerId: partner.id, secret }
}

async function agreed(h: Harness, handle: string): Promise<Caller> {
  const c = await h.as(handle)
  await c.ok('agreePrivacy', { version: PARTNERS_PRIVACY_VERSION })
  return c
}

describe('partners', () => {
  let h: Harness
  let boss: Caller
  beforeEach(async () => {
    h = await harness({ organizers: ['boss'] })
    boss = await h.as('boss')
  })
  afterEach(() => h.close())

  it('are registered by a city organizer only, with a secret shown once; rotation stops the old secret at once', async () => {
    const ann = await h.as('ann')
    expect((await ann.error('registerPartner', { name: 'X', kind: 'bikeshare', feeds: [] })).code).toBe('PERMISSION_DENIED')
    const p = await register(boss)
    expect(p.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const listed = (await boss.ok('listPartners')).partners
    expect(listed).toEqual([expect.objectContaining({ id: p.partnerId, name: 'Hello Bike', kind: 'bikeshare', secretVersion: 1 })])
    expect(JSON.stringify(listed)).not.toContain(p.secret)
    expect((await send(h, p, 'link', { rows: [{ rowId: 'r1', linkCode: 'ABCDEFGH', partnerUserId: 'u1' }] })).status).toBe(200)
    const rotated = await boss.ok('rotatePartnerSecret', { partnerId: p.partnerId })
    expect(rotated.partner.secretVersion).toBe(2)
    expect(rotated.secret).not.toBe(p.secret)
    expect((await send(h, p, 'link', { rows: [{ rowId: 'r2', linkCode: 'ABCDEFGH', partnerUserId: 'u1' }] })).body).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    expect((await send(h, { ...p, secret: rotated.secret }, 'link', { rows: [{ rowId: 'r2', linkCode: 'ABCDEFGH', partnerUserId: 'u1' }] })).status).toBe(200)
    await boss.ok('revokePartner', { partnerId: p.partnerId })
    expect(
      (await send(h, { ...p, secret: rotated.secret }, 'link', { rows: [{ rowId: 'r3', linkCode: 'ABCDEFGH', partnerUserId: 'u1' }] })).body,
    ).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    expect((await boss.error('revokePartner', { partnerId: p.partnerId })).code).toBe('CONFLICT')
    expect((await boss.error('rotatePartnerSecret', { partnerId: p.partnerId })).code).toBe('CONFLICT')
  })

  it('refuse an unsigned, altered, stale, future, replayed or foreign request, and an unknown operation', async () => {
    const p = await register(boss)
    const body = { rows: [{ rowId: 'r1', linkCode: 'ABCDEFGH', partnerUserId: 'u1' }] }
    const refused = async (answer: Promise<PartnerHttpAnswer>, pattern: RegExp) => {
      const out = await answer
      expect(out.status).toBe(401)
      expect(out.body).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(pattern) } })
    }
    await refused(h.cloud.partnerCall('link', { method: 'POST', path: PATH('link'), body: JSON.stringify(body) }), /no Authorization/)
    await refused(send(h, p, 'link', body, { tamper: (b) => b.replace('u1', 'u2') }), /signature does not match/)
    await refused(send(h, p, 'link', body, { secret: 'not-the-secret' }), /signature does not match/)
    const skewS = PARTNER_LIMITS.maxClockSkewMs / 1000
    await refused(send(h, p, 'link', body, { timestampS: Math.floor(h.clock.ms / 1000) - skewS - 1 }), /minutes from the cloud's clock/)
    await refused(send(h, p, 'link', body, { timestampS: Math.floor(h.clock.ms / 1000) + skewS + 1 }), /minutes from the cloud's clock/)
    expect((await send(h, p, 'link', body, { timestampS: Math.floor(h.clock.ms / 1000) - skewS + 5, nonce: 'nonce-0123456789ab' })).status).toBe(200)
    await refused(send(h, p, 'link', body, { nonce: 'nonce-0123456789ab' }), /nonce was already used/)
    await refused(send(h, { partnerId: 'pt_unknown000', secret: p.secret }, 'link', body), /signature does not match/)
    const path = await h.cloud.partnerCall('link', {
      method: 'POST',
      path: PATH('link'),
      body: JSON.stringify(body),
      // signed for another path: the path is part of what is signed
      authorization: partnerAuthorization({ ...p, method: 'POST', path: PATH('trips'), body: JSON.stringify(body), timestampS: Math.floor(h.clock.ms / 1000) }),
    })
    expect(path.status).toBe(401)
    expect((await send(h, p, 'nope', body)).body).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('answer a batch row by row, bound its size, and refuse a body that is not a batch', async () => {
    const p = await register(boss)
    const tooMany = { rows: Array.from({ length: PARTNER_LIMITS.maxRows + 1 }, (_, i) => ({ rowId: `r${i}`, linkCode: 'ABCDEFGH', partnerUserId: 'u' })) }
    expect((await send(h, p, 'link', tooMany)).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/at most 500 rows/) } })
    expect((await send(h, p, 'link', 'not json')).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    expect((await send(h, p, 'link', { rows: [] })).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    const big = 'x'.repeat(PARTNER_LIMITS.maxBodyBytes + 1)
    expect((await send(h, p, 'link', big)).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/larger than 1 MB/) } })
    const mixed = await send(h, p, 'link', {
      rows: [
        { rowId: 'bad id!', linkCode: 'ABCDEFGH', partnerUserId: 'u' },
        { rowId: 'r1', linkCode: 'ABCDEFGH', partnerUserId: 'u' },
      ],
    })
    expect((mixed.body as any).result.rows).toEqual([
      expect.objectContaining({ rowId: 'bad id!', status: 'refused', code: 'INVALID_ARGUMENT' }),
      expect.objectContaining({ rowId: 'r1', status: 'refused', code: 'NOT_FOUND' }),
    ])
  })

  it("link a resident by a one-time code they made, once, under the partner's hashed user id; the resident sees and removes it", async () => {
    const p = await register(boss)
    const ann = await h.as('ann')
    expect((await ann.error('createLinkCode', { partnerId: p.partnerId })).code).toBe('PERMISSION_DENIED')
    await ann.ok('agreePrivacy', { version: PARTNERS_PRIVACY_VERSION })
    const { code, partner } = await ann.ok('createLinkCode', { partnerId: p.partnerId })
    expect(code).toMatch(/^[23456789A-HJKMNP-Z]{8}$/)
    expect(partner).toEqual({ id: p.partnerId, name: 'Hello Bike', kind: 'bikeshare' })
    const first = await send(h, p, 'link', { rows: [{ rowId: 'link-1', linkCode: code, partnerUserId: 'hb-user-42' }] })
    expect((first.body as any).result.rows).toEqual([{ rowId: 'link-1', status: 'accepted', ref: 'linked' }])
    // The same row again is a duplicate; the same code under a new row id is used up.
    expect((await send(h, p, 'link', { rows: [{ rowId: 'link-1', linkCode: code, partnerUserId: 'hb-user-42' }] })).body).toMatchObject({
      result: { rows: [{ rowId: 'link-1', status: 'duplicate', ref: 'linked' }] },
    })
    expect((await send(h, p, 'link', { rows: [{ rowId: 'link-2', linkCode: code, partnerUserId: 'hb-user-42' }] })).body).toMatchObject({
      result: { rows: [{ status: 'refused', code: 'NOT_FOUND' }] },
    })
    expect((await ann.ok('listMyPartnerLinks')).partners).toEqual([expect.objectContaining({ id: p.partnerId, linkedAt: expect.any(String) })])
    expect((await ann.error('createLinkCode', { partnerId: p.partnerId })).code).toBe('CONFLICT')
    // Bob cannot take over Ann's account at the partner.
    const bob = await agreed(h, 'bob')
    const bobCode = (await bob.ok('createLinkCode', { partnerId: p.partnerId })).code
    expect((await send(h, p, 'link', { rows: [{ rowId: 'link-3', linkCode: bobCode, partnerUserId: 'hb-user-42' }] })).body).toMatchObject({
      result: { rows: [{ status: 'refused', code: 'CONFLICT' }] },
    })
    const after = await ann.ok('unlinkPartner', { partnerId: p.partnerId })
    expect(after.partners).toEqual([expect.not.objectContaining({ linkedAt: expect.anything() })])
    expect((await ann.error('unlinkPartner', { partnerId: p.partnerId })).code).toBe('NOT_FOUND')
    // Unlinked, the partner account is free for Bob's (still valid) code.
    expect((await send(h, p, 'link', { rows: [{ rowId: 'link-4', linkCode: bobCode, partnerUserId: 'hb-user-42' }] })).body).toMatchObject({
      result: { rows: [{ status: 'accepted' }] },
    })
  })

  it('let a code expire after 10 minutes, serve only its own partner, and leave no link behind a deleted account', async () => {
    const bike = await register(boss, 'Hello Bike')
    const bus = await register(boss, 'Metro Card')
    const ann = await agreed(h, 'ann')
    const { code } = await ann.ok('createLinkCode', { partnerId: bike.partnerId })
    expect((await send(h, bus, 'link', { rows: [{ rowId: 'x1', linkCode: code, partnerUserId: 'm1' }] })).body).toMatchObject({
      result: { rows: [{ status: 'refused', code: 'NOT_FOUND' }] },
    })
    h.clock.ms += PARTNER_LIMITS.linkCodeTtlMs + 1
    expect((await send(h, bike, 'link', { rows: [{ rowId: 'x2', linkCode: code, partnerUserId: 'b1' }] })).body).toMatchObject({
      result: { rows: [{ status: 'refused', code: 'NOT_FOUND' }] },
    })
    const fresh = (await ann.ok('createLinkCode', { partnerId: bike.partnerId })).code
    expect((await send(h, bike, 'link', { rows: [{ rowId: 'x3', linkCode: fresh, partnerUserId: 'b1' }] })).body).toMatchObject({
      result: { rows: [{ status: 'accepted' }] },
    })
    await ann.ok('deleteAccount', { confirm: 'DELETE' })
    const again = await agreed(h, 'ann')
    expect((await again.ok('listMyPartnerLinks')).partners.filter((p: any) => p.linkedAt)).toEqual([])
  })

  it("show each partner's feed health to the city: today's rows accepted, duplicate and refused, and when it was last seen", async () => {
    const bike = await register(boss, 'Hello Bike')
    const quiet = await register(boss, 'Quiet Bus')
    const ann = await agreed(h, 'ann')
    const { code } = await ann.ok('createLinkCode', { partnerId: bike.partnerId })
    const health = async (id: string) => (await boss.ok('listPartners')).partners.find((p: any) => p.id === id)
    expect(await health(quiet.partnerId)).toMatchObject({ today: { accepted: 0, duplicate: 0, refused: 0 } })
    expect((await health(quiet.partnerId)).lastSeenAt).toBeUndefined()
    const rows = [
      { rowId: 'h1', linkCode: code, partnerUserId: 'u1' },
      { rowId: 'h2', linkCode: 'ZZZZZZZZ', partnerUserId: 'u2' },
      { rowId: 'bad id!', linkCode: code, partnerUserId: 'u3' },
    ]
    await send(h, bike, 'link', { rows })
    h.clock.ms += 60_000
    await send(h, bike, 'link', { rows: rows.slice(0, 1) })
    const seen = await health(bike.partnerId)
    expect(seen.today).toEqual({ accepted: 1, duplicate: 1, refused: 2 })
    expect(seen.lastSeenAt).toBe('2026-11-29T10:01:00.000+08:00')
    // a request that fails its signature is not the partner's, and counts nowhere
    await send(h, bike, 'link', { rows }, { secret: quiet.secret })
    expect((await health(bike.partnerId)).today).toEqual({ accepted: 1, duplicate: 1, refused: 2 })
    // health survives a rotation in what the list answers, and the next Shanghai day starts at zero
    await boss.ok('rotatePartnerSecret', { partnerId: bike.partnerId })
    h.clock.ms += 24 * 3_600_000
    expect(await health(bike.partnerId)).toMatchObject({ today: { accepted: 0, duplicate: 0, refused: 0 }, lastSeenAt: '2026-11-29T10:01:00.000+08:00' })
  })

  it("forget nonces in the periodic sweep once their requests' timestamps would be refused anyway, and never a fresh one", async () => {
    const p = await register(boss)
    const body = { rows: [{ rowId: 'n1', linkCode: 'ABCDEFGH', partnerUserId: 'u1' }] }
    expect((await send(h, p, 'link', body, { nonce: 'nonce-old-000000001' })).status).toBe(200)
    h.clock.ms += PARTNER_LIMITS.nonceMemoryMs - 1_000
    expect((await send(h, p, 'link', body, { nonce: 'nonce-new-000000002' })).status).toBe(200)
    expect(await h.cloud.sweepPartnerNonces()).toBe(0)
    h.clock.ms += 2_000
    // the first is past its memory; the second is still within the skew a replay could use
    expect(await h.cloud.sweepPartnerNonces()).toBe(1)
    expect((await send(h, p, 'link', body, { nonce: 'nonce-new-000000002' })).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    // the forgotten one, replayed with its own old timestamp, is refused by the clock
    const stale = await send(h, p, 'link', body, {
      nonce: 'nonce-old-000000001',
      timestampS: Math.floor((h.clock.ms - PARTNER_LIMITS.nonceMemoryMs - 1_000) / 1000),
    })
    expect(stale.body).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('timestamp') } })
  })
})
