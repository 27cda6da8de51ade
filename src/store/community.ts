/** The community slice: groups, challenges and achievements. */
import { sendOnce } from '../services/callPolicy'
import { callCloud } from '../services/cloud'
import type { CommunitySlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const COMMUNITY_SIGNED_OUT = { groups: [], challenges: { mine: [], open: [], finished: [] }, achievements: undefined }

export const createCommunitySlice: Slice<CommunitySlice> = (set, get) => ({
  groups: [],
  challenges: { mine: [], open: [], finished: [] },
  achievements: undefined,
  async loadCommunity() {
    const [{ groups }, mine, open, finished] = await Promise.all([
      callCloud('listMyGroups', {}),
      callCloud('listChallenges', { scope: 'mine' }),
      callCloud('listChallenges', { scope: 'open' }),
      callCloud('listChallenges', { scope: 'finished' }),
    ])
    set({ groups, challenges: { mine: mine.challenges, open: open.challenges, finished: finished.challenges } })
  },
  async createGroup(name) {
    const { group } = await callCloud('createGroup', { name })
    await get().loadCommunity()
    return group
  },
  async joinGroup(inviteCode) {
    const { group } = await callCloud('joinGroup', { inviteCode })
    await get().loadCommunity()
    return group
  },
  async rotateInvite(groupId) {
    await callCloud('rotateInviteCode', { groupId })
    await get().loadCommunity()
  },
  async createChallenge(req) {
    const { challenge } = await callCloud('createChallenge', req)
    await get().loadCommunity()
    return challenge
  },
  async joinChallenge(challengeId) {
    await callCloud('joinChallenge', { challengeId })
    await get().loadCommunity()
  },
  async fundChallenge(challengeId, points) {
    // a budget move: retried under the call policy with its one requestId, so a lost answer never pays twice
    await sendOnce((requestId) => callCloud('fundChallenge', { requestId, challengeId, points }))
  },
  async loadChallenge(challengeId) {
    const [{ challenge }, board] = await Promise.all([callCloud('getChallenge', { challengeId }), callCloud('getLeaderboard', { challengeId, limit: 20 })])
    return { challenge, board }
  },
  async loadAchievements() {
    set({ achievements: await callCloud('getAchievements', {}) })
  },
})
