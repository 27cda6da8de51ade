/** `npm run cloud`: the mock cloud over HTTP. Prints one line with its URL when ready. */
import type { AddressInfo } from 'node:net'
import { createCloud } from './cloud'
import { configFromEnv } from './config'
import { seedDemoData } from './demo'
import { createGateway } from './gateway'

const SWEEP_INTERVAL_MS = 60_000

function main() {
  const config = configFromEnv()
  const cloud = createCloud({
    dbPath: config.dbPath,
    sessionSecret: config.sessionSecret,
    organizers: config.organizers,
    rateLimit: config.rateLimit,
    backgroundCheckpoints: true,
  })
  if (config.demoData) seedDemoData(cloud)
  const server = createGateway(cloud, { staticDir: config.staticDir })
  // Vouchers also expire on access; the sweep refunds the ones nobody looks at.
  const sweep = setInterval(() => {
    try {
      const n = cloud.sweepExpired()
      if (n > 0) console.log(`expired and refunded ${n} voucher(s)`)
    } catch (error) {
      console.error('[sweep] failed:', error)
    }
  }, SWEEP_INTERVAL_MS)
  sweep.unref()
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    const what = config.staticDir ? 'app and mock cloud' : 'mock cloud'
    console.log(`${what} ready at http://${config.host}:${port} (database ${config.dbPath})`)
  })
  const stop = () => {
    clearInterval(sweep)
    server.close()
    server.closeAllConnections()
    cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main()
