import type { RemindersSlice } from './reminders'
import type { StateCreator } from 'zustand'
import type { CheckInRequest } from '../contract/schemas'
import type {
  Community,
  MyCommunity,
  SyncStepsResult,
  Achievements,
  Challenge,
  Group,
  Leaderboard,
  CheckInResult,
  MyDataExport,
  DonationCertificate,
  LedgerEntry,
  Methodology,
  Project,
  Redemption,
  Reward,
  Role,
  Station,
  VerifyLedgerResult,
  WalletResult,
} from '../contract/types'
import type { CreateChallengeRequest } from '../contract/schemas'
import type { Lang } from '../i18n'
import type { ClientErrorCode } from '../services/cloud'
import type { ErrorReason } from '../contract/errors'

export interface Session {
  openid: string
  token: string
  nickname: string
  roles: Role[]
}

export interface SessionSlice {
  session: Session | undefined
  /** development: a dev handle, on a cloud started with DEV_LOGIN=1 */
  loginWithHandle(handle: string): Promise<void>
  /** weapp: a wx.login code the cloud exchanges with WeChat (under Cloud Run, the platform's identity) */
  loginWithWeChat(): Promise<void>
  logout(): void
}

export interface ConsentSlice {
  /** the privacy-notice version agreed on this device (0: not yet) */
  privacyAgreedVersion: number
  agreePrivacy(): Promise<void>
}

/** The resident's text size; unset follows WeChat's font-size setting (weapp) or the browser's (H5). */
export type TextSize = 'standard' | 'large' | 'larger'

export interface SettingsSlice {
  lang: Lang
  setLang(lang: Lang): void
  /** the first-run path (what counts, how it is computed) was shown on this device */
  introSeen: boolean
  finishIntro(): void
  textSize: TextSize | undefined
  setTextSize(size: TextSize): void
}

export interface WalletSlice {
  walletView: WalletResult | undefined
  /** false while walletView is the copy kept from the last visit: its "today" may be another day's */
  walletFresh: boolean
  refreshWallet(commit?: Commit): Promise<void>
  /** reads WeRun data (WeChat, or the dev source) and has the cloud credit the verified steps */
  syncSteps(): Promise<SyncStepsResult>
  series: { days: 7 | 30; points: { day: string; gramsCo2e: number; points: number }[] } | undefined
  loadSeries(days: 7 | 30): Promise<void>
}

export interface AccountSlice {
  updateNickname(nickname: string): Promise<void>
  exportMyData(): Promise<MyDataExport>
  deleteAccount(): Promise<void>
}

export interface LedgerSlice {
  entries: LedgerEntry[]
  nextCursor: string | null
  ledgerLoading: boolean
  ledgerLoaded: boolean
  verifyResult: VerifyLedgerResult | undefined
  loadLedger(reset: boolean): Promise<void>
  verifyLedger(): Promise<void>
}

export interface CatalogueSlice {
  methodology: Methodology | undefined
  stations: Station[]
  loadCatalogue(commit?: Commit): Promise<void>
}

export interface QueuedCheckIn {
  requestId: string
  payload: CheckInRequest
  queuedAt: string
  lastError?: ClientErrorCode
}

export type SubmitOutcome =
  { status: 'credited'; result: CheckInResult } | { status: 'queued' } | { status: 'rejected'; code: ClientErrorCode; message: string; refusal?: ErrorReason }

/** A queued check-in the cloud later refused for good: shown on Home (what, why, what to do) until dismissed. */
export interface RefusedCheckIn {
  requestId: string
  payload: CheckInRequest
  code: ClientErrorCode
  message: string
  /** the cloud's reason, when it gave one: Home words the refusal from it */
  refusal?: ErrorReason
  refusedAt: string
}

export interface QueueSlice {
  queue: QueuedCheckIn[]
  /** this person's check-ins refused after they left the phone's queue, newest last */
  refused: RefusedCheckIn[]
  dismissRefused(requestId: string): void
  flushing: boolean
  /**
   * Sends a new check-in; keeps it on the device when the network fails. `endedMinutesAgo` places a trip taken
   * earlier (its occurredAt is when it ended), so two trips of one afternoon do not overlap.
   */
  submitCheckIn(payload: DistributiveOmit<CheckInRequest, 'requestId' | 'occurredAt'>, options?: { endedMinutesAgo?: number }): Promise<SubmitOutcome>
  flushQueue(): Promise<void>
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

export interface RewardsSlice {
  rewards: Reward[]
  rewardsLoaded: boolean
  redemptions: Redemption[]
  redemptionsLoaded: boolean
  loadRewards(): Promise<void>
  loadRedemptions(): Promise<void>
  /** One requestId per tap, reused for every retry of that tap. */
  redeemReward(rewardId: string): Promise<Redemption>
  cancelVoucher(redemptionId: string): Promise<Redemption>
  /** organizer at pickup */
  verifyVoucher(code: string): Promise<Redemption>
}

export interface ProjectsSlice {
  projects: Project[]
  loadProjects(): Promise<void>
  /** One requestId per tap, reused for every retry of that tap; returns the donate entry id. */
  donatePoints(projectId: string, points: number): Promise<string>
  loadCertificate(entryId: string): Promise<DonationCertificate>
}

export interface MyCommunitySlice {
  myCommunity: MyCommunity | undefined
  /** every community, for the chooser */
  communities: Community[]
  /** the person's community, and (organizers) their scope, which the session's roles follow */
  loadMyCommunity(commit?: Commit): Promise<void>
  loadCommunities(commit?: Commit): Promise<void>
  chooseCommunity(communityId: string): Promise<void>
}

export interface CommunitySlice {
  groups: Group[]
  challenges: { mine: Challenge[]; open: Challenge[]; finished: Challenge[] }
  achievements: Achievements | undefined
  loadCommunity(): Promise<void>
  createGroup(name: string): Promise<Group>
  joinGroup(inviteCode: string): Promise<Group>
  rotateInvite(groupId: string): Promise<void>
  createChallenge(req: CreateChallengeRequest): Promise<Challenge>
  joinChallenge(challengeId: string): Promise<void>
  /** organizers: funds a challenge's bonuses (one requestId per tap, kept until answered) */
  fundChallenge(challengeId: string, points: number): Promise<void>
  loadChallenge(challengeId: string): Promise<{ challenge: Challenge; board: Leaderboard }>
  loadAchievements(): Promise<void>
}

/** The pages whose load the store runs (pageLoads.ts). */
export type PageLoadKey = 'home' | 'wallet' | 'rewards' | 'methodology'

export interface PageLoadsSlice {
  pageLoads: Partial<Record<PageLoadKey, { loading: boolean; error?: unknown }>>
  /** Home: sends queued check-ins, then the wallet, the catalogue (once), the community and the communities (once) */
  loadHome(): Promise<boolean>
  /** the wallet tab: the wallet, the ledger's first page, the chart's series */
  loadWalletPage(): Promise<boolean>
  /** the rewards tab: rewards, vouchers, the wallet, projects */
  loadRewardsPage(): Promise<boolean>
  /** the methodology page: the catalogue, unless it is here already */
  loadMethodology(): Promise<boolean>
}

export interface PersonData {
  /** drops every slice's data about the logged-in person (at login, logout and account deletion) */
  clearPersonData(): void
}

export type AppState = PersonData &
  SessionSlice &
  CommunitySlice &
  SettingsSlice &
  WalletSlice &
  LedgerSlice &
  CatalogueSlice &
  QueueSlice &
  RewardsSlice &
  ProjectsSlice &
  MyCommunitySlice &
  AccountSlice &
  ConsentSlice &
  RemindersSlice &
  PageLoadsSlice

export type Slice<T> = StateCreator<AppState, [], [], T>
/**
 * Where a load puts what it fetched: the store at once (the default), or a page load's batch, which applies all
 * its loads' answers in one update, so a page re-renders (and weapp sends one setData) once, not once per answer.
 */
export type Commit = (patch: Partial<AppState>) => void
