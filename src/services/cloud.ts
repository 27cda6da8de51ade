/**
 * The only code in the app that calls the cloud. Three transports behind one function:
 * HTTP to the mock cloud (H5, dev, weapp with CLOUD_BASE_URL), Taro.cloud where a real WeChat Cloud
 * environment is configured, and an in-process transport that tests install with setTransport().
 */
import Taro from '@tarojs/taro'
import { isErrorCode, type ErrorCode } from '../contract/errors'
import type { FunctionName, RequestOf, ResultOf } from '../contract/types'

export type ClientErrorCode = ErrorCode | 'NETWORK'

export class CloudCallError extends Error {
  readonly code: ClientErrorCode
  constructor(code: ClientErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = 'CloudCallError'
  }
}

/** What a transport hands back: the contract's body, or a thrown error when nothing was answered. */
export type CloudBody = { result: unknown } | { error: { code: string; message: string } }
export type Transport = (name: string, data: unknown, token: string | undefined) => Promise<CloudBody>

export function httpTransport(baseUrl: string): Transport {
  return async (name, data, token) => {
    let res: Taro.request.SuccessCallbackResult<CloudBody>
    try {
      res = await Taro.request<CloudBody>({
        url: `${baseUrl}/cloud/${name}`,
        method: 'POST',
        data: { data },
        header: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        timeout: 15000,
      })
    } catch (error) {
      throw new CloudCallError('NETWORK', String((error as { errMsg?: string })?.errMsg ?? error))
    }
    const body = res.data
    if (body && typeof body === 'object' && ('result' in body || 'error' in body)) return body
    throw new CloudCallError('NETWORK', `unexpected answer (HTTP ${res.statusCode})`)
  }
}

/** Real WeChat Cloud: identity comes from the platform (getWXContext), so no token travels. */
export function taroCloudTransport(envId: string): Transport {
  let initialised = false
  return async (name, data) => {
    if (!initialised) {
      Taro.cloud.init({ env: envId })
      initialised = true
    }
    try {
      const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
      return res.result as CloudBody
    } catch (error) {
      throw new CloudCallError('NETWORK', String((error as { errMsg?: string })?.errMsg ?? error))
    }
  }
}

function defaultTransport(): Transport {
  if (CLOUD_ENV_ID && process.env.TARO_ENV === 'weapp') return taroCloudTransport(CLOUD_ENV_ID)
  return httpTransport(CLOUD_BASE_URL)
}

let transport: Transport | undefined
let sessionToken: string | undefined
let onUnauthenticated: (() => void) | undefined

export function setTransport(next: Transport | undefined) {
  transport = next
}

export function setSessionToken(token: string | undefined) {
  sessionToken = token
}

export function setUnauthenticatedHandler(handler: (() => void) | undefined) {
  onUnauthenticated = handler
}

export async function callCloud<N extends FunctionName>(name: N, data: RequestOf<N>): Promise<ResultOf<N>> {
  transport ??= defaultTransport()
  const body = await transport(name, data, sessionToken)
  if ('result' in body) return body.result as ResultOf<N>
  const code = isErrorCode(body.error?.code) ? body.error.code : 'INTERNAL'
  if (code === 'UNAUTHENTICATED') onUnauthenticated?.()
  throw new CloudCallError(code, body.error?.message ?? 'unknown error')
}

/** Errors worth retrying later with the same requestId: the call may not have been processed. */
export function isTransient(error: unknown): boolean {
  return error instanceof CloudCallError && (error.code === 'NETWORK' || error.code === 'RATE_LIMITED' || error.code === 'INTERNAL')
}
