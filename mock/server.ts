/**
 * `npm run cloud`: the mock cloud over HTTP. Prints one line with its URL when ready (a JSON log line whose
 * message is that sentence, or the bare sentence when LOG_LEVEL=silent). With CLOUD_WORKERS=N (MySQL only) a
 * primary process runs N stateless workers on one port (node:cluster), replaces a worker that dies, and stops
 * them all on SIGTERM. SIGTERM drains: no new connections, the calls in flight answered (DRAIN_TIMEOUT_MS at
 * most), then the database closed, then exit 0. DATABASE_URLS=url1,url2,… (one database, several nodes of a
 * multi-primary cluster such as Galera) gives worker i the URL i mod n, a replacement its predecessor's.
 */
import { PARTNER_OPS } from '../src/core/partners'
import { createOpenDataExchange } from './platform/openData'
import cluster from 'node:cluster'
import type { AddressInfo } from 'node:net'
import { createCloud } from './cloud'
import { ConfigError, configFromEnv, type ServerConfig } from './platform/config'
import { seedDemoData } from './demo'
import { createGateway } from './platform/gateway'
import { openMysql, describeUrl } from './storage/mysql/port'
import type { Db } from './storage/port'
import { openSqlite } from './storage/sqlitePort'
import { createSubscribeSender } from './reminders/reminderSender'
import { createWeChatLogin } from './platform/wechat'
import { abandonSending, dueReminders } from './reminders/queries'
import { getMeta } from './storage/meta'
import { FUNCTIONS } from './registry'
import { drainable } from './platform/drain'
import { createLogger, openidHasher, type Logger } from './platform/logger'
import { createMetrics, serveClusterMetrics } from './platform/metrics'
import { createObserver } from './platform/observe'
import { platformFromEnv, type PlatformSettings } from './platform/settings'
import { retryEvents } from './storage/retry'

const SWEEP_INTERVAL_MS = 60_000
/** Reminders due but not handled are counted up to this for /metrics: beyond it the number only says "a lot". */
const OUTBOX_COUNT_LIMIT = 1000
/** The primary waits this much longer than a worker's drain before it stops waiting for them. */
const PRIMARY_GRACE_MS = 5_000

function readConfig(): { config: ServerConfig; platform: PlatformSettings } {
  try {
    return { config: configFromEnv(), platform: platformFromEnv() }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // No logger yet: its own level may be the setting that is wrong.
    console.error(`The cloud did not start: ${error.message}`)
    process.exit(2)
  }
}

/** A start that fails: a log line when logs are on, else the bare sentence on stderr, so nobody is left guessing. */
function fatal(log: Logger, message: string, error?: unknown): void {
  if (log.isLevelEnabled('fatal')) log.fatal(error === undefined ? {} : { err: error }, message)
  else console.error(error === undefined ? message : `${message}:`, error ?? '')
}

/** MySQL when a database URL is configured, else SQLite at DB_PATH. A database that cannot be opened ends the start. */
async function openStorage(config: ServerConfig, log: Logger): Promise<Db> {
  if (!config.databaseUrl) return openSqlite({ path: config.dbPath, backgroundCheckpoints: true })
  try {
    return await openMysql({ url: config.databaseUrl })
  } catch (error) {
    fatal(log, `The cloud did not start: ${(error as Error).message}`)
    process.exit(3)
  }
}

async function main(config: ServerConfig, platform: PlatformSettings, log: Logger) {
  const storage = await openStorage(config, log)
  const metrics = createMetrics()
  retryEvents.onRetry = () => metrics.recordRetry()
  metrics.watchPool((storage as { pool?: unknown }).pool)
  const cloud = await createCloud({
    storage,
    sessionSecret: config.sessionSecret,
    organizers: config.organizers,
    rateLimit: config.rateLimit,
    maxBackdateHours: config.maxBackdateHours,
    treasuryMonthlyCapPoints: config.treasuryMonthlyCapPoints,
    identitySecret: config.identitySecret,
    residentsPerCodeWindow: config.residentsPerCodeWindow,
    wechatAppid: config.wechat?.appid ?? config.cloudRun?.appid,
    devLogin: config.devLogin,
    wechat: config.wechat && createWeChatLogin(config.wechat),
    reminderSender: config.wechat && createSubscribeSender({ ...config.wechat, log: (line) => log.warn(line) }),
    reminderTemplates: config.reminderTemplates,
    cloudRun: Boolean(config.cloudRun),
    openData:
      config.cloudRun && createOpenDataExchange({ apiBase: config.cloudRun.openApiBase, timeoutMs: config.cloudRun.timeoutMs, log: (line) => log.warn(line) }),
    ...(config.devClockOffsetMs !== 0 ? { now: () => Date.now() + config.devClockOffsetMs } : {}),
  })
  if (config.demoData) await seedDemoData(cloud)
  const observer = createObserver({
    log,
    metrics,
    hashOpenid: openidHasher(cloud.services.identitySecret),
    isKnownFunction: (name) =>
      Object.prototype.hasOwnProperty.call(FUNCTIONS, name) || (PARTNER_OPS as readonly string[]).some((op) => name === `partner/${op}`),
    // One keyed read: it answers only when the database does, whatever the engine.
    readiness: async () => void (await getMeta(cloud.store, 'identity_secret')),
    metricsToken: platform.metricsToken,
    draining: () => drainer.draining,
  })
  const server = createGateway(cloud, {
    staticDir: config.staticDir,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    cloudRun: config.cloudRun,
    observer,
  })
  const drainer = drainable(server)
  // Vouchers also expire on access; the sweep refunds the ones nobody looks at, closes ended budgets, forgets
  // departed identities and partner nonces past their use.
  const sweep = setInterval(() => {
    void drainer.background(async () => {
      try {
        const n = await cloud.sweepExpired()
        if (n > 0) log.info({ vouchers: n }, `expired and refunded ${n} voucher(s)`)
        const back = await cloud.sweepBudgets()
        if (back > 0) log.info({ points: back }, `closed budgets gave ${back} unspent point(s) back to their purses`)
        await cloud.sweepDeparted()
        await cloud.sweepPartnerNonces()
      } catch (error) {
        log.error({ err: error }, 'sweep failed')
      }
    })
  }, SWEEP_INTERVAL_MS)
  sweep.unref()
  // One process sends reminders (the first worker when there are several): one access token, one sender.
  let reminders: NodeJS.Timeout | undefined
  if (!cluster.isWorker || process.env.GLP_REMINDER_SENDER === '1') {
    const abandoned = await abandonSending(cloud.store)
    if (abandoned > 0) log.warn({ sends: abandoned }, `${abandoned} reminder send(s) interrupted by a stop: outcome unknown, not sent again`)
    metrics.watchOutbox(async () => (await dueReminders(cloud.store, cloud.services.now(), OUTBOX_COUNT_LIMIT)).length)
    let running = false
    reminders = setInterval(() => {
      if (running) return
      running = true
      void drainer.background(async () => {
        try {
          metrics.recordReminderPass(await cloud.sendReminders())
        } catch (error) {
          log.error({ err: error }, 'reminder pass failed')
        } finally {
          running = false
        }
      })
    }, config.reminderIntervalMs)
    reminders.unref()
  }
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    // A worker tells the primary, which speaks once for all of them.
    if (cluster.isWorker) process.send?.({ ready: port })
    else announce(log, readyLine(config, port), port)
  })
  let stopping = false
  const stop = async (why: string) => {
    // A second signal (Ctrl-C reaches a worker directly and through the primary) must not start a second drain.
    if (stopping) return
    stopping = true
    clearInterval(sweep)
    clearInterval(reminders)
    log.info(
      { signal: why, inFlight: drainer.inFlight, drainTimeoutMs: platform.drainTimeoutMs },
      'draining: no new connections; answering the calls in flight',
    )
    const { cut } = await drainer.drain(platform.drainTimeoutMs)
    if (cut > 0) log.warn({ cut }, `the drain deadline passed with ${cut} call(s) in flight; they were cut`)
    try {
      await cloud.close()
    } catch (error) {
      log.error({ err: error }, 'closing the database failed')
    }
    log.info('stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  // A worker whose primary is gone would hold its connections to the database and serve nobody.
  if (cluster.isWorker) process.on('disconnect', () => void stop('disconnect'))
}

/** The ready line scripts and tests wait for: its URL must stay matchable (`http://<ip>:<port>`). */
function announce(log: Logger, line: string, port: number) {
  if (log.isLevelEnabled('info')) log.info({ port }, line)
  else console.log(line)
}

function readyLine(config: ServerConfig, port: number): string {
  const what = config.staticDir ? 'app and mock cloud' : 'mock cloud'
  const login = config.cloudRun
    ? 'identity from WeChat Cloud Run'
    : [config.wechat && 'WeChat login', config.devLogin && 'dev login'].filter(Boolean).join(' + ')
  const database = config.databaseUrl ? describeUrl(config.databaseUrl) : config.dbPath
  const workers = config.workers > 1 ? `; ${config.workers} workers` : ''
  return `${what} ready at http://${config.host}:${port} (database ${database}; ${login}${workers})`
}

/** The primary of CLOUD_WORKERS: forks, waits for every worker, replaces the ones that die after start. */
function supervise(config: ServerConfig, platform: PlatformSettings, log: Logger) {
  serveClusterMetrics()
  let ready = 0
  let stopping = false
  const started = new Set<number>()
  // The worker that sends reminders; its replacement takes the role over.
  let senderId: number | undefined
  // Spreading the workers over the nodes spreads the load; each worker keeps to its node (see the header).
  const nodeUrls =
    process.env.DATABASE_URLS?.split(',')
      .map((u) => u.trim())
      .filter(Boolean) ?? []
  const slotOf = new Map<number, number>()
  const fork = (slot: number) => {
    const sends = senderId === undefined
    const worker = cluster.fork({
      ...(sends ? { GLP_REMINDER_SENDER: '1' } : {}),
      ...(nodeUrls.length > 0 ? { DATABASE_URL: nodeUrls[slot % nodeUrls.length] } : {}),
    })
    slotOf.set(worker.id, slot)
    if (sends) senderId = worker.id
    worker.on('message', (message: { ready?: number }) => {
      if (message?.ready === undefined || started.has(worker.id)) return
      started.add(worker.id)
      if (++ready === config.workers) announce(log, readyLine(config, message.ready), message.ready)
    })
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    if (!started.has(worker.id)) {
      // It never served: the same start would fail again (a bad setting, no database). Stop everything.
      fatal(log, `A cloud worker could not start (exit ${code ?? signal}); stopping.`)
      stopping = true
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
      process.exit(code || 1)
    }
    log.error({ workerPid: worker.process.pid, exit: signal ?? code }, `cloud worker ${worker.process.pid} ended (${signal ?? code}); starting another`)
    started.delete(worker.id)
    if (worker.id === senderId) senderId = undefined
    ready--
    fork(slotOf.get(worker.id) ?? 0)
    slotOf.delete(worker.id)
  })
  for (let i = 0; i < config.workers; i++) fork(i)
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping: each worker drains its calls in flight')
    // The signal itself, not worker.kill(): that first disconnects the worker, and cluster's disconnect closes
    // its server the http way, dropping connections whose request is read but not parsed yet. Each worker drains.
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
    setTimeout(() => {
      log.error('workers still running after their drain deadline; stopping anyway')
      process.exit(1)
    }, platform.drainTimeoutMs + PRIMARY_GRACE_MS).unref()
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info('stopped')
        process.exit(0)
      }
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

const { config, platform } = readConfig()
const log = createLogger(platform.logLevel)
if (cluster.isPrimary && config.workers > 1) {
  supervise(config, platform, log)
} else {
  main(config, platform, log).catch((error) => {
    fatal(log, 'The cloud did not start', error)
    process.exit(1)
  })
}
