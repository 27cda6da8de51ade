/**
 * Seeds a city for the dashboard's scale test and bench: `communities` communities, `residents` residents spread
 * over them, `entriesEach` check-ins each over the last weeks, all written through the cloud's own append path
 * (so seq, hash chain, wallet and the community counters in their slots stay exact), bypassing caps.
 * CLI: node --import tsx test/support/seedCity.ts <db path> <residents> <entries each> <communities>
 */
import { createCloud } from '../../mock/cloud'
import { inTransaction } from '../../mock/function'
import { appendEntry } from '../../mock/wallet/ledger'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { addDays, shanghaiDay, toShanghaiIso } from '../../src/core/time'
import { saveCommunity, setCommunity } from '../../mock/communities/queries'
import { insertUser } from '../../mock/identity/queries'
import { lockPerson } from '../../mock/wallet/queries'

export interface SeededCity {
  communities: { id: string; name: string; residents: number; gramsCo2e: number }[]
  entries: number
  gramsCo2e: number
}

const FACTORS = ['travel.walk', 'travel.bike', 'travel.bus', 'travel.metro', 'recycling.paper']

export async function seedCity(dbPath: string, residents: number, entriesEach: number, communityCount: number): Promise<SeededCity> {
  const cloud = await createCloud({ storage: openSqlite({ path: dbPath }), devLogin: true })
  const { services } = cloud
  const today = shanghaiDay(Date.now())
  const communities = Array.from({ length: communityCount }, (_, i) => ({
    id: `cm_seed${i}`,
    name: `第${i + 1}社区`,
    nameEn: `Community ${i + 1}`,
    residents: 0,
    gramsCo2e: 0,
  }))
  await inTransaction(services, async (s) => {
    for (const c of communities) await saveCommunity(s.store, { id: c.id, name: c.name, nameEn: c.nameEn, createdAt: toShanghaiIso(Date.now()) })
  })
  let gramsCo2e = 0
  for (let r = 0; r < residents; r++) {
    const openid = `o_seed${String(r).padStart(7, '0')}`
    const community = communities[r % communityCount]
    await inTransaction(services, async (s) => {
      await insertUser(s.store, { openid, handle: `seed-${r}`, nickname: `居民${r}`, roles: ['resident'], createdAt: toShanghaiIso(Date.now()) })
      await lockPerson(s.store, openid)
      await setCommunity(s.store, openid, community.id, Date.now())
      for (let i = 0; i < entriesEach; i++) {
        const grams = 20 + ((r + i) % 50)
        await appendEntry(s, openid, {
          type: 'checkin',
          gramsCo2e: grams,
          // points as the methodology gives them, so the seeded books still pass auditEconomy
          points: Math.floor(grams / s.methodology.gramsPerPoint),
          factorId: FACTORS[i % FACTORS.length],
          methodologyVersion: s.methodologyVersion,
          day: addDays(today, -(i % 21)),
        })
        community.gramsCo2e += grams
        gramsCo2e += grams
      }
    })
    community.residents += entriesEach > 0 ? 1 : 0
  }
  await cloud.close()
  return { communities, entries: residents * entriesEach, gramsCo2e }
}

if (require.main === module) {
  const [dbPath, residents, entriesEach, communities] = process.argv.slice(2)
  seedCity(dbPath, Number(residents), Number(entriesEach), Number(communities))
    .then((city) => console.log(JSON.stringify(city)))
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}
