/** The resident's community: which one, when it may change, and the communities to choose from. */
import { callCloud, callPublicCloud } from '../services/cloud'
import type { MyCommunitySlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const MY_COMMUNITY_SIGNED_OUT = { myCommunity: undefined }

export const createMyCommunitySlice: Slice<MyCommunitySlice> = (set) => ({
  myCommunity: undefined,
  communities: [],
  async loadMyCommunity() {
    const [mine, { communities }] = await Promise.all([callCloud('getMyCommunity', {}), callPublicCloud('listCommunities', {})])
    set({ myCommunity: mine, communities })
  },
  async chooseCommunity(communityId) {
    set({ myCommunity: await callCloud('setMyCommunity', { communityId }) })
  },
})
