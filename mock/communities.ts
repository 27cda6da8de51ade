/** What several functions share about communities: a person's view of theirs. */
import type { MyCommunity } from '../src/contract/types'
import { nextCommunityChangeMs } from '../src/core/community'
import { EVENT_LIMITS } from '../src/core/events'
import { shanghaiDay } from '../src/core/time'
import type { CallerContext, Services } from './function'

export async function myCommunity(services: Services, who: CallerContext): Promise<MyCommunity> {
  const { communityId, setMs } = await services.store.communityOf(who.openid)
  const community = communityId ? await services.store.getCommunity(communityId) : undefined
  const nextMs = nextCommunityChangeMs(setMs)
  const events = await services.store.listEvents(communityId, true, services.now(), EVENT_LIMITS.listLimit)
  return {
    community: community ? { id: community.id, name: community.name } : null,
    nextChangeDay: nextMs > services.now() ? shanghaiDay(nextMs) : null,
    ...(who.organizerScope ? { organizerScope: { communityId: who.organizerScope.communityId } } : {}),
    upcomingEvents: events.filter((e) => !e.cancelledAt).length,
  }
}
