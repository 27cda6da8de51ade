/** The ledger slice: the person's entries, paged, and the verification result. */
import { callCloud } from '../services/cloud'
import type { LedgerSlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes. */
export const LEDGER_SIGNED_OUT = { entries: [], nextCursor: null, ledgerLoaded: false, verifyResult: undefined }

const LEDGER_PAGE = 20

export const createLedgerSlice: Slice<LedgerSlice> = (set, get) => ({
  entries: [],
  nextCursor: null,
  ledgerLoading: false,
  ledgerLoaded: false,
  verifyResult: undefined,
  async loadLedger(reset) {
    const { ledgerLoading, nextCursor, ledgerLoaded } = get()
    if (ledgerLoading || (!reset && ledgerLoaded && nextCursor === null)) return
    set({ ledgerLoading: true })
    try {
      const cursor = reset ? undefined : (nextCursor ?? undefined)
      const page = await callCloud('listLedger', cursor ? { cursor, limit: LEDGER_PAGE } : { limit: LEDGER_PAGE })
      set((s) => ({
        entries: reset ? page.entries : [...s.entries, ...page.entries],
        nextCursor: page.nextCursor,
        ledgerLoaded: true,
      }))
    } finally {
      set({ ledgerLoading: false })
    }
  },
  async verifyLedger() {
    set({ verifyResult: await callCloud('verifyLedger', {}) })
  },
})
