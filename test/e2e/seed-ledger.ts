/**
 * Seeds one resident with a long ledger for the wallet paging measurement: synthetic check-in entries
 * written through the mock's own append path (so seq, hash chain and wallet stay exact), bypassing caps.
 * Usage: node --import tsx test/e2e/seed-ledger.ts <db path> <handle> <count>
 */
import { openSqlite } from '../../mock/storage/sqlitePort'
import { createCloud } from '../../mock/cloud'
import { inTransaction } from '../../mock/function'
import { appendEntry } from '../../mock/wallet/ledger'
import { addDays, shanghaiDay } from '../../src/core/time'
import { findUserByHandle } from '../../mock/identity/queries'

async function main() {
  const [dbPath, handle, countText] = process.argv.slice(2)
  const count = Number(countText)
  const cloud = await createCloud({ storage: openSqlite({ path: dbPath }), devLogin: true })
  await cloud.call('login', { code: `dev:${handle}` })
  const user = await findUserByHandle(cloud.store, handle)
  if (!user) throw new Error('login failed')
  const today = shanghaiDay(Date.now())
  const FACTORS = ['travel.walk', 'travel.bike', 'travel.bus', 'travel.metro', 'recycling.paper']
  await inTransaction(cloud.services, async (services) => {
    for (let i = 0; i < count; i++) {
      const day = addDays(today, -Math.floor((count - 1 - i) / 40))
      await appendEntry(services, user.openid, {
        type: 'checkin',
        gramsCo2e: 20 + (i % 50),
        // points as the methodology gives them, so the seeded books still pass auditEconomy
        points: Math.floor((20 + (i % 50)) / services.methodology.gramsPerPoint),
        factorId: FACTORS[i % FACTORS.length],
        methodologyVersion: services.methodologyVersion,
        day,
      })
    }
  })
  await cloud.close()
  console.log(`seeded ${count} entries for ${handle}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
