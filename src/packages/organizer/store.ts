/**
 * What the organizer tools hold: the review queue, impact stats, rewards, stations (retired ones too), projects,
 * communities, the city's partners and the organizer's own scope. Kept in this subpackage so the main package
 * every resident downloads does not carry it; it is dropped whenever the signed-in person changes.
 */
import { create } from 'zustand'
import type { PartnerView, SecretIssued } from '@/contract/partner'
import type { CreateEventRequest, UpsertCommunityRequest, UpsertProjectRequest, UpsertRewardRequest, UpsertStationRequest } from '@/contract/schemas'
import type { Community, CommunityEvent, ImpactStats, OrganizerScopeView, Project, ReviewItem, Reward, Station, TreasuryView } from '@/contract/types'
import { feedsOfKind, type PartnerKind } from '@/core/partners'
import { CloudCallError, callCloud, callPublicCloud, isTransient } from '@/services/cloud'
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
  /** the treasury as this organizer may see it (a community organizer: their own purse) */
  treasury: TreasuryView | undefined
  loadTreasury(): Promise<void>
  /** city organizers: create points in the treasury, with why */
  issuePoints(points: number, reason: string): Promise<TreasuryView>
  /** city organizers: move unallocated points into a community's allowance, or ('') the city's own purse */
  allocatePoints(communityId: string, points: number, reason: string): Promise<TreasuryView>
  /** city organizers: the partners the city registered, revoked ones too */
  partners: PartnerView[]
  loadPartners(): Promise<void>
  /**
   * The partner's signing secret is in the answer only: it is handed to the page that shows it once, never kept
   * here, so it is gone when the page closes.
   */
  /** with every feed its kind may report (src/core/partners feedsOfKind); a weighing partner names its stations */
  registerPartner(name: string, kind: PartnerKind, stations?: string[]): Promise<SecretIssued>
  rotatePartnerSecret(partnerId: string): Promise<SecretIssued>
  revokePartner(partnerId: string): Promise<PartnerView>
}

const EMPTY = {
  reviewItems: [],
  stats: undefined,
  adminRewards: [],
  scope: undefined,
  stations: [],
  projects: [],
  communities: [],
  events: [],
  treasury: undefined,
  partners: [],
}

/**
 * The requestIds of budget moves (an issuance, an allocation, an announced event) sent but not answered, by what
 * they ask: one made when a move is first
 * tapped, kept through its retries and through another tap of the same move after the network failed, so a
 * move whose answer was lost is replayed rather than made twice. Dropped once the cloud answers (done or
 * refused), so the same move asked again later is a new one.
 */
const unanswered = new Map<string, string>()

async function onceUntilAnswered<T>(what: string, send: (requestId: string) => Promise<T>): Promise<T> {
  let requestId = unanswered.get(what)
  if (!requestId) {
    requestId = newRequestId()
    unanswered.set(what, requestId)
  }
  try {
    const answer = await withRetries(() => send(requestId))
    unanswered.delete(what)
    return answer
  } catch (error) {
    if (!isTransient(error)) unanswered.delete(what)
    throw error
  }
}

/**
 * What this organizer's next budget can draw: a community organizer's allowance left; a city organizer's, the
 * city's purse left and the treasury's unallocated points (allocated as budgets are funded).
 */
export function fundablePoints(treasury: TreasuryView | undefined, scope: OrganizerScopeView | undefined): number | undefined {
  if (!treasury || !scope) return undefined
  if (scope.communityId === null) return treasury.unallocatedPoints + (treasury.purses.find((p) => p.communityId === '')?.leftPoints ?? 0)
  return treasury.purses.find((p) => p.communityId === scope.communityId)?.leftPoints ?? 0
}

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
    // One requestId for this announcement, kept through its retries and until answered: an event is never announced twice.
    const { event } = await onceUntilAnswered(`event:${JSON.stringify(req)}`, (requestId) => callCloud('createEvent', { ...req, requestId }))
    set((s) => ({ events: upsert(s.events, event, (x) => x.id) }))
    // its budget was drawn from the organizer's purse
    await get()
      .loadTreasury()
      .catch(() => undefined)
    return event
  },
  eventCode: (eventId) => callCloud('eventDisplayCode', { eventId }),
  exportEvent: (eventId) => callCloud('exportEventCsv', { eventId }),
  async callOff(eventId) {
    const { event } = await callCloud('cancelEvent', { eventId })
    set((s) => ({ events: upsert(s.events, event, (x) => x.id) }))
    // its unspent budget went back to the purse it came from
    await get()
      .loadTreasury()
      .catch(() => undefined)
    return event
  },
  treasury: undefined,
  async loadTreasury() {
    set({ treasury: await callCloud('getTreasury', {}) })
  },
  async issuePoints(points, reason) {
    const treasury = await onceUntilAnswered(`issue:${points}:${reason}`, (requestId) => callCloud('issuePoints', { requestId, points, reason }))
    set({ treasury })
    return treasury
  },
  async allocatePoints(communityId, points, reason) {
    const treasury = await onceUntilAnswered(`allocate:${communityId}:${points}:${reason}`, (requestId) =>
      callCloud('allocatePoints', { requestId, communityId, points, reason }),
    )
    set({ treasury })
    return treasury
  },
  partners: [],
  async loadPartners() {
    set({ partners: (await callCloud('listPartners', {})).partners })
  },
  // Not retried: a registration has no requestId, and a lost answer sent again would register the partner twice.
  async registerPartner(name, kind, stations) {
    const feeds = feedsOfKind(kind)
    const issued = await callCloud('registerPartner', { name, kind, feeds, ...(feeds.includes('weights') ? { stations: stations ?? [] } : {}) })
    set((s) => ({ partners: [issued.partner, ...s.partners.filter((p) => p.id !== issued.partner.id)] }))
    return issued
  },
  async rotatePartnerSecret(partnerId) {
    const issued = await freshOnConflict(() => callCloud('rotatePartnerSecret', { partnerId }), get().loadPartners)
    set((s) => ({ partners: upsert(s.partners, withHealth(s.partners, issued.partner), (x) => x.id) }))
    return issued
  },
  async revokePartner(partnerId) {
    const { partner } = await freshOnConflict(() => callCloud('revokePartner', { partnerId }), get().loadPartners)
    set((s) => ({ partners: upsert(s.partners, withHealth(s.partners, partner), (x) => x.id) }))
    return partner
  },
}))

/** A rotation's or revocation's answer carries no feed health (only the list does): the one shown stays. */
const withHealth = (shown: readonly PartnerView[], partner: PartnerView): PartnerView => {
  const before = shown.find((p) => p.id === partner.id)
  return { ...(before?.today ? { today: before.today } : {}), ...(before?.lastSeenAt ? { lastSeenAt: before.lastSeenAt } : {}), ...partner }
}

/** Another organizer rotated or revoked it a moment ago: the list is fetched again, so what is shown is the state the refusal is about. */
async function freshOnConflict<T>(send: () => Promise<T>, reload: () => Promise<void>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    if (error instanceof CloudCallError && error.code === 'CONFLICT') await reload().catch(() => undefined)
    throw error
  }
}

function upsert<T>(list: T[], item: T, key: (x: T) => string): T[] {
  const at = list.findIndex((x) => key(x) === key(item))
  return at < 0 ? [...list, item] : list.map((x, i) => (i === at ? item : x))
}

// Another person signing in on this device must not see the last one's tools.
let openid = useAppStore.getState().session?.openid
useAppStore.subscribe((s) => {
  if (s.session?.openid === openid) return
  openid = s.session?.openid
  unanswered.clear()
  useOrganizerStore.setState(EMPTY)
})
