import { exportMyDataSchema, LIMITS } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { defineFunction } from '../function'
import { publicWallet } from '../wallet/ledger'
import { publicRedemption } from '../rewards/rewards'
import { myCommunity } from '../communities/communities'
import { findUser } from './queries'
import { decodeExportCursor, FIRST_PAGE, ledgerPage } from './exportPages'
import { listRedemptions } from '../rewards/queries'
import { signupsOf } from '../events/queries'

const EXPORT_SIGNUPS_LIMIT = 10_000

/**
 * Everything the cloud holds about the caller, a page of the ledger at a time with the chain walked across the
 * pages, so they can verify it elsewhere: the first call answers the rest with the first page.
 */
export const exportMyData = defineFunction({
  name: 'exportMyData',
  schema: exportMyDataSchema,
  auth: 'session',
  transaction: 'read',
  async handle(req, who, services) {
    const { openid } = who
    const limit = req.limit ?? LIMITS.exportPageDefault
    if (req.cursor !== undefined) return ledgerPage(services.store, openid, decodeExportCursor(req.cursor), limit)
    // One snapshot: the profile, the wallet and the first page are of one moment.
    const { store } = services
    const user = await findUser(store, openid)
    if (!user) throw new Error('caller vanished inside the snapshot')
    return {
      exportedAt: toShanghaiIso(services.now()),
      profile: { openid, nickname: user.nickname, roles: user.roles, createdAt: user.createdAt },
      wallet: await publicWallet(services, openid),
      redemptions: (await listRedemptions(store, openid)).map(publicRedemption),
      community: (await myCommunity(services, who)).community,
      eventSignups: (await signupsOf(store, openid, EXPORT_SIGNUPS_LIMIT)).map(({ eventId, title, status, signedAt, attendedAt }) => ({
        eventId,
        title,
        status,
        signedAt,
        ...(attendedAt ? { attendedAt } : {}),
      })),
      ...(await ledgerPage(store, openid, FIRST_PAGE, limit)),
    }
  },
})
