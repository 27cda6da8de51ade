/** The wallet slice: the balance view, the daily series, verified steps. */
import { callCloud } from '../services/cloud'
import { weRunData } from '../services/wechat'
import { persisted } from './persist'
import type { Slice, WalletSlice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const WALLET_SIGNED_OUT = { walletView: undefined, walletFresh: false, series: undefined }

export const createWalletSlice: Slice<WalletSlice> = (set, get) => ({
  // The last view shown on this device, for this person: Home paints it at once and the fresh one replaces it.
  walletView: persisted.walletView(persisted.session()?.openid),
  walletFresh: false,
  async refreshWallet(commit = set) {
    const walletView = await callCloud('getWallet', {})
    commit({ walletView, walletFresh: true })
    const openid = get().session?.openid
    if (openid) persisted.saveWalletView(openid, walletView)
  },
  async syncSteps() {
    const result = await callCloud('syncSteps', await weRunData())
    await get().refreshWallet()
    return result
  },
  series: undefined,
  async loadSeries(days) {
    set({ series: { days, points: (await callCloud('getDailySeries', { days })).days } })
  },
})
