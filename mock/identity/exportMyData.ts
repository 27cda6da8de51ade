import { emptySchema } from '../../src/contract/schemas'
import { verifyChain } from '../../src/core/ledger'
import { toShanghaiIso } from '../../src/core/time'
import { defineFunction, inTransaction } from '../function'
import { publicWallet } from '../wallet/ledger'
import { publicRedemption } from '../rewards/rewards'
import { myCommunity } from '../communities/communities'
import { findUser } from './queries'
import { allEntries } from '../wallet/queries'
import { listRedemptions } from '../rewards/queries'
import { signupsOf } from '../events/queries'

const EXPORT_SIGNUPS_LIMIT = 10_000

/** Everything the cloud holds about the caller, with the chain so they can verify it elsewhere. */
export const exportMyData = defineFunction({
  name: 'exportMyData',
  schema: emptySchema,
  auth: 'session',
  transaction: 'none',
  async handle(_req, who, services) {
    const { openid } = who
    return inTransaction(services, async (services) => {
      const { store } = services
      const user = await findUser(store, openid)
      if (!user) throw new Error('caller vanished inside the transaction')
      const entries = await allEntries(store, openid)
      return {
        exportedAt: toShanghaiIso(services.now()),
        profile: { openid, nickname: user.nickname, roles: user.roles, createdAt: user.createdAt },
        wallet: await publicWallet(services, openid),
        verification: verifyChain(entries),
        entries,
        redemptions: (await listRedemptions(store, openid)).map(publicRedemption),
        community: (await myCommunity(services, who)).community,
        eventSignups: (await signupsOf(store, openid, EXPORT_SIGNUPS_LIMIT)).map(({ eventId, title, status, signedAt, attendedAt }) => ({
          eventId,
          title,
          status,
          signedAt,
          ...(attendedAt ? { attendedAt } : {}),
        })),
      }
    })
  },
})
