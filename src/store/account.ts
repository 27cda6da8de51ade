/** The account slice: nickname, export, deletion. */
import { callCloud } from '../services/cloud'
import { persisted } from './persist'
import type { AccountSlice, Slice } from './types'

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
  exportMyData: () => callCloud('exportMyData', {}),
  async deleteAccount() {
    await callCloud('deleteAccount', { confirm: 'DELETE' })
    // Queued check-ins belonged to the deleted account: they must not be sent under a new one.
    persisted.saveQueue([])
    set({ queue: [] })
    get().logout()
  },
})
