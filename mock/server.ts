/** `npm run cloud`: the mock cloud over HTTP. Prints one line with its URL when ready. */
import type { AddressInfo } from 'node:net'
import { createCloud } from './cloud'
import { configFromEnv } from './config'
import { seedDemoData } from './demo'
import { createGateway } from './gateway'

function main() {
  const config = configFromEnv()
  const cloud = createCloud({
    dbPath: config.dbPath,
    sessionSecret: config.sessionSecret,
    organizers: config.organizers,
    rateLimit: config.rateLimit,
  })
  if (config.demoData) seedDemoData(cloud)
  const server = createGateway(cloud, { staticDir: config.staticDir })
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo
    const what = config.staticDir ? 'app and mock cloud' : 'mock cloud'
    console.log(`${what} ready at http://${config.host}:${port} (database ${config.dbPath})`)
  })
  const stop = () => {
    server.close()
    server.closeAllConnections()
    cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main()
