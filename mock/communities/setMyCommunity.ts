import { setMyCommunitySchema } from '../../src/contract/schemas'
import { COMMUNITY_CHANGE_DAYS, nextCommunityChangeMs } from '../../src/core/community'
import { slotOf } from '../../src/core/counters'
import { shanghaiDay } from '../../src/core/time'
import { myCommunity } from './communities'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { getCommunity, communityOf, setCommunity, addCommunityCounters } from './queries'

/**
 * Joins the caller to a community: the first choice at any time, a change once in COMMUNITY_CHANGE_DAYS.
 * Their entries so far keep counting for the community they were made in; from now on they count here, and
 * a resident already taking part moves to this community's count in the same transaction.
 */
export const setMyCommunity = defineFunction({
  name: 'setMyCommunity',
  schema: setMyCommunitySchema,
  auth: 'session',
  transaction: 'write',
  async handle(req, who, services) {
    const { store } = services
    const community = await getCommunity(store, req.communityId)
    if (!community) throw new CloudError('NOT_FOUND', `No community with id ${req.communityId}.`, { reason: 'community.notFound' })
    const { wallet } = await lockCaller(store, who.openid)
    const current = await communityOf(store, who.openid)
    if (current.communityId === community.id) return myCommunity(services, who)
    const nextMs = nextCommunityChangeMs(current.setMs)
    if (nextMs > services.now()) {
      const nextDay = shanghaiDay(nextMs)
      throw new CloudError('CONFLICT', `A community can be changed once in ${COMMUNITY_CHANGE_DAYS} days: the next change is possible from ${nextDay}.`, {
        reason: 'community.changeTooSoon',
        params: { days: COMMUNITY_CHANGE_DAYS, nextDay },
      })
    }
    await setCommunity(store, who.openid, community.id, services.now())
    if (wallet.headSeq > 0) {
      const slot = slotOf(who.openid)
      await addCommunityCounters(store, current.communityId, slot, -1, 0)
      await addCommunityCounters(store, community.id, slot, 1, 0)
    }
    return myCommunity(services, who)
  },
})
