/** The organizer slice: review queue, impact stats, the rewards editor. */
import { callCloud } from '../services/cloud'
import type { OrganizerSlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const ORGANIZER_SIGNED_OUT = { reviewItems: [], stats: undefined, adminRewards: [] }

export const createOrganizerSlice: Slice<OrganizerSlice> = (set, get) => ({
  reviewItems: [],
  async stationDisplayCode(stationCode) {
    return callCloud('stationDisplayCode', { stationCode })
  },
  async loadReviews() {
    set({ reviewItems: (await callCloud('listReviewQueue', {})).items })
  },
  async decide(reviewId, decision) {
    await callCloud('decideReview', { reviewId, decision })
    set((s) => ({ reviewItems: s.reviewItems.filter((i) => i.id !== reviewId) }))
  },
  stats: undefined,
  async loadStats(fromDay, toDay) {
    set({ stats: await callCloud('getImpactStats', { fromDay, toDay }) })
  },
  exportCsv: (fromDay, toDay) => callCloud('exportImpactCsv', { fromDay, toDay }),
  adminRewards: [],
  async loadAdminRewards() {
    set({ adminRewards: (await callCloud('listRewards', {})).rewards })
  },
  async saveReward(reward) {
    const saved = (await callCloud('upsertReward', reward)).reward
    await get().loadAdminRewards()
    return saved
  },
})
