/** What several functions share about communities: a person's view of theirs. */
import type { MyCommunity } from '../../src/contract/types'
import { NO_COMMUNITY, nextCommunityChangeMs, savedCommunity } from '../../src/core/community'
import { EVENT_LIMITS } from '../../src/core/events'
import { shanghaiDay } from '../../src/core/time'
import type { ErrorReason } from '../../src/contract/errors'
import { CloudError } from '../errors'
import { scopeOf, type CallerContext, type Services } from '../function'
import { communityOf, getCommunity, publicCommunity } from './queries'
import { listEvents } from '../events/queries'

export async function myCommunity(services: Services, who: CallerContext): Promise<MyCommunity> {
  const { communityId, setMs } = await communityOf(services.store, who.openid)
  const community = communityId ? await getCommunity(services.store, communityId) : undefined
  const nextMs = nextCommunityChangeMs(setMs)
  const events = await listEvents(services.store, communityId, true, services.now(), EVENT_LIMITS.listLimit)
  return {
    community: community ? publicCommunity(community) : null,
    nextChangeDay: nextMs > services.now() ? shanghaiDay(nextMs) : null,
    ...(who.organizerScope ? { organizerScope: { communityId: who.organizerScope.communityId } } : {}),
    upcomingEvents: events.filter((e) => !e.cancelledAt).length,
  }
}

/**
 * The community what an organizer saves will belong to (src/core/community: savedCommunity); `message` and
 * `refusal` say why a community organizer may not put it in another community.
 */
export function communityToSave(who: CallerContext, asked: string | undefined, current: string | undefined, message: string, refusal: ErrorReason): string {
  const communityId = savedCommunity(scopeOf(who), asked, current)
  if (communityId === null) throw new CloudError('PERMISSION_DENIED', message, refusal)
  return communityId
}

/** Refuses a community id that names no community (the city's, '', always exists). */
export async function requireCommunity(services: Services, communityId: string): Promise<void> {
  if (communityId !== NO_COMMUNITY && !(await getCommunity(services.store, communityId)))
    throw new CloudError('NOT_FOUND', `No community with id ${communityId}.`, { reason: 'community.notFound' })
}
