import { loginSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { parse, type CloudFunction } from '../function'
import type { UserRecord } from '../storage/port'
import { findOrCreateUser, WECHAT_DEFAULT_NICKNAME, wechatHandle } from '../users'

/**
 * WeChat login: the code from `wx.login` is exchanged at code2Session for WeChat's openid and the session_key,
 * which stays here (replaced at each login) to decrypt the person's WeRun data. A dev code `dev:<handle>`
 * works only on a server started with DEV_LOGIN=1. Under WeChat Cloud Run the platform already named the
 * caller: login just reports who that is, with no token.
 */
export const login: CloudFunction<'login'> = {
  name: 'login',
  requiresSession: false,
  // Not async: a dev login answers at once, so in-process callers (demo data, tests) need not wait.
  handle(data, caller, services) {
    const { code } = parse(loginSchema, data)
    const { store } = services
    if (caller) {
      return { openid: caller.openid, token: '', roles: caller.roles, nickname: caller.nickname, privacyVersion: store.getPrivacyVersion(caller.openid) }
    }
    const result = (user: UserRecord) => ({
      openid: user.openid,
      token: services.tokens.issue(user.openid),
      roles: services.rolesOf(user),
      nickname: user.nickname,
      privacyVersion: store.getPrivacyVersion(user.openid),
    })
    if (code.startsWith('dev:')) {
      if (!services.devLogin) {
        throw new CloudError('INVALID_ARGUMENT', 'Dev login is turned off on this server: log in with WeChat.')
      }
      const handle = code.slice('dev:'.length)
      return result(store.transaction(() => findOrCreateUser(services, handle, handle)))
    }
    const { wechat } = services
    if (!wechat) throw new CloudError('UNAVAILABLE', 'WeChat login is not set up on this server (WX_APPID and WX_SECRET).')
    return wechat.code2Session(code).then((session) => {
      const at = new Date(services.now()).toISOString()
      return result(
        store.transaction(() => {
          const user = findOrCreateUser(services, wechatHandle(session.openid), WECHAT_DEFAULT_NICKNAME)
          store.saveWeChatSessionKey(user.openid, session.sessionKey, at)
          return user
        }),
      )
    })
  },
}
