/**
 * `npm run cloud`: the mock cloud over HTTP. Prints one line with its URL when ready. With CLOUD_WORKERS=N
 * (MySQL only) a primary process runs N stateless workers on one port (node:cluster), replaces a worker that
 * dies, and stops them all on SIGTERM.
 */
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
import { abandonSending } from './reminders/queries'

const SWEEP_INTERVAL_MS = 60_000

function readConfig(): ServerConfig {
  try {
    return configFromEnv()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`The cloud did not start: ${error.message}`)
    process.exit(2)
  }
}

/** MySQL when a database URL is configured, else SQLite at DB_PATH. A database that cannot be opened ends the start. */
async function openStorage(config: ServerConfig): Promise<Db> {
  if (!config.databaseUrl) return openSqlite({ path: config.dbPath, backgroundCheckpoints: true })
  try {
    return await openMysql({ url: config.databaseUrl })
  } catch (error) {
    console.error(`The cloud did not start: ${(error as Error).message}`)
    process.exit(3)
  }
}

async function main() {
  const config = readConfig()
  const cloud = await createCloud({
    storage: await openStorage(config),
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
    reminderSender: config.wechat && createSubscribeSender(config.wechat),
    reminderTemplates: config.reminderTemplates,
    cloudRun: Boolean(config.cloudRun),
    ...(config.devClockOffsetMs !== 0 ? { now: () => Date.now() + config.devClockOffsetMs } : {}),
  })
  if (config.demoData) await seedDemoData(cloud)
  const server = createGateway(cloud, {
    staticDir: config.staticDir,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    cloudRun: config.cloudRun,
  })
  // Vouchers also expire on access; the sweep refunds the ones nobody looks at, and closes ended budgets.
  const sweep = setInterval(async () => {
    try {
      const n = await cloud.sweepExpired()
      if (n > 0) console.log(`expired and refunded ${n} voucher(s)`)
      const back = await cloud.sweepBudgets()
      if (back > 0) console.log(`closed budgets gave ${back} unspent point(s) back to their purses`)
      await cloud.sweepDeparted()
    } catch (error) {
      console.error('[sweep] failed:', error)
    }
  }, SWEEP_INTERVAL_MS)
  sweep.unref()
  // One process sends reminders (the first worker when there are several): one access token, one sender.
  let reminders: NodeJS.Timeout | undefined
  if (!cluster.isWorker || process.env.GLP_REMINDER_SENDER === '1') {
    const abandoned = await abandonSending(cloud.store)
    if (abandoned > 0) console.error(`[reminders] ${abandoned} send(s) interrupted by a stop: outcome unknown, not sent again`)
    let running = false
    reminders = setInterval(async () => {
      if (running) return
      running = true
      try {
        await cloud.sendReminders()
      } catch (error) {
        console.error('[reminders] failed:', error)
      } finally {
        running = false
      }
    }, config.reminderIntervalMs)
    reminders.unref()
  }
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    const line = readyLine(config, port)
    // A worker tells the primary, which speaks once for all of them.
    if (cluster.isWorker) process.send?.({ ready: port })
    else console.log(line)
  })
  const stop = async () => {
    clearInterval(sweep)
    clearInterval(reminders)
    server.close()
    server.closeAllConnections()
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // A worker whose primary is gone would hold its connections to the database and serve nobody.
  if (cluster.isWorker) process.on('disconnect', () => void stop())
}

function readyLine(config: ServerConfig, port: number): string {
  const what = config.staticDir ? 'app and mock cloud' : 'mock cloud'
  const login = config.cloudRun ? 'identity from WeChat Cloud Run' : [config.wechat && 'WeChat login', config.devLogin && 'dev login'].filter(Boolean).join(' + ')
  const database = config.databaseUrl ? describeUrl(config.databaseUrl) : config.dbPath
  const workers = config.workers > 1 ? `; ${config.workers} workers` : ''
  return `${what} ready at http://${config.host}:${port} (database ${database}; ${login}${workers})`
}

/** The primary of CLOUD_WORKERS: forks, waits for every worker, replaces the ones that die after start. */
function supervise(config: ServerConfig) {
  let ready = 0
  let stopping = false
  const started = new Set<number>()
  // The worker that sends reminders; its replacement takes the role over.
  let senderId: number | undefined
  const fork = () => {
    const sends = senderId === undefined
    const worker = cluster.fork(sends ? { GLP_REMINDER_SENDER: '1' } : {})
    if (sends) senderId = worker.id
    worker.on('message', (message: { ready?: number }) => {
      if (message?.ready === undefined || started.has(worker.id)) return
      started.add(worker.id)
      if (++ready === config.workers) console.log(readyLine(config, message.ready))
    })
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    if (!started.has(worker.id)) {
      // It never served: the same start would fail again (a bad setting, no database). Stop everything.
      console.error(`A cloud worker could not start (exit ${code ?? signal}); stopping.`)
      stopping = true
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
      process.exit(code || 1)
    }
    console.error(`cloud worker ${worker.process.pid} ended (${signal ?? code}); starting another`)
    started.delete(worker.id)
    if (worker.id === senderId) senderId = undefined
    ready--
    fork()
  })
  for (let i = 0; i < config.workers; i++) fork()
  const stop = () => {
    stopping = true
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
    setTimeout(() => process.exit(0), 2000).unref()
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (cluster.isPrimary && process.env.CLOUD_WORKERS && Number(process.env.CLOUD_WORKERS) > 1) {
  supervise(readConfig())
} else {
  main().catch((error) => {
    console.error('The cloud did not start:', error)
    process.exit(1)
  })
}
