/**
 * What the operator sees of each HTTP request: a request id (X-Request-Id, taken or made, echoed in the answer),
 * one access-log line per cloud call with its outcome and duration, the call counted in the metrics; and the
 * operator's own endpoints, /readyz and /metrics. The gateway reports what it learns; this decides what is kept.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isLoopback } from './config'
import { sendJson } from './http'
import type { Logger } from './logger'
import { payloadRequestId, requestIdFrom } from './logger'
import type { Metrics } from './metrics'

export interface ObserverOptions {
  log: Logger
  metrics?: Metrics
  /** the caller's openid as it may be logged (openidHasher) */
  hashOpenid: (openid: string) => string
  /** names outside this set are one "(unknown)" label: a scanner must not mint a time series per guess */
  isKnownFunction: (name: string) => boolean
  /** undefined when the database answers, else a short reason for /readyz */
  readiness: () => Promise<string | undefined>
  /** with it, /metrics also answers callers off loopback that present it as a Bearer token */
  metricsToken?: string
  /** true once SIGTERM came: /readyz says so, so a load balancer stops sending calls here */
  draining: () => boolean
}

/** What the gateway learns of one request as it goes. */
export interface Trace {
  readonly requestId: string
  /** a cloud call to `name` with this payload (the payload is read for its requestId only) */
  call(name: string, data?: unknown): void
  /** the contract error code the answer carries */
  code(code: string): void
  /** the openid the platform established for the caller (logged hashed) */
  caller(openid: string | undefined): void
  /** a bug met while answering: logged with this request's id, so its access line and its stack meet */
  fail(error: unknown): void
}

export interface Observer {
  begin(req: IncomingMessage, res: ServerResponse): Trace
  /** answers /readyz and /metrics; false for any other path */
  serve(path: string, req: IncomingMessage, res: ServerResponse, clientAddress: string): Promise<boolean>
}

/** How long /readyz waits for the database before saying it does not answer. */
export const READINESS_TIMEOUT_MS = 2_000
const MAX_LOGGED_NAME = 80
const MAX_LOGGED_PATH = 200

const traces = new WeakMap<ServerResponse, Trace>()

/** The trace of the request this response answers, for code that has only the response at hand. */
export function traceOf(res: ServerResponse): Trace | undefined {
  return traces.get(res)
}

function sameSecret(presented: string, expected: string): boolean {
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte.
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), timeoutMs)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

export function createObserver(options: ObserverOptions): Observer {
  const { log, metrics } = options

  function begin(req: IncomingMessage, res: ServerResponse): Trace {
    const startedNs = process.hrtime.bigint()
    const requestId = requestIdFrom(req.headers['x-request-id'])
    res.setHeader('X-Request-Id', requestId)
    let fn: string | undefined
    let code: string | undefined
    let payloadId: string | undefined
    let callerHash: string | undefined
    const trace: Trace = {
      requestId,
      call(name, data) {
        fn = name
        payloadId = payloadRequestId(data) ?? payloadId
      },
      code: (c) => void (code = c),
      caller(openid) {
        if (openid) callerHash = options.hashOpenid(openid)
      },
      fail(error) {
        log.error({ reqId: requestId, ...(fn !== undefined ? { fn: fn.slice(0, MAX_LOGGED_NAME) } : {}), err: error }, 'call failed')
      },
    }
    traces.set(res, trace)
    res.once('close', () => {
      const durationMs = Number(process.hrtime.bigint() - startedNs) / 1e6
      const status = res.statusCode
      // A response closed before it was finished: the client went away, or a drain ran out of time.
      const aborted = !res.writableFinished
      if (fn === undefined) {
        const path = (req.url ?? '/').split('?')[0].slice(0, MAX_LOGGED_PATH)
        log.debug({ reqId: requestId, method: req.method, path, status, durationMs: round(durationMs), ...(aborted ? { aborted } : {}) }, 'request')
        return
      }
      const outcome = code ?? (status < 400 ? 'OK' : 'HTTP_' + status)
      const known = options.isKnownFunction(fn)
      metrics?.recordCall(known ? fn : '(unknown)', outcome, durationMs)
      const line = {
        reqId: requestId,
        fn: known ? fn : fn.slice(0, MAX_LOGGED_NAME),
        status,
        code: outcome,
        durationMs: round(durationMs),
        ...(payloadId ? { requestId: payloadId } : {}),
        ...(callerHash ? { caller: callerHash } : {}),
        ...(aborted ? { aborted } : {}),
      }
      if (status >= 500 || aborted) log.warn(line, 'call')
      else log.info(line, 'call')
    })
    return trace
  }

  async function serve(path: string, req: IncomingMessage, res: ServerResponse, clientAddress: string): Promise<boolean> {
    if (path === '/readyz') {
      if (options.draining()) {
        sendJson(res, 503, { ok: false, reason: 'shutting down' })
        return true
      }
      let reason: string | undefined
      try {
        reason = await withTimeout(options.readiness(), READINESS_TIMEOUT_MS, 'no answer in time')
      } catch (error) {
        log.warn({ err: error }, 'readiness check failed')
        reason = 'the database does not answer'
      }
      sendJson(res, reason === undefined ? 200 : 503, reason === undefined ? { ok: true } : { ok: false, reason })
      return true
    }
    if (path === '/metrics') {
      if (!metrics) return false
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
      const allowed = isLoopback(clientAddress) || (options.metricsToken !== undefined && bearer !== undefined && sameSecret(bearer, options.metricsToken))
      if (!allowed) {
        sendJson(res, 403, { error: { code: 'PERMISSION_DENIED', message: 'Metrics are served on loopback, or with the METRICS_TOKEN as a Bearer token.' } })
        return true
      }
      try {
        const text = await metrics.text()
        res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' })
        res.end(text)
      } catch (error) {
        log.warn({ err: error }, 'metrics could not be collected')
        sendJson(res, 503, { error: { code: 'UNAVAILABLE', message: 'Metrics could not be collected just now.' } })
      }
      return true
    }
    return false
  }

  return { begin, serve }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}
