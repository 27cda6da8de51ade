/** The resident's community: which one, when it may change, and the communities to choose from. */
import { callCloud, callPublicCloud } from '../services/cloud'
import { persisted } from './persist'
import type { MyCommunitySlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const MY_COMMUNITY_SIGNED_OUT = { myCommunity: undefined }

export const createMyCommunitySlice: Slice<MyCommunitySlice> = (set, get) => ({
  myCommunity: undefined,
  communities: [],
  async loadMyCommunity() {
    const [mine, { communities }] = await Promise.all([callCloud('getMyCommunity', {}), callPublicCloud('listCommunities', {})])
    set({ myCommunity: mine, communities })
    // Roles are the cloud's to change: a person appointed (or no longer) an organizer sees it without logging in again.
    const session = get().session
    const organizer = mine.organizerScope !== undefined
    if (session && organizer !== session.roles.includes('organizer')) {
      const next = { ...session, roles: organizer ? (['resident', 'organizer'] as const).slice() : (['resident'] as const).slice() }
      persisted.saveSession(next)
      set({ session: next })
    }
  },
  async chooseCommunity(communityId) {
    set({ myCommunity: await callCloud('setMyCommunity', { communityId }) })
  },
})
