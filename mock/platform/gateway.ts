/**
 * HTTP transport for the mock cloud: `POST /cloud/<name>` with `{ "data": {...} }`. Owns only what HTTP
 * owns (body size, JSON, CORS, security headers, the client's address, Cloud Run's identity headers, static
 * files for `npm start`); everything else is the platform's.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import sirv from 'sirv'
import type { ErrorReason } from '../../src/contract/errors'
import { LIMITS } from '../../src/contract/schemas'
import { PARTNER_LIMITS } from '../../src/core/partners'

/** Where the partner API answers: `POST /partner/v1/<op>` (docs/partner-api.md). */
export const PARTNER_PREFIX = '/partner/v1/'
import type { Cloud } from '../cloud'
import { sendJson } from './http'
import { traceOf, type Observer } from './observe'

export interface GatewayOptions {
  /** a built H5 app to serve beside the cloud (one origin, no CORS needed) */
  staticDir?: string
  /** origins (scheme://host[:port]) allowed to call /cloud from another origin; none by default */
  corsOrigins?: string[]
  /** behind one reverse proxy: the client's address is the last hop of X-Forwarded-For */
  trustProxy?: boolean
  /** behind WeChat Cloud Run's gateway: identity is X-WX-OPENID, accepted only with X-WX-APPID = appid */
  cloudRun?: { appid: string }
  /** request ids, the access log, metrics, /readyz and /metrics (mock/platform/observe) */
  observer?: Observer
}

/**
 * For the H5 app: scripts from this origin plus the inline scripts of the built index.html by their hashes
 * (Taro's rem sizing runs before any bundle), styles from this origin (Taro's components inject style
 * attributes, hence 'unsafe-inline' for styles alone), images may be data: URLs (the voucher QR), calls go to
 * this origin.
 */
export function contentSecurityPolicy(indexHtml: string): string {
  const hashes = [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  )
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

function securityHeaders(res: ServerResponse) {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
}

const WX_OPENID = /^[A-Za-z0-9_-]{1,128}$/

function sendError(res: ServerResponse, status: number, code: string, message: string, refusal?: ErrorReason) {
  traceOf(res)?.code(code)
  sendJson(res, status, { error: { code, message, ...refusal } })
}

function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume()
      resolve('too-large')
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > limitBytes) {
        over = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Same origin only unless the origin is listed: any page a developer opens must not drive a local cloud. */
function cors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>) {
  const origin = req.headers.origin
  res.setHeader('Vary', 'Origin')
  if (!origin || !allowed.has(origin)) return
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id')
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id')
  res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS')
  res.setHeader('Access-Control-Max-Age', '600')
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw; anything left of it the client could have written itself.
    const hops = (header(req, 'x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const last = hops[hops.length - 1]
    if (last) return last
  }
  return req.socket.remoteAddress ?? 'unknown'
}

function isJson(req: IncomingMessage): boolean {
  const type = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase()
  return type === 'application/json'
}

export function createGateway(cloud: Cloud, options: GatewayOptions = {}): Server {
  const corsOrigins = new Set(options.corsOrigins ?? [])
  const trustProxy = options.trustProxy ?? false
  const csp = options.staticDir ? contentSecurityPolicy(readFileSync(join(options.staticDir, 'index.html'), 'utf8')) : ''
  const assets = options.staticDir
    ? sirv(options.staticDir, {
        single: true,
        etag: true,
        gzip: false,
        dev: false,
        setHeaders(res) {
          res.setHeader('Content-Security-Policy', csp)
        },
      })
    : undefined

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const trace = options.observer?.begin(req, res)
    securityHeaders(res)
    if (options.observer && (await options.observer.serve(url.pathname, req, res, clientAddress(req, trustProxy)))) return
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true })
      return
    }
    if (url.pathname.startsWith(PARTNER_PREFIX)) {
      // Partners call server to server: no CORS, no session; the signature is the identity (mock/partners/api.ts).
      const op = url.pathname.slice(PARTNER_PREFIX.length)
      trace?.call(`partner/${op}`)
      const body = await readBody(req, PARTNER_LIMITS.maxBodyBytes)
      if (body === 'too-large') {
        sendError(res, 413, 'INVALID_ARGUMENT', `The request body is larger than ${PARTNER_LIMITS.maxBodyBytes / 1_048_576} MB.`)
        return
      }
      const out = await cloud.partnerCall(op, {
        method: req.method ?? '',
        path: url.pathname,
        authorization: header(req, 'authorization'),
        body: body.toString('utf8'),
      })
      if ('error' in out.body) trace?.code(out.body.error.code)
      sendJson(res, out.status, out.body)
      return
    }
    if (url.pathname.startsWith('/cloud/')) {
      cors(req, res, corsOrigins)
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end()
        return
      }
      let name: string
      try {
        name = decodeURIComponent(url.pathname.slice('/cloud/'.length))
      } catch {
        sendError(res, 404, 'NOT_FOUND', 'There is no cloud function at that path.', { reason: 'call.noSuchFunction' })
        return
      }
      trace?.call(name)
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST, OPTIONS')
        sendError(res, 405, 'INVALID_ARGUMENT', 'Cloud functions are called with POST.', { reason: 'call.postOnly' })
        return
      }
      if (!isJson(req)) {
        req.resume()
        sendError(res, 415, 'INVALID_ARGUMENT', 'Cloud functions take Content-Type: application/json.', { reason: 'call.jsonOnly' })
        return
      }
      let platformOpenid: string | undefined
      if (options.cloudRun) {
        // Only WeChat's gateway sets these; without WX_CLOUDRUN they are never read at all.
        const openid = header(req, 'x-wx-openid')
        if (!openid || !WX_OPENID.test(openid) || header(req, 'x-wx-appid') !== options.cloudRun.appid) {
          req.resume()
          sendError(
            res,
            401,
            'UNAUTHENTICATED',
            'This service answers calls from this mini-program through WeChat Cloud Run only; no WeChat identity for it came with the call.',
            {
              reason: 'session.noWeChatIdentity',
            },
          )
          return
        }
        platformOpenid = openid
      }
      const body = await readBody(req, LIMITS.maxBodyBytes)
      if (body === 'too-large') {
        sendError(res, 413, 'INVALID_ARGUMENT', `The request body is larger than ${LIMITS.maxBodyBytes / 1024} KB.`, {
          reason: 'call.tooLarge',
          params: { maxKb: LIMITS.maxBodyBytes / 1024 },
        })
        return
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch {
        sendError(res, 400, 'INVALID_ARGUMENT', 'The request body is not valid JSON.', { reason: 'call.notJson' })
        return
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        sendError(res, 400, 'INVALID_ARGUMENT', 'The request body must be a JSON object: { "data": { ... } }.', { reason: 'call.dataNotObject' })
        return
      }
      const data = 'data' in parsed ? (parsed as { data: unknown }).data : {}
      trace?.call(name, data)
      const out = await cloud.call(name, data, options.cloudRun ? undefined : req.headers.authorization, {
        clientKey: clientAddress(req, trustProxy),
        platformOpenid,
        ...(trace ? { onInternalError: trace.fail, onCaller: trace.caller } : {}),
      })
      if ('error' in out.body) trace?.code(out.body.error.code)
      sendJson(res, out.status, out.body)
      return
    }
    if (assets) {
      assets(req, res, () => sendError(res, 404, 'NOT_FOUND', 'Not found.'))
      return
    }
    sendError(res, 404, 'NOT_FOUND', 'Not found. Cloud functions live under /cloud/<name>.')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const trace = traceOf(res)
      if (trace) trace.fail(error)
      else console.error('[gateway] request failed:', error)
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Something went wrong on our side. Nothing was changed.')
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5000
  server.requestTimeout = 30_000
  return server
}
