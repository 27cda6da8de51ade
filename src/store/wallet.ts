/** The wallet slice: the balance view, the daily series, verified steps. */
import { callCloud } from '../services/cloud'
import { weRunData } from '../services/wechat'
import type { Slice, WalletSlice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const WALLET_SIGNED_OUT = { walletView: undefined, series: undefined }

export const createWalletSlice: Slice<WalletSlice> = (set, get) => ({
  walletView: undefined,
  async refreshWallet() {
    set({ walletView: await callCloud('getWallet', {}) })
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
