/** The resident's community: which one, when it may change, and the communities to choose from. */
import { callCloud, callPublicCloud } from '../services/cloud'
import type { Role } from '../contract/types'
import { persisted } from './persist'
import type { MyCommunitySlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const MY_COMMUNITY_SIGNED_OUT = { myCommunity: undefined }

export const createMyCommunitySlice: Slice<MyCommunitySlice> = (set, get) => ({
  myCommunity: undefined,
  communities: [],
  async loadMyCommunity(commit = set) {
    const mine = await callCloud('getMyCommunity', {})
    // Roles are the cloud's to change: a person appointed (or no longer) an organizer sees it without logging in again.
    const session = get().session
    const organizer = mine.organizerScope !== undefined
    if (session && organizer !== session.roles.includes('organizer')) {
      const roles: Role[] = organizer ? ['resident', 'organizer'] : ['resident']
      const next = { ...session, roles }
      persisted.saveSession(next)
      commit({ myCommunity: mine, session: next })
    } else commit({ myCommunity: mine })
  },
  async loadCommunities(commit = set) {
    commit({ communities: (await callPublicCloud('listCommunities', {})).communities })
  },
  async chooseCommunity(communityId) {
    set({ myCommunity: await callCloud('setMyCommunity', { communityId }) })
  },
})
