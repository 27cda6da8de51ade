/**
 * A local stand-in for WeChat's auth.code2Session (GET /sns/jscode2session), answering as WeChat's
 * documentation describes: `{ openid, session_key }` on success, `{ errcode, errmsg }` otherwise, every code
 * good for one exchange. Codes name what the stand-in does:
 *   ok-<name>-<anything>   success; the openid is fixed by <name>, the session_key is new each time
 *   invalid-…              40029 invalid code            busy-…   -1 system busy
 *   blocked-…              40226 high-risk user          quota-…  45011 minute quota reached
 *   hang-…                 never answers                 html-…   HTTP 502 with an HTML page
 * A wrong appid answers 40013 and a wrong secret 40125, as WeChat does.
 *
 * Also subscribe messages: POST /cgi-bin/stable_token hands out the stable access token (7,200 s): in normal
 * mode the same token to every caller until it expires, so several cloud instances share one instead of
 * invalidating each other's (force_refresh makes a new one); and
 * POST /cgi-bin/message/subscribe/send delivers with a current token. `sendPlan` scripts the next answers:
 * 'busy' (-1 system busy), 'stale' (40001: the token is no longer valid, as when another client forced a
 * refresh: the next stable_token call gets a new one), 'refuse' (43101: no subscription),
 * 'hang' (never answers). Only delivered messages are kept in `delivered`.
 *
 * And Cloud Run's open-data exchange: POST /wxa/getopendata?openid=… with `{ cloudid_list }`, reached through the
 * open-API service (so no access_token may come with it), answers `data_list` with each cloudID's `json` (a
 * string) for cloudIDs `issueCloudID` made for that openid; another person's or an unknown cloudID gets an
 * errcode. `openDataPlan` scripts 'busy' (-1) or 'hang'.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WeChatStandIn {
  url: string
  /** every exchange asked for, in order (the secret is checked, never kept) */
  exchanges: string[]
  /** the session_keys handed out, newest last */
  sessionKeys: string[]
  /** access tokens handed out, newest last */
  tokens: string[]
  /** what the next subscribe sends answer, first first; empty: delivered */
  sendPlan: ('busy' | 'stale' | 'refuse' | 'hang')[]
  /** subscribe messages delivered, in order */
  delivered: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> }[]
  /** subscribe send requests received, delivered or not */
  sendAttempts: number
  /** what wx.getWeRunData's cloudID stands for on this person's phone: the stand-in keeps `data` under a new cloudID */
  issueCloudID(wechatOpenid: string, data: unknown): string
  /** what the next getopendata calls answer, first first; empty: as issued */
  openDataPlan: ('busy' | 'hang')[]
  close(): Promise<void>
}

export const STAND_IN_APPID = 'wx0123456789abcdef'
export const STAND_IN_SECRET = 'stand-in-secret-0123456789abcdef'

/** The openid the stand-in gives a person named in `ok-<name>-…` codes. */
export const standInOpenid = (name: string) => `oWX${createHash('sha256').update(name).digest('base64url').slice(0, 25)}`

/** `now`: the stand-in's clock for token expiry (a test passes its own, as the sender reads it). */
export function startWeChatStandIn(appid = STAND_IN_APPID, secret = STAND_IN_SECRET, now: () => number = Date.now): Promise<WeChatStandIn> {
  let current: { token: string; expiresAtMs: number } | undefined
  const used = new Set<string>()
  const exchanges: string[] = []
  const sessionKeys: string[] = []
  const hanging = new Set<ServerResponse>()
  const tokens: string[] = []
  const sendPlan: WeChatStandIn['sendPlan'] = []
  const delivered: WeChatStandIn['delivered'] = []
  const state = { sendAttempts: 0 }
  const cloudIDs = new Map<string, { wechatOpenid: string; data: unknown }>()
  const openDataPlan: WeChatStandIn['openDataPlan'] = []
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
  }
  /** The POST APIs answer once the whole body is in. */
  const onBody = (req: IncomingMessage, then: (text: string) => void) => {
    let text = ''
    req.on('data', (c) => (text += c))
    req.on('end', () => then(text))
  }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
      onBody(req, (text) => {
        let body: { grant_type?: unknown; appid?: unknown; secret?: unknown; force_refresh?: unknown }
        try {
          body = JSON.parse(text)
        } catch {
          return json(res, { errcode: 47001, errmsg: 'data format error' })
        }
        if (body.grant_type !== 'client_credential') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' })
        if (body.appid !== appid) return json(res, { errcode: 40013, errmsg: 'invalid appid' })
        if (body.secret !== secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' })
        if (body.force_refresh === true || !current || now() >= current.expiresAtMs) {
          current = { token: `tok-${tokens.length + 1}-${randomBytes(6).toString('hex')}`, expiresAtMs: now() + 7_200_000 }
          tokens.push(current.token)
        }
        json(res, { access_token: current.token, expires_in: Math.ceil((current.expiresAtMs - now()) / 1000) })
      })
      return
    }
    if (url.pathname === '/wxa/getopendata' && req.method === 'POST') {
      onBody(req, (text) => {
        const step = openDataPlan.shift()
        if (step === 'hang') return void hanging.add(res)
        if (step === 'busy') return json(res, { errcode: -1, errmsg: 'system error' })
        // The open-API service adds the credential itself; a token in the URL means the call went around it.
        if (url.searchParams.has('access_token')) return json(res, { errcode: 40001, errmsg: 'invalid credential' })
        let list: unknown
        try {
          list = (JSON.parse(text) as { cloudid_list?: unknown }).cloudid_list
        } catch {
          return json(res, { errcode: 47001, errmsg: 'data format error' })
        }
        if (!Array.isArray(list) || list.length === 0) return json(res, { errcode: 47001, errmsg: 'data format error' })
        const openid = url.searchParams.get('openid')
        const found = list.map((id) => ({ id, issued: typeof id === 'string' ? cloudIDs.get(id) : undefined }))
        if (found.some((f) => !f.issued || f.issued.wechatOpenid !== openid)) return json(res, { errcode: 40097, errmsg: 'invalid args' })
        json(res, {
          errcode: 0,
          errmsg: 'ok',
          data_list: found.map((f) => ({ cloud_id: f.id, json: JSON.stringify({ cloudID: f.id, data: f.issued?.data }) })),
        })
      })
      return
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      onBody(req, (text) => {
        state.sendAttempts++
        const step = sendPlan.shift()
        if (step === 'hang') return void hanging.add(res)
        if (step === 'busy') return json(res, { errcode: -1, errmsg: 'system error' })
        if (step === 'refuse') return json(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' })
        if (step === 'stale') current = undefined
        if (!current || url.searchParams.get('access_token') !== current.token) return json(res, { errcode: 40001, errmsg: 'invalid credential' })
        delivered.push(JSON.parse(text))
        json(res, { errcode: 0, errmsg: 'ok' })
      })
      return
    }
    if (url.pathname !== '/sns/jscode2session') return void res.writeHead(404).end()
    const q = url.searchParams
    const code = q.get('js_code') ?? ''
    exchanges.push(code)
    if (q.get('appid') !== appid) return json(res, { errcode: 40013, errmsg: 'invalid appid' })
    if (q.get('secret') !== secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' })
    if (q.get('grant_type') !== 'authorization_code') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' })
    if (code.startsWith('hang-')) {
      hanging.add(res)
      return
    }
    if (code.startsWith('html-')) return void res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>')
    if (code.startsWith('busy-')) return json(res, { errcode: -1, errmsg: 'system error' })
    if (code.startsWith('quota-')) return json(res, { errcode: 45011, errmsg: 'api minute-quota reach limit' })
    if (code.startsWith('blocked-')) return json(res, { errcode: 40226, errmsg: 'code blocked' })
    const ok = /^ok-([a-z0-9]+)-/.exec(code)
    if (!ok) return json(res, { errcode: 40029, errmsg: 'invalid code' })
    if (used.has(code)) return json(res, { errcode: 40163, errmsg: 'code been used' })
    used.add(code)
    const sessionKey = randomBytes(16).toString('base64')
    sessionKeys.push(sessionKey)
    json(res, { openid: standInOpenid(ok[1]), session_key: sessionKey })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        exchanges,
        sessionKeys,
        tokens,
        sendPlan,
        delivered,
        get sendAttempts() {
          return state.sendAttempts
        },
        issueCloudID(wechatOpenid, data) {
          const id = `27_${randomBytes(24).toString('base64url')}`
          cloudIDs.set(id, { wechatOpenid, data })
          return id
        },
        openDataPlan,
        close: () =>
          new Promise((done) => {
            for (const res of hanging) res.destroy()
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
