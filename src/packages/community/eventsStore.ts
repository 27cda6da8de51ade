/**
 * The resident's events: those offered to them and their place in each. Kept in this subpackage (out of the main
 * package) and dropped whenever the signed-in person changes.
 */
import { create } from 'zustand'
import type { CommunityEvent } from '@/contract/types'
import { callCloud } from '@/services/cloud'
import { newRequestId } from '@/services/requestId'
import { useAppStore } from '@/store'
import { withRetries } from '@/store/retries'

interface EventsState {
  events: CommunityEvent[]
  load(): Promise<void>
  signUp(eventId: string): Promise<CommunityEvent>
  giveBack(eventId: string): Promise<CommunityEvent>
  /** one requestId per scan, kept for every retry of that scan: a retried attendance is paid once */
  attend(code: string): Promise<{ event: CommunityEvent; points: number }>
}

export const useEventsStore = create<EventsState>()((set) => {
  const replace = (event: CommunityEvent) => set((s) => ({ events: s.events.map((e) => (e.id === event.id ? event : e)) }))
  return {
    events: [],
    async load() {
      set({ events: (await callCloud('listEvents', {})).events })
    },
    async signUp(eventId) {
      const { event } = await callCloud('signUpEvent', { eventId })
      replace(event)
      return event
    },
    async giveBack(eventId) {
      const { event } = await callCloud('cancelEventSignup', { eventId })
      replace(event)
      return event
    },
    async attend(code) {
      const requestId = newRequestId()
      const { event, entry, wallet } = await withRetries(() => callCloud('attendEvent', { requestId, code }))
      replace(event)
      useAppStore.setState((s) => ({ walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView }))
      return { event, points: entry?.points ?? 0 }
    },
  }
})

let openid = useAppStore.getState().session?.openid
useAppStore.subscribe((s) => {
  if (s.session?.openid === openid) return
  openid = s.session?.openid
  useEventsStore.setState({ events: [] })
})
