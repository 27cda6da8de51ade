/**
 * `npm run admin -- <command>`: operator commands against the server's database (DATABASE_URL or Cloud Run's
 * MYSQL_* for MySQL, else the SQLite file at DB_PATH; the server may be running). In the container:
 * `node admin.js <command>`.
 *   grant-organizer <openid | wx:WeChatOpenid> [communityId]
 *                                                 give a person the organizer role, at once: of the whole city,
 *                                                 or of one community (its id from listCommunities)
 *   revoke-organizer <openid | wx:WeChatOpenid>   take it back, at once (their open sessions included)
 *   list-organizers                               every grant with when it was made or revoked
 * Each change is recorded with when it happened. ORGANIZERS in the server's environment grants too; revoking
 * here does not override it.
 */
import { toShanghaiIso } from '../src/core/time'
import { databaseUrlFromEnv, dbPathFromEnv } from './platform/config'
import { openMysql } from './storage/mysql/port'
import type { Db } from './storage/port'
import { openSqlite } from './storage/sqlitePort'
import { listOrganizerGrants, findUserByHandle, findUser, setOrganizerGrant } from './identity/queries'
import { getCommunity } from './communities/queries'

const USAGE = 'usage: npm run admin -- grant-organizer <openid> [communityId] | revoke-organizer <openid> | list-organizers'

export async function runAdmin(args: string[], store: Db, print: (line: string) => void, now = Date.now()): Promise<number> {
  const [command, who, communityId] = args
  if (command !== 'grant-organizer' && command !== 'revoke-organizer' && command !== 'list-organizers') {
    print(USAGE)
    return 2
  }
  if (command === 'list-organizers') {
    const grants = await listOrganizerGrants(store)
    if (grants.length === 0) print('no organizer grants')
    // A community grant says which at the end; a city grant's line is as it always was.
    for (const g of grants)
      print(`${g.openid}\tgranted ${g.grantedAt}${g.revokedAt ? `\trevoked ${g.revokedAt}` : ''}${g.communityId ? `\tcommunity ${g.communityId}` : ''}`)
    return 0
  }
  if (!who) {
    print(USAGE)
    return 2
  }
  const user = who.startsWith('wx:') ? await findUserByHandle(store, who) : await findUser(store, who)
  if (!user) {
    print(`No account ${who}: the person must have logged in once (Me shows their openid).`)
    return 1
  }
  const granted = command === 'grant-organizer'
  if (granted && communityId !== undefined && !(await getCommunity(store, communityId))) {
    print(`No community ${communityId}: a city organizer opens it first (the organizer's Communities page).`)
    return 1
  }
  const at = toShanghaiIso(now)
  const changed = await store.transaction((tx) => setOrganizerGrant(tx, user.openid, granted, at, granted ? (communityId ?? null) : null))
  if (!changed)
    print(`${user.openid} (${user.nickname}) ${granted ? 'is already an organizer by grant' : 'has no organizer grant to revoke'}; nothing changed.`)
  else print(`${granted ? 'Granted' : 'Revoked'} the organizer role ${granted ? 'to' : 'from'} ${user.openid} (${user.nickname}) at ${at}.`)
  return 0
}

async function cli(): Promise<number> {
  const url = databaseUrlFromEnv(process.env)
  const store = url ? await openMysql({ url }) : openSqlite({ path: dbPathFromEnv() })
  try {
    return await runAdmin(process.argv.slice(2), store, (line) => console.log(line))
  } finally {
    await store.close()
  }
}

if (require.main === module) {
  cli().then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
