import { callCloud, CloudCallError, isTransient, setSessionToken } from '../services/cloud'
import { newRequestId } from '../services/requestId'
import { wechatLoginCode, weRunData } from '../services/wechat'
import { recordAgreementInCloud } from './consent'
import { REMINDERS_SIGNED_OUT } from './reminders'
import { persisted } from './persist'
import type {
  AccountSlice,
  CommunitySlice,
  CatalogueSlice,
  LedgerSlice,
  QueueSlice,
  OrganizerSlice,
  ProjectsSlice,
  QueuedCheckIn,
  RewardsSlice,
  SessionSlice,
  SettingsSlice,
  Slice,
  SubmitOutcome,
  WalletSlice,
} from './types'

const LEDGER_PAGE = 20
/** Immediate retries of one send before the check-in waits in the queue for a better moment. */
const SEND_ATTEMPTS = 3

/** Per-person data dropped whenever the person changes, so nobody sees the previous wallet. */
const SIGNED_OUT_DATA = {
  walletView: undefined,
  entries: [],
  nextCursor: null,
  ledgerLoaded: false,
  verifyResult: undefined,
  rewards: [],
  rewardsLoaded: false,
  redemptions: [],
  redemptionsLoaded: false,
  projects: [],
  reviewItems: [],
  stats: undefined,
  adminRewards: [],
  series: undefined,
  groups: [],
  challenges: { mine: [], open: [], finished: [] },
  achievements: undefined,
  ...REMINDERS_SIGNED_OUT,
}

export const createSessionSlice: Slice<SessionSlice> = (set, get) => {
  const session = persisted.session()
  setSessionToken(session?.token)
  async function start(code: string) {
    const r = await callCloud('login', { code })
    const next = { openid: r.openid, token: r.token, nickname: r.nickname, roles: r.roles }
    setSessionToken(next.token)
    persisted.saveSession(next)
    set({ session: next, ...SIGNED_OUT_DATA })
    // Agreed on this device before logging in: now the cloud records it (a failure asks again next login).
    await recordAgreementInCloud(get().privacyAgreedVersion, r.privacyVersion).catch(() => undefined)
  }
  return {
    session,
    loginWithHandle: (handle) => start(`dev:${handle}`),
    loginWithWeChat: async () => start(await wechatLoginCode()),
    logout() {
      setSessionToken(undefined)
      persisted.saveSession(undefined)
      set({ session: undefined, ...SIGNED_OUT_DATA })
    },
  }
}

export const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  lang: persisted.lang(),
  setLang(lang) {
    persisted.saveLang(lang)
    set({ lang })
  },
  textSize: persisted.textSize(),
  setTextSize(textSize) {
    persisted.saveTextSize(textSize)
    set({ textSize })
  },
  introSeen: persisted.introSeen(),
  finishIntro() {
    persisted.saveIntroSeen()
    set({ introSeen: true })
  },
})

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
      const cursor = reset ? undefined : nextCursor ?? undefined
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

export const createCatalogueSlice: Slice<CatalogueSlice> = (set) => ({
  methodology: undefined,
  stations: [],
  async loadCatalogue() {
    const [methodology, { stations }] = await Promise.all([callCloud('getMethodology', {}), callCloud('listStations', {})])
    set({ methodology, stations })
  },
})

export const createQueueSlice: Slice<QueueSlice> = (set, get) => {
  const saveQueue = (queue: QueuedCheckIn[]) => {
    persisted.saveQueue(queue)
    set({ queue })
  }
  const dequeue = (requestId: string) => saveQueue(get().queue.filter((q) => q.requestId !== requestId))

  /** One queued check-in, sent with its own requestId until the cloud answers one way or the other. */
  async function send(item: QueuedCheckIn): Promise<SubmitOutcome> {
    let lastError: unknown
    for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
      try {
        const result = await callCloud('checkIn', item.payload)
        dequeue(item.requestId)
        set({ walletView: undefined })
        return { status: 'credited', result }
      } catch (error) {
        lastError = error
        if (!isTransient(error)) break
      }
    }
    if (isTransient(lastError)) {
      const code = (lastError as CloudCallError).code
      saveQueue(get().queue.map((q) => (q.requestId === item.requestId ? { ...q, lastError: code } : q)))
      return { status: 'queued' }
    }
    // The cloud refused it for good (cap, implausible…): it must not be retried, and the resident is told.
    dequeue(item.requestId)
    const e = lastError instanceof CloudCallError ? lastError : new CloudCallError('INTERNAL', String(lastError))
    return { status: 'rejected', code: e.code, message: e.message }
  }

  return {
    queue: persisted.queue(),
    flushing: false,
    async submitCheckIn(input, options) {
      const requestId = newRequestId()
      // occurredAt is fixed now, so a check-in sent later still counts for the moment it happened,
      // and every retry carries the identical payload.
      const nowMs = Date.now()
      const occurredAt = new Date(nowMs - (options?.endedMinutesAgo ?? 0) * 60_000).toISOString()
      const payload = { ...input, requestId, occurredAt } as QueuedCheckIn['payload']
      const item: QueuedCheckIn = { requestId, payload, queuedAt: new Date(nowMs).toISOString() }
      saveQueue([...get().queue, item])
      return send(item)
    },
    async flushQueue() {
      if (get().flushing || !get().session) return
      set({ flushing: true })
      try {
        for (const item of [...get().queue]) {
          const outcome = await send(item)
          if (outcome.status === 'queued') break
        }
      } finally {
        set({ flushing: false })
      }
    },
  }
}

/** Retries a call whose answer was lost; the caller made its requestId once, so a retry replays it. */
async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  let lastError: unknown
  for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
    try {
      return await call()
    } catch (error) {
      lastError = error
      if (!isTransient(error)) break
    }
  }
  throw lastError
}

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
    const requestId = newRequestId()
    const { redemption, wallet } = await withRetries(() => callCloud('redeem', { requestId, rewardId }))
    set((s) => ({
      redemptions: [redemption, ...s.redemptions.filter((r) => r.id !== redemption.id)],
      walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView,
    }))
    get().loadRewards().catch(() => undefined)
    return redemption
  },
  async cancelVoucher(redemptionId) {
    const { redemption, wallet } = await callCloud('cancelRedemption', { redemptionId })
    set((s) => ({
      redemptions: s.redemptions.map((r) => (r.id === redemption.id ? redemption : r)),
      walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView,
    }))
    get().loadRewards().catch(() => undefined)
    return redemption
  },
  async verifyVoucher(code) {
    const { redemption } = await callCloud('verifyRedemption', { code })
    return redemption
  },
})

export const createProjectsSlice: Slice<ProjectsSlice> = (set) => ({
  projects: [],
  async loadProjects() {
    set({ projects: (await callCloud('listProjects', {})).projects })
  },
  async donatePoints(projectId, points) {
    const requestId = newRequestId()
    const { entry, project, wallet } = await withRetries(() => callCloud('donate', { requestId, projectId, points }))
    set((s) => ({
      projects: s.projects.map((p) => (p.id === project.id ? project : p)),
      walletView: s.walletView ? { ...s.walletView, wallet } : s.walletView,
    }))
    return entry.id
  },
  async loadCertificate(entryId) {
    return (await callCloud('getDonationCertificate', { entryId })).certificate
  },
})

export const createOrganizerSlice: Slice<OrganizerSlice> = (set, get) => ({
  reviewItems: [],
  async stationDisplayCode(stationCode) {
    return callCloud('stationDisplayCode', { stationCode })
  },
  async loadReviews() {
    set({ reviewItems: (await callCloud('listReviewQueue', {})).items })
  },
  async decide(reviewId, decision) {
    await callCloud('decideReview', { reviewId, decision })
    set((s) => ({ reviewItems: s.reviewItems.filter((i) => i.id !== reviewId) }))
  },
  stats: undefined,
  async loadStats(fromDay, toDay) {
    set({ stats: await callCloud('getImpactStats', { fromDay, toDay }) })
  },
  exportCsv: (fromDay, toDay) => callCloud('exportImpactCsv', { fromDay, toDay }),
  adminRewards: [],
  async loadAdminRewards() {
    set({ adminRewards: (await callCloud('listRewards', {})).rewards })
  },
  async saveReward(reward) {
    const saved = (await callCloud('upsertReward', reward)).reward
    await get().loadAdminRewards()
    return saved
  },
})

export const createCommunitySlice: Slice<CommunitySlice> = (set, get) => ({
  groups: [],
  challenges: { mine: [], open: [], finished: [] },
  achievements: undefined,
  async loadCommunity() {
    const [{ groups }, mine, open, finished] = await Promise.all([
      callCloud('listMyGroups', {}),
      callCloud('listChallenges', { scope: 'mine' }),
      callCloud('listChallenges', { scope: 'open' }),
      callCloud('listChallenges', { scope: 'finished' }),
    ])
    set({ groups, challenges: { mine: mine.challenges, open: open.challenges, finished: finished.challenges } })
  },
  async createGroup(name) {
    const { group } = await callCloud('createGroup', { name })
    await get().loadCommunity()
    return group
  },
  async joinGroup(inviteCode) {
    const { group } = await callCloud('joinGroup', { inviteCode })
    await get().loadCommunity()
    return group
  },
  async rotateInvite(groupId) {
    await callCloud('rotateInviteCode', { groupId })
    await get().loadCommunity()
  },
  async createChallenge(req) {
    const { challenge } = await callCloud('createChallenge', req)
    await get().loadCommunity()
    return challenge
  },
  async joinChallenge(challengeId) {
    await callCloud('joinChallenge', { challengeId })
    await get().loadCommunity()
  },
  async fundChallenge(challengeId, points) {
    await callCloud('fundChallenge', { requestId: newRequestId(), challengeId, points })
  },
  async loadChallenge(challengeId) {
    const [{ challenge }, board] = await Promise.all([
      callCloud('getChallenge', { challengeId }),
      callCloud('getLeaderboard', { challengeId, limit: 20 }),
    ])
    return { challenge, board }
  },
  async loadAchievements() {
    set({ achievements: await callCloud('getAchievements', {}) })
  },
})
