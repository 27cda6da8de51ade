/**
 * The resident's events: those offered to them and their place in each. Kept in this subpackage (out of the main
 * package) and dropped whenever the signed-in person changes.
 */
import { create } from 'zustand'
import type { CommunityEvent } from '@/contract/types'
import { locationCheck, parseEventCode } from '@/core/events'
import { distanceM } from '@/core/geo'
import { CloudCallError, callCloud } from '@/services/cloud'
import { currentPosition, type PhonePosition } from '@/services/location'
import { newRequestId } from '@/services/requestId'
import { useAppStore } from '@/store'
import { withRetries } from '@/store/retries'

interface EventsState {
  events: CommunityEvent[]
  load(): Promise<void>
  signUp(eventId: string): Promise<CommunityEvent>
  giveBack(eventId: string): Promise<CommunityEvent>
  /**
   * One requestId per scan, kept for every retry of that scan: a retried attendance is paid once. For an event that
   * checks location, the phone's position is asked first (a LocationError when refused or unavailable: nothing is
   * sent), and a refusal for being too far is an OffSiteError with the distance.
   */
  attend(code: string): Promise<{ event: CommunityEvent; points: number }>
}

/** The cloud refused an attendance because the phone reported a position outside the event's radius. */
export class OffSiteError extends Error {
  readonly distanceM: number
  readonly radiusM: number
  constructor(distanceM: number, radiusM: number, message: string) {
    super(message)
    this.distanceM = distanceM
    this.radiusM = radiusM
    this.name = 'OffSiteError'
  }
}

export const useEventsStore = create<EventsState>()((set, get) => {
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
      // the code names its event: one this resident signed up for is in the list (looked for again if not yet)
      const eventId = parseEventCode(code)?.eventId
      const find = () => (eventId ? get().events.find((e) => e.id === eventId) : undefined)
      if (eventId && !find())
        await get()
          .load()
          .catch(() => undefined)
      const place = find()?.location
      const phone: PhonePosition | undefined = place ? await currentPosition() : undefined
      const requestId = newRequestId()
      let answer
      try {
        answer = await withRetries(() => callCloud('attendEvent', { requestId, code, ...(phone ? { location: phone } : {}) }))
      } catch (error) {
        if (place && phone && error instanceof CloudCallError && error.code === 'PERMISSION_DENIED' && !locationCheck(place, phone).ok) {
          throw new OffSiteError(distanceM(place, phone), place.radiusM, error.message)
        }
        throw error
      }
      const { event, entry, wallet } = answer
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
