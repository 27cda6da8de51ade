/**
 * HTTP transport for the mock cloud: `POST /cloud/<name>` with `{ "data": {...} }`. Owns only what HTTP
 * owns (body size, JSON, CORS, static files for `npm start`); everything else is the platform's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import sirv from 'sirv'
import { LIMITS } from '../src/contract/schemas'
import type { Cloud } from './cloud'

export interface GatewayOptions {
  /** a built H5 app to serve beside the cloud (one origin, no CORS needed) */
  staticDir?: string
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

function sendError(res: ServerResponse, status: number, code: string, message: string) {
  send(res, status, { error: { code, message } })
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

function cors(res: ServerResponse) {
  // The H5 dev server runs on another port; tokens travel in a header, never cookies, so * is safe.
  res.setHeader('Access-Control-Allow-Origin', '*')
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type')
  res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS')
  res.setHeader('Access-Control-Max-Age', '600')
}

export function createGateway(cloud: Cloud, options: GatewayOptions = {}): Server {
  const assets = options.staticDir
    ? sirv(options.staticDir, { single: true, etag: true, gzip: false, dev: false })
    : undefined

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === '/healthz') {
      send(res, 200, { ok: true })
      return
    }
    if (url.pathname.startsWith('/cloud/')) {
      cors(res)
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end()
        return
      }
      let name: string
      try {
        name = decodeURIComponent(url.pathname.slice('/cloud/'.length))
      } catch {
        sendError(res, 404, 'NOT_FOUND', 'There is no cloud function at that path.')
        return
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST, OPTIONS')
        sendError(res, 405, 'INVALID_ARGUMENT', 'Cloud functions are called with POST.')
        return
      }
      const body = await readBody(req, LIMITS.maxBodyBytes)
      if (body === 'too-large') {
        sendError(res, 413, 'INVALID_ARGUMENT', `The request body is larger than ${LIMITS.maxBodyBytes / 1024} KB.`)
        return
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch {
        sendError(res, 400, 'INVALID_ARGUMENT', 'The request body is not valid JSON.')
        return
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        sendError(res, 400, 'INVALID_ARGUMENT', 'The request body must be a JSON object: { "data": { ... } }.')
        return
      }
      const data = 'data' in parsed ? (parsed as { data: unknown }).data : {}
      const out = cloud.call(name, data, req.headers.authorization, req.socket.remoteAddress ?? 'unknown')
      send(res, out.status, out.body)
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
      console.error('[gateway] request failed:', error)
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Something went wrong on our side. Nothing was changed.')
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5000
  server.requestTimeout = 30_000
  return server
}
