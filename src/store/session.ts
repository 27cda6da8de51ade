/** The session slice: who is logged in. Logging in or out clears every slice's per-person data (clearPersonData). */
import { callCloud, readTokenFrom } from '../services/cloud'
import { wechatLoginCode } from '../services/wechat'
import { recordAgreementInCloud } from './consent'
import { persisted } from './persist'
import type { SessionSlice, Slice } from './types'

export const createSessionSlice: Slice<SessionSlice> = (set, get) => {
  const session = persisted.session()
  readTokenFrom(() => get().session?.token)
  async function start(code: string) {
    const r = await callCloud('login', { code })
    const next = { openid: r.openid, token: r.token, nickname: r.nickname, roles: r.roles }
    persisted.saveSession(next)
    // the previous person's data goes before the new person is shown, never after
    if (get().session?.openid !== next.openid) persisted.forgetWalletView()
    get().clearPersonData()
    // what this person's queued check-ins were refused on this phone, kept for them across logins
    set({ session: next, refused: persisted.refused(next.openid) })
    // Agreed on this device before logging in: now the cloud records it (a failure asks again next login).
    await recordAgreementInCloud(get().privacyAgreedVersion, r.privacyVersion).catch(() => undefined)
  }
  return {
    session,
    loginWithHandle: (handle) => start(`dev:${handle}`),
    loginWithWeChat: async () => start(await wechatLoginCode()),
    logout() {
      persisted.saveSession(undefined)
      persisted.forgetWalletView()
      get().clearPersonData()
      set({ session: undefined })
    },
  }
}
