/** The account slice: nickname, export, deletion. */
import { LIMITS } from '../contract/constants'
import type { MyDataExport } from '../contract/types'
import { callCloud, withRetries } from '../services/cloud'
import { persisted } from './persist'
import type { AccountSlice, Slice } from './types'

/** Ledger entries asked for per call: the most a page may hold, so a long ledger takes the fewest calls. */
const EXPORT_PAGE = LIMITS.exportPageMax

/**
 * The export file, from exportMyData's pages: the first answers everything besides the ledger, each page the
 * next entries (oldest first), the last the chain's verification over all of them. Every page is a read, sent
 * again on a retryable failure: a long ledger is many calls, and the rate limit may turn some away.
 */
async function fetchMyData(): Promise<MyDataExport> {
  const first = await withRetries(() => callCloud('exportMyData', { limit: EXPORT_PAGE }))
  if (!('profile' in first)) throw new Error('exportMyData answered its first call without the profile')
  const entries = first.entries
  let { nextCursor: cursor, verification } = first
  while (cursor !== null) {
    const next = cursor
    const page = await withRetries(() => callCloud('exportMyData', { cursor: next, limit: EXPORT_PAGE }))
    for (const entry of page.entries) entries.push(entry)
    cursor = page.nextCursor
    verification = page.verification
  }
  if (!verification) throw new Error('exportMyData ended without the chain verification')
  const { exportedAt, profile, wallet, redemptions, community, eventSignups } = first
  return { exportedAt, profile, wallet, verification, entries, redemptions, community, eventSignups }
}

export const createAccountSlice: Slice<AccountSlice> = (set, get) => ({
  async updateNickname(nickname) {
    const result = await callCloud('updateProfile', { nickname })
    const session = get().session
    if (session) {
      const next = { ...session, nickname: result.nickname }
      persisted.saveSession(next)
      set({ session: next })
    }
  },
  exportMyData: fetchMyData,
  async deleteAccount() {
    await callCloud('deleteAccount', { confirm: 'DELETE' })
    // Queued check-ins belonged to the deleted account: they must not be sent under a new one.
    persisted.saveQueue([])
    set({ queue: [] })
    get().logout()
  },
})
