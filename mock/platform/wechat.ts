/**
 * WeChat's login exchange (auth.code2Session): a code from `wx.login` becomes the person's openid and the
 * session_key that decrypts their open data (WeRun). The platform's part, not a cloud function's: the
 * secret, the timeout and the mapping of WeChat's answers to contract codes live here.
 *
 * Never logged or returned: the secret (it is in the request URL, so the URL is never logged either) and
 * the session_key.
 */
import { CloudError } from '../errors'

export interface WeChatSession {
  /** WeChat's openid of this person for this mini-program */
  openid: string
  sessionKey: string
}

export interface WeChatLogin {
  code2Session(code: string): Promise<WeChatSession>
}

export interface WeChatLoginOptions {
  appid: string
  secret: string
  /** WeChat's own by default; tests point it at a local stand-in */
  apiBase: string
  /** the longest the exchange may take before the caller is told to retry (at most 10 s) */
  timeoutMs: number
  /** where configuration faults are reported; console.error by default */
  log?: (line: string) => void
}

export const WECHAT_API_BASE = 'https://api.weixin.qq.com'
export const WECHAT_TIMEOUT_MS = 10_000

/** errcodes that mean the server's own WX_APPID / WX_SECRET are wrong: an operator must act, not the resident */
const CONFIG_ERRCODES: Record<number, string> = {
  40013: 'invalid appid (WX_APPID)',
  40125: 'invalid appsecret (WX_SECRET)',
  40001: 'invalid credential (WX_SECRET)',
  41002: 'appid missing',
  41004: 'appsecret missing',
  40164: "this server's IP is not on the mini-program's IP allow-list",
}

const retryLater = () =>
  new CloudError('UNAVAILABLE', "WeChat's login service is busy or did not answer. Please try again in a moment.", { reason: 'wechat.loginBusy' })

/**
 * One WeChat API call answered by a JSON object, or `unavailable()` (logged with why: an HTTP error, no answer in
 * time, an unreadable answer): what the caller cannot fix, so it is told to retry.
 */
export async function askWeChat(
  what: string,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
  log: (line: string) => void,
  unavailable: () => CloudError,
): Promise<Record<string, unknown>> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok) {
      log(`[wechat] ${what} answered HTTP ${res.status}; the call was refused with UNAVAILABLE`)
      throw unavailable()
    }
    const parsed: unknown = await res.json()
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('not a JSON object')
    return parsed as Record<string, unknown>
  } catch (error) {
    if (error instanceof CloudError) throw error
    const why =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? `no answer within ${timeoutMs} ms`
        : 'network error or unreadable answer'
    log(`[wechat] ${what} failed: ${why}`)
    throw unavailable()
  }
}

export function createWeChatLogin(options: WeChatLoginOptions): WeChatLogin {
  const log = options.log ?? ((line: string) => console.error(line))
  const endpoint = `${options.apiBase.replace(/\/+$/, '')}/sns/jscode2session`
  return {
    async code2Session(code) {
      const url = new URL(endpoint)
      url.searchParams.set('appid', options.appid)
      url.searchParams.set('secret', options.secret)
      url.searchParams.set('js_code', code)
      url.searchParams.set('grant_type', 'authorization_code')
      const body = await askWeChat('code2Session', url, {}, options.timeoutMs, log, retryLater)
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0
      if (errcode === 0 && typeof body.openid === 'string' && typeof body.session_key === 'string' && body.openid && body.session_key) {
        return { openid: body.openid, sessionKey: body.session_key }
      }
      switch (errcode) {
        case 40029:
        case 40163:
          throw new CloudError('UNAUTHENTICATED', 'This WeChat login code is invalid or was already used. Please log in again.', {
            reason: 'wechat.codeInvalid',
          })
        case -1:
          throw retryLater()
        case 45011:
          throw new CloudError('RATE_LIMITED', 'Too many WeChat logins in a short time. Wait a minute and try again.', { reason: 'wechat.tooManyLogins' })
        case 40226:
          throw new CloudError('PERMISSION_DENIED', 'WeChat blocked this login for this account.', { reason: 'wechat.blocked' })
      }
      const meaning = CONFIG_ERRCODES[errcode]
      if (meaning) {
        log(
          `[wechat] code2Session rejected this server's configuration: errcode ${errcode}, ${meaning}. Check WX_APPID and WX_SECRET; every WeChat login answers UNAVAILABLE until it is fixed.`,
        )
      } else {
        log(`[wechat] code2Session gave an answer this server does not understand (errcode ${errcode}); the login was refused with UNAVAILABLE`)
      }
      throw retryLater()
    },
  }
}
