/**
 * The only code in the app that calls the cloud. Three transports behind one function: HTTP to the cloud
 * (H5, dev, weapp with CLOUD_BASE_URL), WeChat Cloud Run's callContainer on weapp where CLOUD_ENV_ID and
 * CLOUD_SERVICE are built in (the platform adds the caller's identity, so no token travels), and an in-process
 * transport that tests install with setTransport(). Nothing is sent before the privacy notice is agreed.
 */
import Taro from '@tarojs/taro'
import { isErrorCode, reasonOf, type ReasonParams } from '../contract/errors'
import type { FunctionName, RequestOf, ResultOf } from '../contract/types'
import { CloudCallError, type ClientErrorCode } from './errors'

export { CloudCallError, type ClientErrorCode } from './errors'
export { isRetryable, sendOnce, withRetries } from './callPolicy'

/** What a transport hands back: the contract's body, or a thrown error when nothing was answered. */
export type CloudBody = { result: unknown } | { error: { code: string; message: string; reason?: string; params?: ReasonParams } }
export type Transport = (name: string, data: unknown, token: string | undefined) => Promise<CloudBody>

const HTTP_TIMEOUT_MS = 15_000

interface HttpAnswer {
  statusCode: number
  data: unknown
}

/**
 * H5 posts with the browser's own fetch: Taro.request would bring Taro's H5 request layer (its JSONP and
 * AbortController polyfills) into the script every page waits for, for nothing a browser lacks.
 */
async function browserPost(url: string, body: unknown, header: Record<string, string>): Promise<HttpAnswer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), HTTP_TIMEOUT_MS)
  try {
    const res = await fetch(url, { method: 'POST', headers: header, body: JSON.stringify(body), signal: controller.signal })
    const text = await res.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      // not JSON: left as text, which the caller reports as an unexpected answer
    }
    return { statusCode: res.status, data }
  } finally {
    clearTimeout(timer)
  }
}

async function taroPost(url: string, body: unknown, header: Record<string, string>): Promise<HttpAnswer> {
  const res = await Taro.request<CloudBody>({ url, method: 'POST', data: body, header, timeout: HTTP_TIMEOUT_MS })
  return { statusCode: res.statusCode, data: res.data }
}

export function httpTransport(baseUrl: string): Transport {
  return async (name, data, token) => {
    const header = { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }
    let res: HttpAnswer
    try {
      const post = process.env.TARO_ENV === 'h5' ? browserPost : taroPost
      res = await post(`${baseUrl}/cloud/${name}`, { data }, header)
    } catch (error) {
      const reason = error as { errMsg?: string; name?: string; message?: string }
      throw new CloudCallError('NETWORK', reason?.name === 'AbortError' ? 'request:fail timeout' : String(reason?.errMsg ?? reason?.message ?? error))
    }
    const body = res.data as CloudBody
    if (body && typeof body === 'object' && ('result' in body || 'error' in body)) return body
    throw new CloudCallError('NETWORK', `unexpected answer (HTTP ${res.statusCode})`)
  }
}

/**
 * WeChat Cloud Run: the same `POST /cloud/<name>` reaches the service through WeChat's gateway, which adds
 * the caller's openid itself (X-WX-OPENID), so no token travels and nobody can claim another openid.
 */
export function callContainerTransport(envId: string, service: string): Transport {
  let initialised = false
  return async (name, data) => {
    if (!initialised) {
      Taro.cloud.init({ env: envId })
      initialised = true
    }
    let res: Taro.cloud.CallContainerResult<CloudBody>
    try {
      res = await Taro.cloud.callContainer<CloudBody>({
        config: { env: envId },
        path: `/cloud/${name}`,
        method: 'POST',
        header: { 'X-WX-SERVICE': service, 'content-type': 'application/json' },
        data: { data },
      })
    } catch (error) {
      throw new CloudCallError('NETWORK', String((error as { errMsg?: string })?.errMsg ?? error))
    }
    const body = res.data
    if (body && typeof body === 'object' && ('result' in body || 'error' in body)) return body
    throw new CloudCallError('NETWORK', `unexpected answer (HTTP ${res.statusCode})`)
  }
}

/** Which door the build opens: Cloud Run when configured for weapp, HTTP otherwise. */
export function usesCloudRun(): boolean {
  return process.env.TARO_ENV === 'weapp' && Boolean(CLOUD_ENV_ID && CLOUD_SERVICE)
}

function defaultTransport(): Transport {
  if (usesCloudRun()) return callContainerTransport(CLOUD_ENV_ID, CLOUD_SERVICE)
  return httpTransport(CLOUD_BASE_URL)
}

let transport: Transport | undefined
let currentToken: () => string | undefined = () => undefined
let onUnauthenticated: (() => void) | undefined
let consentGiven = false

export function setTransport(next: Transport | undefined) {
  transport = next
}

/**
 * Where the session token is read at each call: the store's session is its one source of truth, so a login,
 * a logout or a reset is seen by the next call without anything to keep in step.
 */
export function readTokenFrom(source: () => string | undefined) {
  currentToken = source
}

/** The store says when the privacy notice has been agreed; until then callCloud sends nothing. */
export function setConsentGiven(given: boolean) {
  consentGiven = given
}

export function setUnauthenticatedHandler(handler: (() => void) | undefined) {
  onUnauthenticated = handler
}

export async function callCloud<N extends FunctionName>(name: N, data: RequestOf<N>): Promise<ResultOf<N>> {
  if (!consentGiven) throw new CloudCallError('CONSENT_REQUIRED', 'Nothing is sent before the privacy notice is agreed.')
  transport ??= defaultTransport()
  const body = await transport(name, data, currentToken())
  if ('result' in body) return body.result as ResultOf<N>
  const error = refusalError(body.error)
  if (error.code === 'UNAUTHENTICATED') onUnauthenticated?.()
  throw error
}

/** The cloud's error body as a CloudCallError, its reason and params kept when they are well formed. */
function refusalError(error: { code?: unknown; message?: unknown; reason?: unknown; params?: unknown } | undefined): CloudCallError {
  const code = isErrorCode(error?.code) ? error.code : 'INTERNAL'
  const message = typeof error?.message === 'string' ? error.message : 'unknown error'
  return new CloudCallError(code, message, reasonOf(error))
}

/**
 * The public pages' functions (the city dashboard, verifying a code, the list of communities): they carry
 * nothing about the person and send no token, so they need no login and no agreed notice.
 */
export type PublicFunctionName = 'getCityDashboard' | 'verifyPublic' | 'listCommunities'

export async function callPublicCloud<N extends PublicFunctionName>(name: N, data: RequestOf<N>): Promise<ResultOf<N>> {
  transport ??= defaultTransport()
  const body = await transport(name, data, undefined)
  if ('result' in body) return body.result as ResultOf<N>
  throw refusalError(body.error)
}

const TRANSIENT: ReadonlySet<ClientErrorCode> = new Set(['NETWORK', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL', 'CONSENT_REQUIRED'])

/**
 * Errors worth keeping a write for and sending it later with the same requestId: the call may not have been
 * processed (or was not sent). Wider than the call policy's retryable codes (services/callPolicy.ts), which
 * say what is worth sending again at once.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof CloudCallError && TRANSIENT.has(error.code)
}
