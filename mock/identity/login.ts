import { loginSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction, inTransaction } from '../function'
import { findOrCreateUser, WECHAT_DEFAULT_NICKNAME, wechatHandle } from './users'
import type { UserRecord } from './queries'
import { getPrivacyVersion, saveWeChatSessionKey } from './queries'

/**
 * WeChat login: the code from `wx.login` is exchanged at code2Session for WeChat's openid and the session_key,
 * which stays here (replaced at each login) to decrypt the person's WeRun data. A dev code `dev:<handle>`
 * works only on a server started with DEV_LOGIN=1. Under WeChat Cloud Run the platform already named the
 * caller: login just reports who that is, with no token.
 */
export const login = defineFunction({
  name: 'login',
  schema: loginSchema,
  auth: 'none',
  transaction: 'none',
  async handle({ code }, caller, services) {
    const { store } = services
    if (caller) {
      return { openid: caller.openid, token: '', roles: caller.roles, nickname: caller.nickname, privacyVersion: await getPrivacyVersion(store, caller.openid) }
    }
    let user: UserRecord
    if (code.startsWith('dev:')) {
      if (!services.devLogin) {
        throw new CloudError('INVALID_ARGUMENT', 'Dev login is turned off on this server: log in with WeChat.', { reason: 'login.devOff' })
      }
      const handle = code.slice('dev:'.length)
      user = await inTransaction(services, (services) => findOrCreateUser(services, handle, handle))
    } else {
      const { wechat } = services
      if (!wechat) throw new CloudError('UNAVAILABLE', 'WeChat login is not set up on this server (WX_APPID and WX_SECRET).', { reason: 'login.wechatOff' })
      const session = await wechat.code2Session(code)
      const at = new Date(services.now()).toISOString()
      user = await inTransaction(services, async (services) => {
        const found = await findOrCreateUser(services, wechatHandle(session.openid), WECHAT_DEFAULT_NICKNAME)
        await saveWeChatSessionKey(services.store, found.openid, session.sessionKey, at)
        return found
      })
    }
    return {
      openid: user.openid,
      token: services.tokens.issue(user.openid),
      roles: await services.rolesOf(user),
      nickname: user.nickname,
      privacyVersion: await getPrivacyVersion(store, user.openid),
    }
  },
})
