/**
 * WeChat's open-data exchange for cloud environments (cloudbase.getOpenData, POST /wxa/getopendata): under WeChat
 * Cloud Run no wx.login code reaches the cloud (the gateway's header is the identity), so no session_key exists to
 * decrypt WeRun data with; the phone sends the cloudID `wx.getWeRunData()` gives instead, and the cloud trades it
 * here for the plain data. Cloud Run's open-API service carries the call to api.weixin.qq.com and signs it itself,
 * so no access token is sent (the console's 云调用 permissions must list /wxa/getopendata). The person's WeChat
 * openid goes with it: a cloudID made on someone else's phone is not theirs to redeem.
 */
import { CloudError } from '../errors'
import { askWeChat } from './wechat'

export interface OpenDataExchange {
  /** the open data a cloudID stands for (WeRun: `{ stepInfoList, watermark }`), or undefined when WeChat refuses it */
  redeem(cloudID: string, wechatOpenid: string): Promise<unknown | undefined>
}

export interface OpenDataOptions {
  /** Cloud Run's open-API service answers plain HTTP inside the container; tests point it at a stand-in */
  apiBase: string
  /** the longest the exchange may take before the caller is told to retry */
  timeoutMs: number
  log?: (line: string) => void
}

/** Inside a Cloud Run container: the open-API service's address (HTTP, no token; it adds the credential). */
export const CLOUDRUN_OPEN_API_BASE = 'http://api.weixin.qq.com'

const retryLater = () =>
  new CloudError('UNAVAILABLE', "WeChat's open-data service is busy or did not answer. Please try again in a moment.", { reason: 'wechat.openDataBusy' })

export function createOpenDataExchange(options: OpenDataOptions): OpenDataExchange {
  const log = options.log ?? ((line: string) => console.error(line))
  const endpoint = `${options.apiBase.replace(/\/+$/, '')}/wxa/getopendata`
  return {
    async redeem(cloudID, wechatOpenid) {
      const url = new URL(endpoint)
      url.searchParams.set('openid', wechatOpenid)
      const body = await askWeChat(
        'getopendata',
        url,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ cloudid_list: [cloudID] }) },
        options.timeoutMs,
        log,
        retryLater,
      )
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0
      if (errcode === -1) throw retryLater()
      if (errcode !== 0) {
        // 48001 / -604101: the permission is missing in the console; the resident cannot fix that, the operator must.
        if (errcode === 48001 || errcode === -604101)
          log(`[wechat] getopendata is not permitted (errcode ${errcode}): add /wxa/getopendata to the Cloud Run console's 云调用 permissions`)
        return undefined
      }
      const item = Array.isArray(body.data_list) ? (body.data_list as { cloud_id?: unknown; json?: unknown }[]).find((d) => d?.cloud_id === cloudID) : undefined
      if (!item) return undefined
      // Documented as a JSON string; an object is taken as it is.
      let json: unknown = item.json
      if (typeof json === 'string') {
        try {
          json = JSON.parse(json)
        } catch {
          return undefined
        }
      }
      const record = json as { cloudID?: unknown; data?: unknown } | null
      if (!record || typeof record !== 'object' || (record.cloudID !== undefined && record.cloudID !== cloudID)) return undefined
      return record.data
    },
  }
}
