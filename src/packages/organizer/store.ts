/**
 * What the organizer tools hold: the review queue, impact stats, rewards, stations (retired ones too), projects,
 * communities and the organizer's own scope. Kept in this subpackage so the main package every resident
 * downloads does not carry it; it is dropped whenever the signed-in person changes.
 */
import { create } from 'zustand'
import type { CreateEventRequest, UpsertCommunityRequest, UpsertProjectRequest, UpsertRewardRequest, UpsertStationRequest } from '@/contract/schemas'
import type { Community, CommunityEvent, ImpactStats, OrganizerScopeView, Project, ReviewItem, Reward, Station } from '@/contract/types'
import { callCloud, callPublicCloud } from '@/services/cloud'
import { newRequestId } from '@/services/requestId'
import { useAppStore } from '@/store'
import { withRetries } from '@/store/retries'

interface OrganizerState {
  reviewItems: ReviewItem[]
  loadReviews(): Promise<void>
  decide(reviewId: string, decision: 'confirm' | 'reverse'): Promise<void>
  stats: ImpactStats | undefined
  loadStats(fromDay: string, toDay: string): Promise<void>
  exportCsv(fromDay: string, toDay: string): Promise<{ filename: string; csv: string }>
  adminRewards: Reward[]
  loadAdminRewards(): Promise<void>
  saveReward(reward: UpsertRewardRequest): Promise<Reward>
  /** the station display's current rotating code */
  stationDisplayCode(stationCode: string): Promise<{ code: string; windowStartMs: number; windowMs: number }>
  scope: OrganizerScopeView | undefined
  stations: Station[]
  projects: Project[]
  communities: Community[]
  load(): Promise<void>
  saveStation(req: UpsertStationRequest): Promise<Station>
  retireStation(code: string): Promise<Station>
  saveProject(req: UpsertProjectRequest): Promise<Project>
  saveCommunity(req: UpsertCommunityRequest): Promise<Community>
  appoint(openid: string, communityId: string | null): Promise<void>
  events: CommunityEvent[]
  loadEvents(): Promise<void>
  createEvent(req: Omit<CreateEventRequest, 'requestId'>): Promise<CommunityEvent>
  eventCode(eventId: string): Promise<{ code: string; windowStartMs: number; windowMs: number }>
  exportEvent(eventId: string): Promise<{ filename: string; csv: string }>
  callOff(eventId: string): Promise<CommunityEvent>
}

const EMPTY = { reviewItems: [], stats: undefined, adminRewards: [], scope: undefined, stations: [], projects: [], communities: [], events: [] }

export const useOrganizerStore = create<OrganizerState>()((set, get) => ({
  ...EMPTY,
  stationDisplayCode: (stationCode) => callCloud('stationDisplayCode', { stationCode }),
  async loadReviews() {
    set({ reviewItems: (await callCloud('listReviewQueue', {})).items })
  },
  async decide(reviewId, decision) {
    await callCloud('decideReview', { reviewId, decision })
    set((s) => ({ reviewItems: s.reviewItems.filter((i) => i.id !== reviewId) }))
  },
  async loadStats(fromDay, toDay) {
    set({ stats: await callCloud('getImpactStats', { fromDay, toDay }) })
  },
  exportCsv: (fromDay, toDay) => callCloud('exportImpactCsv', { fromDay, toDay }),
  async loadAdminRewards() {
    set({ adminRewards: (await callCloud('listRewards', {})).rewards })
  },
  async saveReward(reward) {
    const saved = (await callCloud('upsertReward', reward)).reward
    await get().loadAdminRewards()
    return saved
  },
  async load() {
    const [{ organizerScope }, { stations }, { projects }, { communities }] = await Promise.all([
      callCloud('getMyCommunity', {}),
      callCloud('listStations', { includeRetired: true }),
      callCloud('listProjects', {}),
      callPublicCloud('listCommunities', {}),
    ])
    set({ scope: organizerScope, stations, projects, communities })
  },
  async saveStation(req) {
    const { station } = await callCloud('upsertStation', req)
    set((s) => ({ stations: upsert(s.stations, station, (x) => x.code) }))
    return station
  },
  async retireStation(code) {
    const { station } = await callCloud('retireStation', { code })
    set((s) => ({ stations: upsert(s.stations, station, (x) => x.code) }))
    return station
  },
  async saveProject(req) {
    const { project } = await callCloud('upsertProject', req)
    set((s) => ({ projects: upsert(s.projects, project, (x) => x.id) }))
    return project
  },
  async saveCommunity(req) {
    const { community } = await callCloud('upsertCommunity', req)
    set((s) => ({ communities: upsert(s.communities, community, (x) => x.id) }))
    return community
  },
  async appoint(openid, communityId) {
    await callCloud('grantOrganizer', { openid, communityId, granted: true })
  },
  async loadEvents() {
    set({ events: (await callCloud('listEvents', { manage: true })).events })
  },
  async createEvent(req) {
    // One requestId for this announcement, kept through its retries: an event is never announced twice.
    const requestId = newRequestId()
    const { event } = await withRetries(() => callCloud('createEvent', { ...req, requestId }))
    set((s) => ({ events: upsert(s.events, event, (x) => x.id) }))
    return event
  },
  eventCode: (eventId) => callCloud('eventDisplayCode', { eventId }),
  exportEvent: (eventId) => callCloud('exportEventCsv', { eventId }),
  async callOff(eventId) {
    const { event } = await callCloud('cancelEvent', { eventId })
    set((s) => ({ events: upsert(s.events, event, (x) => x.id) }))
    return event
  },
}))

function upsert<T>(list: T[], item: T, key: (x: T) => string): T[] {
  const at = list.findIndex((x) => key(x) === key(item))
  return at < 0 ? [...list, item] : list.map((x, i) => (i === at ? item : x))
}

// Another person signing in on this device must not see the last one's tools.
let openid = useAppStore.getState().session?.openid
useAppStore.subscribe((s) => {
  if (s.session?.openid === openid) return
  openid = s.session?.openid
  useOrganizerStore.setState(EMPTY)
})
