/**
 * Seeds one resident with a long ledger for the wallet paging measurement: synthetic check-in entries
 * written through the mock's own append path (so seq, hash chain and wallet stay exact), bypassing caps.
 * Usage: node --import tsx test/e2e/seed-ledger.ts <db path> <handle> <count>
 */
import { createCloud } from '../../mock/cloud'
import { appendEntry } from '../../mock/ledger'
import { addDays, shanghaiDay } from '../../src/core/time'

const [dbPath, handle, countText] = process.argv.slice(2)
const count = Number(countText)
const cloud = createCloud({ dbPath, devLogin: true })
cloud.callNow('login', { code: `dev:${handle}` })
const user = cloud.store.findUserByHandle(handle)
if (!user) throw new Error('login failed')
const today = shanghaiDay(Date.now())
const FACTORS = ['travel.walk', 'travel.bike', 'travel.bus', 'travel.metro', 'recycling.paper']
cloud.store.transaction(() => {
  for (let i = 0; i < count; i++) {
    const day = addDays(today, -Math.floor((count - 1 - i) / 40))
    appendEntry(cloud.services, user.openid, {
      type: 'checkin',
      gramsCo2e: 20 + (i % 50),
      points: 2 + (i % 5),
      factorId: FACTORS[i % FACTORS.length],
      methodologyVersion: cloud.services.methodologyVersion,
      day,
    })
  }
})
cloud.close()
console.log(`seeded ${count} entries for ${handle}`)
