/** The rewards slice: the catalogue of rewards and the person's vouchers. */
import { sendOnce } from '../services/callPolicy'
import { callCloud } from '../services/cloud'
import type { RewardsSlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const REWARDS_SIGNED_OUT = { rewards: [], rewardsLoaded: false, redemptions: [], redemptionsLoaded: false }

export const createRewardsSlice: Slice<RewardsSlice> = (set, get) => ({
  rewards: [],
  rewardsLoaded: false,
  redemptions: [],
  redemptionsLoaded: false,
  async loadRewards() {
    const { rewards } = await callCloud('listRewards', {})
    set({ rewards, rewardsLoaded: true })
  },
  async loadRedemptions() {
    const { redemptions } = await callCloud('listMyRedemptions', {})
    set({ redemptions, redemptionsLoaded: true })
  },
  async redeemReward(rewardId) {
    const { redemption, wallet } = await sendOnce((requestId) => callCloud('redeem', { requestId, rewardId }))
    set((s) => ({
      redemptions: [redemption, ...s.redemptions.filter((r) => r.id !== redemption.id)],
      walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView,
    }))
    get()
      .loadRewards()
      .catch(() => undefined)
    return redemption
  },
  async cancelVoucher(redemptionId) {
    const { redemption, wallet } = await callCloud('cancelRedemption', { redemptionId })
    set((s) => ({
      redemptions: s.redemptions.map((r) => (r.id === redemption.id ? redemption : r)),
      walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView,
    }))
    get()
      .loadRewards()
      .catch(() => undefined)
    return redemption
  },
  async verifyVoucher(code) {
    const { redemption } = await callCloud('verifyRedemption', { code })
    return redemption
  },
})
