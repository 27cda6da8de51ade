/** `npm run cloud`: the mock cloud over HTTP. Prints one line with its URL when ready. */
import type { AddressInfo } from 'node:net'
import { createCloud } from './cloud'
import { ConfigError, configFromEnv, type ServerConfig } from './config'
import { seedDemoData } from './demo'
import { createGateway } from './gateway'
import { openMysql, describeUrl } from './storage/mysql/port'
import type { StoragePort } from './storage/port'
import { openSqlite } from './storage/sqlitePort'
import { createWeChatLogin } from './wechat'

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
async function openStorage(config: ServerConfig): Promise<StoragePort> {
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
    devLogin: config.devLogin,
    wechat: config.wechat && createWeChatLogin(config.wechat),
    cloudRun: Boolean(config.cloudRun),
  })
  if (config.demoData) await seedDemoData(cloud)
  const server = createGateway(cloud, {
    staticDir: config.staticDir,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    cloudRun: config.cloudRun,
  })
  // Vouchers also expire on access; the sweep refunds the ones nobody looks at.
  const sweep = setInterval(async () => {
    try {
      const n = await cloud.sweepExpired()
      if (n > 0) console.log(`expired and refunded ${n} voucher(s)`)
    } catch (error) {
      console.error('[sweep] failed:', error)
    }
  }, SWEEP_INTERVAL_MS)
  sweep.unref()
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    const what = config.staticDir ? 'app and mock cloud' : 'mock cloud'
    const login = config.cloudRun ? 'identity from WeChat Cloud Run' : [config.wechat && 'WeChat login', config.devLogin && 'dev login'].filter(Boolean).join(' + ')
    const database = config.databaseUrl ? describeUrl(config.databaseUrl) : config.dbPath
    console.log(`${what} ready at http://${config.host}:${port} (database ${database}; ${login})`)
  })
  const stop = async () => {
    clearInterval(sweep)
    server.close()
    server.closeAllConnections()
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error('The cloud did not start:', error)
  process.exit(1)
})
