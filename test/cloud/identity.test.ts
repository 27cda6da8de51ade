import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAdmin } from '../../mock/admin'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { createCloud } from '../../mock/cloud'
import { CloudError } from '../../mock/errors'
import type { SqlitePort } from '../../mock/storage/sqlitePort'
import type { WeChatLogin } from '../../mock/platform/wechat'
import { PRIVACY_NOTICE_VERSION } from '../../src/contract/constants'
import { harness, NOW } from './harness'
import { findUserByHandle, getWeChatSessionKey } from '../../mock/identity/queries'

const SECRET = 'k'.repeat(40)
const fileDb = () => join(mkdtempSync(join(tmpdir(), 'glp-roles-')), 'cloud.sqlite')
const reward = { title: 'Tote bag', pointsCost: 10, stock: 5 }

/** A code2Session that knows two codes, so the cloud's side of WeChat login is tested without a network. */
function fakeWeChat(): WeChatLogin & { keys: string[] } {
  const keys: string[] = []
  let n = 0
  return {
    keys,
    async code2Session(code) {
      if (!code.startsWith('good')) throw new CloudError('UNAUTHENTICATED', 'invalid code')
      const sessionKey = `key-${++n}-AAAAAAAAAAAAAAAAAAAA`
      keys.push(sessionKey)
      return { openid: code.startsWith('good-b') ? 'oWX-bob' : 'oWX-ann', sessionKey }
    },
  }
}

describe('roles are read on every call', () => {
  it('demotes a handle removed from ORGANIZERS at once, old tokens included', async () => {
    const dbPath = fileDb()
    const before = await createCloud({ storage: openSqlite({ path: dbPath }), sessionSecret: SECRET, organizers: ['boss'], devLogin: true, now: () => NOW })
    const login = (await before.call('login', { code: 'dev:boss' })).body as any
    expect(login.result.roles).toEqual(['resident', 'organizer'])
    const auth = `Bearer ${login.result.token}`
    expect((await before.call('upsertReward', reward, auth)).status).toBe(200)
    await before.close()

    const after = await createCloud({ storage: openSqlite({ path: dbPath }), sessionSecret: SECRET, organizers: [], devLogin: true, now: () => NOW })
    expect((await after.call('getWallet', {}, auth)).status).toBe(200)
    expect((await after.call('upsertReward', reward, auth)).body).toMatchObject({ error: { code: 'PERMISSION_DENIED' } })
    await after.close()
  })

  it('grants and revokes the organizer role in the database by command, recorded with when', async () => {
    const dbPath = fileDb()
    const cloud = await createCloud({ storage: openSqlite({ path: dbPath }), sessionSecret: SECRET, organizers: [], devLogin: true, now: () => NOW })
    const ann = ((await cloud.call('login', { code: 'dev:ann' })).body as any).result
    const auth = `Bearer ${ann.token}`
    expect((await cloud.call('upsertReward', reward, auth)).status).toBe(403)

    const lines: string[] = []
    const print = (line: string) => lines.push(line)
    expect(await runAdmin(['grant-organizer', ann.openid], cloud.store, print, NOW)).toBe(0)
    expect((await cloud.call('upsertReward', reward, auth)).status).toBe(200)
    expect(await runAdmin(['grant-organizer', ann.openid], cloud.store, print, NOW)).toBe(0)
    expect(lines[lines.length - 1]).toMatch(/already an organizer by grant; nothing changed/)

    expect(await runAdmin(['revoke-organizer', ann.openid], cloud.store, print, NOW + 60_000)).toBe(0)
    expect((await cloud.call('upsertReward', reward, auth)).status).toBe(403)
    expect(((await cloud.call('login', { code: 'dev:ann' })).body as any).result.roles).toEqual(['resident'])

    lines.length = 0
    expect(await runAdmin(['list-organizers'], cloud.store, print)).toBe(0)
    expect(lines).toEqual([`${ann.openid}\tgranted 2026-11-29T10:00:00.000+08:00\trevoked 2026-11-29T10:01:00.000+08:00`])
    const history = (cloud.store as SqlitePort).sqlite.db.prepare('SELECT openid, action, at FROM organizer_grant_history ORDER BY id').all()
    expect(history).toEqual([
      { openid: ann.openid, action: 'grant', at: '2026-11-29T10:00:00.000+08:00' },
      { openid: ann.openid, action: 'revoke', at: '2026-11-29T10:01:00.000+08:00' },
    ])
    expect(await runAdmin(['grant-organizer', 'o_nobody'], cloud.store, print)).toBe(1)
    expect(await runAdmin(['promote', ann.openid], cloud.store, print)).toBe(2)
    await cloud.close()
  })
})

describe('login codes', () => {
  it('refuses dev codes unless the cloud runs with dev login, and writes nothing', async () => {
    const cloud = await createCloud({ storage: openSqlite({ path: ':memory:' }) })
    expect((await cloud.call('login', { code: 'dev:organizer' })).body).toMatchObject({
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/Dev login is turned off/) },
    })
    expect(await findUserByHandle(cloud.store, 'organizer')).toBeUndefined()
    await cloud.close()
  })

  it('rejects codes that are neither WeChat codes nor dev codes', async () => {
    const h = await harness()
    for (const code of ['', 'dev:', 'dev:Upper', 'short', 'has space in it', 'x'.repeat(129), 'dev:a/b']) {
      expect((await h.cloud.call('login', { code })).body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } })
    }
    await h.close()
  })

  it('answers UNAVAILABLE for a WeChat code when WeChat login is not configured', async () => {
    const h = await harness()
    expect((await h.cloud.call('login', { code: 'wx-code-0123456789' })).body).toMatchObject({ error: { code: 'UNAVAILABLE' } })
    await h.close()
  })

  it('keeps one app account per WeChat user, a fresh session_key each login, and forgets it when the account is deleted', async () => {
    const wechat = fakeWeChat()
    const h = await harness({ wechat })
    const first = (await h.cloud.call('login', { code: 'good-a-1' })).body as any
    const second = (await h.cloud.call('login', { code: 'good-a-2' })).body as any
    const bob = (await h.cloud.call('login', { code: 'good-b-1' })).body as any
    expect(second.result.openid).toBe(first.result.openid)
    expect(bob.result.openid).not.toBe(first.result.openid)
    expect(await getWeChatSessionKey(h.cloud.store, first.result.openid)).toBe(wechat.keys[1])
    expect(JSON.stringify([first, second, bob])).not.toContain('key-')

    expect((await h.cloud.call('deleteAccount', { confirm: 'DELETE' }, `Bearer ${first.result.token}`)).status).toBe(200)
    expect(await getWeChatSessionKey(h.cloud.store, first.result.openid)).toBeUndefined()
    const back = (await h.cloud.call('login', { code: 'good-a-3' })).body as any
    expect(back.result.openid).not.toBe(first.result.openid)
    expect((await h.cloud.call('getWallet', {}, `Bearer ${back.result.token}`)).body).toMatchObject({ result: { wallet: { pointsBalance: 0 } } })
    await h.close()
  })
})

describe('privacy notice agreement', () => {
  it('records the version a person agreed to; login reports it; an older or unknown version changes nothing', async () => {
    const h = await harness()
    const ann = await h.as('ann')
    expect(((await h.cloud.call('login', { code: 'dev:ann' })).body as any).result.privacyVersion).toBe(0)
    expect(await ann.ok('agreePrivacy', { version: PRIVACY_NOTICE_VERSION })).toEqual({
      privacyVersion: PRIVACY_NOTICE_VERSION,
      agreedAt: '2026-11-29T10:00:00.000+08:00',
    })
    expect(((await h.cloud.call('login', { code: 'dev:ann' })).body as any).result.privacyVersion).toBe(PRIVACY_NOTICE_VERSION)
    expect(await ann.error('agreePrivacy', { version: PRIVACY_NOTICE_VERSION + 1 })).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' })
    for (const bad of [{ version: 0 }, { version: 1.5 }, { version: '1' }, {}, { version: 1, openid: 'o_x' }]) {
      expect((await ann.error('agreePrivacy', bad)).code).toBe('INVALID_ARGUMENT')
    }
    expect((await h.cloud.call('agreePrivacy', { version: 1 })).status).toBe(401)
    expect((await (await h.as('bob')).ok('agreePrivacy', { version: 1 })).privacyVersion).toBe(1)
    await h.close()
  })
})

describe('WeChat Cloud Run identity in the platform', () => {
  it('creates the person from the platform openid, issues no token and ignores Authorization', async () => {
    const cloud = await createCloud({ storage: openSqlite({ path: ':memory:' }), cloudRun: true, now: () => NOW })
    const who = { platformOpenid: 'oCR-person-1' }
    const login = (await cloud.call('login', { code: 'wx-code-0123456789' }, undefined, who)).body as any
    expect(login.result).toMatchObject({ token: '', roles: ['resident'], privacyVersion: 0 })
    expect((await cloud.call('getWallet', {}, undefined, who)).status).toBe(200)
    expect((await cloud.call('getWallet', {}, `Bearer ${login.result.token}`)).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    expect(((await cloud.call('login', { code: 'wx-code-0123456789' }, undefined, who)).body as any).result.openid).toBe(login.result.openid)
    await cloud.close()
  })
})
