import { openMysql } from '../mock/storage/mysql/port'
import { createCloud } from '../mock/cloud'
import { benchDatabase } from './cloud'
async function main() {
  const db = (await benchDatabase())!
  const port = await openMysql({ url: db.url })
  const cloud = await createCloud({ storage: port, rateLimit: { burst: 0, perSecond: 1 }, devLogin: true })
  const me = ((await cloud.call('login', { code: 'dev:count' })).body as any).result
  await cloud.call('checkIn', { requestId: 'count-req-0', kind: 'travel', mode: 'bike', distanceKm: 1 }, `Bearer ${me.token}`)
  await port.pool.query("SET GLOBAL general_log_file = '/tmp/general.log'")
  await port.pool.query("SET GLOBAL general_log = 1")
  await cloud.call('checkIn', { requestId: 'count-req-1', kind: 'travel', mode: 'bike', distanceKm: 1 }, `Bearer ${me.token}`)
  await port.pool.query("SET GLOBAL general_log = 0")
  await cloud.close(); await db.drop()
}
main().then(() => process.exit(0))
