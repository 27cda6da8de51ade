/** Response shapes of the cloud contract, shared by the client and the mock cloud. */
import type { ChallengeMetric, ReminderKind, SceneBehaviour, TravelMode as Mode } from './constants'
import type { PartnerFunctions } from './partner'
import type { MerchantFunctions, OfferMerchant } from './merchant'
import type { CityDashboard, TreasuryView } from './city'

export type { CityDashboard, TreasuryView } from './city'
import type {
  ChallengeIdRequest,
  IssuePointsRequest,
  AllocatePointsRequest,
  SetRemindersRequest,
  MarkInboxReadRequest,
  DevWeRunDataRequest,
  FundChallengeRequest,
  StationCodeRequest,
  SyncStepsRequest,
  CreateChallengeRequest,
  CreateGroupRequest,
  GroupIdRequest,
  JoinGroupRequest,
  LeaderboardRequest,
  ListChallengesRequest,
  RemoveMemberRequest,
  DailySeriesRequest,
  DeleteAccountRequest,
  UpdateProfileRequest,
  CertificateRequest,
  DonateRequest,
  UpsertProjectRequest,
  DayRangeRequest,
  DecideReviewRequest,
  ListReviewQueueRequest,
  RedeemRequest,
  RedemptionIdRequest,
  UpsertRewardRequest,
  VerifyRedemptionRequest,
  CheckInRequest,
  EmptyRequest,
  ListLedgerRequest,
  ExportMyDataRequest,
  LoginRequest,
  AgreePrivacyRequest,
  UpsertCommunityRequest,
  SetMyCommunityRequest,
  UpsertStationRequest,
  RetireStationRequest,
  ListStationsRequest,
  VerifyPublicRequest,
  GrantOrganizerRequest,
  CreateEventRequest,
  EventIdRequest,
  ListEventsRequest,
  AttendEventRequest,
  Material,
  TravelMode,
} from './schemas'

export type Role = 'resident' | 'organizer'
/** A check-in kind's name (src/core/kinds): travel, recycling, steps, or a kind registered since. */
export type FactorKind = 'travel' | 'recycling' | 'steps' | (string & {})

export interface Factor {
  id: string
  kind: FactorKind
  key: TravelMode | Material | 'werun' | (string & {})
  /** '10k steps': 10,000 verified WeRun steps; a later kind names its own */
  unit: 'km' | 'kg' | '10k steps' | (string & {})
  gramsPerUnit: number
  dailyCapGrams: number
  maxKmh?: number
  source: string
  sourceVersion: string
  /** Addition to the contract: why this figure was chosen, in plain words. */
  rationale?: string
  /** Addition to the contract: the same reason in Simplified Chinese (the app's default language). */
  rationaleZh?: string
  /** Addition to the contract: the source and its version as a Chinese reader cites them (display only: the
   * ledger's hashes carry `sourceVersion`). */
  sourceZh?: string
  sourceVersionZh?: string
}

export interface Methodology {
  version: string
  gramsPerPoint: number
  factors: Factor[]
  /** the anti-farming rules in force (always sent by getMethodology) */
  rules?: CreditRules
  /** every version, newest first, with what it changed (always sent by getMethodology) */
  history?: MethodologyVersionNote[]
}

export interface MethodologyVersionNote {
  version: string
  changes: string
  changesZh: string
}

/** Rules every check-in is held to besides its factor's cap, published beside the factors. */
export interface CreditRules {
  /** activity older than this many hours is not credited */
  maxBackdateHours: number
  /** travel needs durationMin; one person's trips may not overlap in time */
  travelNeedsDuration: true
  /** the most one person may be credited on one Asia/Shanghai day across all factors, and why */
  dailyTotalGrams: number
  dailyTotalBasis: string
  dailyTotalBasisZh: string
  /** this many drops at one station within this many minutes (claimed or received) are reviewed */
  stationBurstCount: number
  stationBurstWindowMin: number
  /** a single drop at this share of its material's daily cap or more is reviewed */
  nearCapShare: number
  /** points of a check-in under review are held (in the balance, not spendable) until an organizer decides */
  heldWhileReviewed: true
  /** a drop with a typed station code (no display scan) earns at most this share of its material's daily cap */
  selfReportedCapShare: number
  /** issue 21: and typed-code drops of all materials together earn at most this many grams a day */
  selfReportedDailyGrams: number
  /** issue 21: more residents than this scanning one station's code in one 30-second window puts all those drops in review */
  residentsPerCodeWindow: number
  /** issue 24: the same scene at the same venue again within this many minutes is refused */
  sceneRepeatWindowMin?: number
}

export interface Station {
  code: string
  /** the Chinese name; nameEn the English one, absent when there is none (issue 23: every such pair alike) */
  name: string
  nameEn?: string
  materials: Material[]
  /** Addition (issue 13): where it is and when it is open, as the organizer wrote them */
  address?: string
  hours?: string
  /** Addition: the community that runs it ('' or absent: the city) */
  communityId?: string
  /** Addition: when it was retired; a retired station refuses new drops and keeps its history */
  retiredAt?: string
  /** Addition (issue 24): a venue's low-carbon scenes (src/core/kinds/scene) it enables; absent or empty: none */
  behaviours?: SceneBehaviour[]
}

export interface Wallet {
  gramsCo2eTotal: number
  pointsBalance: number
  pointsEarned: number
  pointsSpent: number
  /**
   * Part of the balance that cannot be spent yet: points of flagged check-ins waiting for an organizer's
   * review (always sent by the cloud; the ledger's own sums leave it out).
   */
  pointsHeld?: number
}

export type LedgerEntryType = 'checkin' | 'bonus' | 'redeem' | 'refund' | 'donate' | 'adjust'

export interface LedgerEntry {
  id: string
  seq: number
  type: LedgerEntryType
  gramsCo2e: number
  points: number
  factorId?: string
  sourceVersion?: string
  day: string
  createdAt: string
  ref?: string
  prevHash: string
  hash: string
  /** Additions to the contract, on check-ins: what was measured, in integer units, and under which methodology. */
  methodologyVersion?: string
  occurredAt?: string
  distanceM?: number
  durationS?: number
  /** on a scale's correction (an adjust): the weighed difference, negative when weighed down */
  weightG?: number
  stationCode?: string
  /** v1.2, on verified-steps check-ins: the day's WeRun step count as WeChat signed it */
  steps?: number
  /** v1.2, on recycling drops: how the station was proven (src/core/stationCode); 'venue-display' on scene check-ins;
   * issue 24: 'operator' on a trip a registered operator reported, 'scale' on a drop a registered bin or scale weighed */
  evidence?: 'station-display' | 'self-reported' | 'venue-display' | 'operator' | 'scale'
  /** Issue 22, on check-ins of later kinds (src/core/kinds): what was measured, an integer in `unit`; travel,
   * recycling and steps keep their own fields above, so their entries and hashes are unchanged. */
  quantity?: number
  unit?: string
}

/** What a WeRun sync credited: per day, the steps WeChat signed and the new credit (absent days: nothing new). */
export interface SyncStepsResult {
  days: { day: string; steps: number; gramsCo2e: number; points: number; entryId?: string }[]
  wallet: Wallet
}

export interface LoginResult {
  openid: string
  /** empty under WeChat Cloud Run, where the platform's X-WX-OPENID header is the identity */
  token: string
  roles: Role[]
  nickname: string
  /** the privacy-notice version this person last agreed to, as the cloud recorded it (0: never) */
  privacyVersion: number
}

export interface PrivacyAgreement {
  privacyVersion: number
  agreedAt: string
}

export interface CheckInResult {
  entry: LedgerEntry
  wallet: Wallet
  capped: boolean
}

export interface WalletResult {
  wallet: Wallet
  today: { day: string; gramsCo2e: number; points: number }
  streakDays: number
  /** Addition to the contract: today's credited grams per factor, to show against each daily cap */
  todayByFactor: { factorId: string; gramsCo2e: number }[]
}

export interface MyDataExport {
  exportedAt: string
  profile: { openid: string; nickname: string; roles: Role[]; createdAt: string }
  wallet: Wallet
  verification: VerifyLedgerResult
  entries: LedgerEntry[]
  redemptions: Redemption[]
  /** Addition (issue 13): the community the person belongs to, and the events they signed up for */
  community: { id: string; name: string } | null
  eventSignups: { eventId: string; title: string; status: 'signed' | 'cancelled' | 'attended'; signedAt: string; attendedAt?: string }[]
}

/** exportMyData's answers (entries oldest first): the first also carries the rest of MyDataExport, the last (nextCursor null) its verification. */
export type MyDataExportPage = { entries: LedgerEntry[]; nextCursor: string | null; verification?: VerifyLedgerResult }
export type MyDataExportFirstPage = MyDataExportPage & Omit<MyDataExport, 'entries' | 'verification'>

export interface LedgerPage {
  entries: LedgerEntry[]
  nextCursor: string | null
}

export interface VerifyLedgerResult {
  ok: boolean
  entries: number
  headHash: string
  firstBadSeq?: number
}

export interface Reward {
  id: string
  title: string
  titleEn?: string
  pointsCost: number
  /** units left to redeem */
  stock: number
  perUserLimit: number
  active: boolean
  /** Additions to the contract */
  description: string
  descriptionEn?: string
  imageUrl?: string
  validDays: number
  /** the caller's pending and fulfilled redemptions of this reward */
  myCount: number
  /** Addition (issue 13): the community that stocks it ('' a city-wide reward) */
  communityId?: string
  /** Addition (issue 24): a merchant's offer, handed out at its counter; and the city's subsidy per voucher in fen */
  merchant?: OfferMerchant & { id: string }
  subsidyFen?: number
}

export type RedemptionStatus = 'pending' | 'fulfilled' | 'cancelled' | 'expired'

export interface Redemption {
  id: string
  rewardId: string
  code: string
  status: RedemptionStatus
  pointsCost: number
  createdAt: string
  expiresAt: string
  /** Additions to the contract */
  rewardTitle: string
  rewardTitleEn?: string
  fulfilledAt?: string
  cancelledAt?: string
  expiredAt?: string
}

export type ReviewStatus = 'open' | 'confirmed' | 'reversed'

export interface ReviewItem {
  id: string
  status: ReviewStatus
  reasons: ('near_cap_weight' | 'station_burst' | 'near_max_speed' | 'shared_code' | 'weighed_below_completion' | (string & {}))[]
  createdAt: string
  /** the resident's nickname, for the organizer's eyes only */
  nickname: string
  entry: LedgerEntry
  decidedAt?: string
  /** on a reversal: the adjust entry that took the credit back */
  adjustEntryId?: string
}

export interface ImpactStats {
  fromDay: string
  toDay: string
  totals: { gramsCo2e: number; checkins: number; participants: number; pointsIssued: number }
  byDay: { day: string; gramsCo2e: number; checkins: number; participants: number }[]
  byFactor: { factorId: string; gramsCo2e: number; checkins: number }[]
  byStation: { stationCode: string; gramsCo2e: number; checkins: number; weightG: number }[]
  redemptionsByReward: { rewardId: string; title: string; titleEn?: string; pending: number; fulfilled: number; cancelled: number; expired: number }[]
}

export interface Project {
  id: string
  title: string
  titleEn?: string
  description: string
  descriptionEn?: string
  goalPoints: number
  raisedPoints: number
  donors: number
  active: boolean
  /** the caller's own donations to it */
  myPoints: number
}

export interface DonationCertificate {
  nickname: string
  projectId: string
  projectTitle: string
  points: number
  day: string
  createdAt: string
  entryId: string
  seq: number
  /** the donation entry's hash: recomputed by verifyLedger as part of the donor's chain */
  entryHash: string
  /** the first 16 hex digits of entryHash, grouped in fours, for showing and reading out */
  verificationCode: string
}

export interface GroupMember {
  /** pseudonymous: the member's openid */
  memberId: string
  nickname: string
  isLeader: boolean
}

export interface Group {
  id: string
  name: string
  isLeader: boolean
  /** only the leader sees the invite code */
  inviteCode?: string
  members: GroupMember[]
}

/** Values and targets are in the metric's natural unit: grams, check-ins, kg or km. */
export interface Challenge {
  id: string
  groupId?: string
  groupName?: string
  title: string
  description: string
  metric: ChallengeMetric
  mode?: Mode
  targetPerMember?: number
  targetGroup?: number
  startDay: string
  endDay: string
  bonusPoints: number
  participants: number
  daysLeft: number
  status: 'upcoming' | 'running' | 'finished'
  joined: boolean
  myValue: number
  myBonusPaid: boolean
  /** completed: with bonus points when the budget paid them (myBonusPaid), a badge alone when it could not */
  myCompleted: boolean
  groupValue?: number
  /** points organizers funded for this challenge's bonuses, and what is left; bonuses stop when it runs out */
  budgetPoints: number
  budgetLeftPoints: number
  /** whether completing it now still pays bonusPoints (else it earns a badge) */
  paysPoints: boolean
}

/** One line of auditEconomy's report: what the books should say, and what they say. */
export interface AuditCheck {
  name: string
  ok: boolean
  expected: number
  actual: number
}

export interface EconomyAudit {
  ok: boolean
  checks: AuditCheck[]
  /** the points in wallets by where they came from */
  pointsIssued: number
  carbonPoints: number
  budgetSpent: number
}

export interface LeaderboardRow {
  rank: number
  nickname: string
  value: number
  isMe: boolean
  reached: boolean
}

export interface Leaderboard {
  challengeId: string
  participants: number
  rows: LeaderboardRow[]
  me: LeaderboardRow | null
  groups: { groupId: string; name: string; value: number }[]
}

export interface ReminderSettings {
  kinds: ReminderKind[]
  /** sends WeChat granted and not used yet, per kind (0 on H5: reminders there go to the inbox) */
  sends: Record<ReminderKind, number>
}

export interface InboxMessage {
  id: string
  kind: ReminderKind
  /** what the message says, filled into its text in the resident's language (src/i18n) */
  params: Record<string, string | number>
  /** when it was due, Asia/Shanghai ISO */
  dueAt: string
  read: boolean
  /** also sent through WeChat's subscribe message */
  sentByWeChat: boolean
}

export interface Inbox {
  messages: InboxMessage[]
  unread: number
}

export type BadgeId = 'first_checkin' | 'kg10' | 'streak7' | 'challenge_done'

export interface Achievements {
  streakDays: number
  longestStreakDays: number
  /** earnedDay: the Asia/Shanghai day it was earned, or null when earned before the days looked back over */
  badges: { id: BadgeId; earned: boolean; earnedDay: string | null }[]
}

/** Issue 13: a community residents belong to and organizers run. */
export interface Community {
  id: string
  name: string
  nameEn?: string
}

/** What an organizer acts on: one community, or (null) the whole city. */
export interface OrganizerScopeView {
  communityId: string | null
}

export interface MyCommunity {
  community: Community | null
  /** the first Asia/Shanghai day a change is allowed again; null: now */
  nextChangeDay: string | null
  /** present for organizers */
  organizerScope?: OrganizerScopeView
  /** events offered to the resident that are not over (at most 20): what Home shows */
  upcomingEvents: number
}

/** What anyone may see of a ledger entry: never who it belongs to. */
export interface PublicEntry {
  type: LedgerEntry['type']
  day: string
  gramsCo2e: number
  /** for a donation, the points given (positive) */
  points: number
  seq: number
  hash: string
  factorId?: string
  projectId?: string
  projectTitle?: string
}

export interface PublicVerification {
  /** the code names exactly one entry whose hash recomputes from what it records, linked into its chain */
  genuine: boolean
  /** what the check found, a stable key the app words in the reader's language (`message` is English) */
  verdict: 'genuine' | 'unknownCode' | 'ambiguousCode' | 'altered' | 'unlinked'
  entry?: PublicEntry
  /** why it is not genuine, or what was checked */
  message: string
}

/** A public-welfare event as a resident or its organizer sees it. */
export interface CommunityEvent {
  id: string
  communityId: string
  title: string
  titleEn?: string
  place: string
  startsAt: string
  endsAt: string
  slots: number
  taken: number
  rewardPoints: number
  cancelled: boolean
  /** the caller's place: none, signed up, given back, or attended (and paid) */
  myStatus: 'none' | 'signed' | 'cancelled' | 'attended'
  /** issue 21: attendance also needs the phone within radiusM of here (a second factor beside the code, not proof) */
  location?: { latitude: number; longitude: number; radiusM: number }
}

/** Every cloud function: its request `data` and its `result`. */
export interface CloudFunctions extends PartnerFunctions, MerchantFunctions {
  login: { req: LoginRequest; res: LoginResult }
  agreePrivacy: { req: AgreePrivacyRequest; res: PrivacyAgreement }
  getMethodology: { req: EmptyRequest; res: Methodology }
  listStations: { req: ListStationsRequest; res: { stations: Station[] } }
  checkIn: { req: CheckInRequest; res: CheckInResult }
  getWallet: { req: EmptyRequest; res: WalletResult }
  listLedger: { req: ListLedgerRequest; res: LedgerPage }
  verifyLedger: { req: EmptyRequest; res: VerifyLedgerResult }
  listRewards: { req: EmptyRequest; res: { rewards: Reward[] } }
  upsertReward: { req: UpsertRewardRequest; res: { reward: Reward } }
  redeem: { req: RedeemRequest; res: { redemption: Redemption; wallet: Wallet } }
  cancelRedemption: { req: RedemptionIdRequest; res: { redemption: Redemption; wallet: Wallet } }
  verifyRedemption: { req: VerifyRedemptionRequest; res: { redemption: Redemption } }
  listMyRedemptions: { req: EmptyRequest; res: { redemptions: Redemption[] } }
  listReviewQueue: { req: ListReviewQueueRequest; res: { items: ReviewItem[] } }
  decideReview: { req: DecideReviewRequest; res: { item: ReviewItem } }
  getImpactStats: { req: DayRangeRequest; res: ImpactStats }
  exportImpactCsv: { req: DayRangeRequest; res: { filename: string; csv: string } }
  upsertProject: { req: UpsertProjectRequest; res: { project: Project } }
  listProjects: { req: EmptyRequest; res: { projects: Project[] } }
  donate: { req: DonateRequest; res: { entry: LedgerEntry; project: Project; wallet: Wallet } }
  getDonationCertificate: { req: CertificateRequest; res: { certificate: DonationCertificate } }
  getDailySeries: { req: DailySeriesRequest; res: { days: { day: string; gramsCo2e: number; points: number }[] } }
  exportMyData: { req: ExportMyDataRequest; res: MyDataExportFirstPage | MyDataExportPage }
  deleteAccount: { req: DeleteAccountRequest; res: { deleted: true } }
  updateProfile: { req: UpdateProfileRequest; res: { nickname: string } }
  createGroup: { req: CreateGroupRequest; res: { group: Group } }
  joinGroup: { req: JoinGroupRequest; res: { group: Group } }
  listMyGroups: { req: EmptyRequest; res: { groups: Group[] } }
  leaveGroup: { req: GroupIdRequest; res: { left: true } }
  removeMember: { req: RemoveMemberRequest; res: { group: Group } }
  rotateInviteCode: { req: GroupIdRequest; res: { group: Group } }
  createChallenge: { req: CreateChallengeRequest; res: { challenge: Challenge } }
  joinChallenge: { req: ChallengeIdRequest; res: { challenge: Challenge } }
  listChallenges: { req: ListChallengesRequest; res: { challenges: Challenge[] } }
  getChallenge: { req: ChallengeIdRequest; res: { challenge: Challenge } }
  getLeaderboard: { req: LeaderboardRequest; res: Leaderboard }
  getAchievements: { req: EmptyRequest; res: Achievements }
  getReminders: { req: EmptyRequest; res: ReminderSettings }
  setReminders: { req: SetRemindersRequest; res: ReminderSettings }
  listInbox: { req: EmptyRequest; res: Inbox }
  markInboxRead: { req: MarkInboxReadRequest; res: Inbox }
  fundChallenge: { req: FundChallengeRequest; res: { challenge: Challenge } }
  syncSteps: { req: SyncStepsRequest; res: SyncStepsResult }
  devWeRunData: { req: DevWeRunDataRequest; res: { encryptedData: string; iv: string } }
  stationDisplayCode: { req: StationCodeRequest; res: { stationCode: string; code: string; windowStartMs: number; windowMs: number } }
  auditEconomy: { req: EmptyRequest; res: EconomyAudit }
  listCommunities: { req: EmptyRequest; res: { communities: Community[] } }
  upsertCommunity: { req: UpsertCommunityRequest; res: { community: Community } }
  getMyCommunity: { req: EmptyRequest; res: MyCommunity }
  setMyCommunity: { req: SetMyCommunityRequest; res: MyCommunity }
  grantOrganizer: { req: GrantOrganizerRequest; res: { openid: string; organizerScope: OrganizerScopeView | null } }
  upsertStation: { req: UpsertStationRequest; res: { station: Station } }
  retireStation: { req: RetireStationRequest; res: { station: Station } }
  verifyPublic: { req: VerifyPublicRequest; res: PublicVerification }
  getCityDashboard: { req: EmptyRequest; res: CityDashboard }
  createEvent: { req: CreateEventRequest; res: { event: CommunityEvent } }
  listEvents: { req: ListEventsRequest; res: { events: CommunityEvent[] } }
  signUpEvent: { req: EventIdRequest; res: { event: CommunityEvent } }
  cancelEventSignup: { req: EventIdRequest; res: { event: CommunityEvent } }
  eventDisplayCode: { req: EventIdRequest; res: { eventId: string; code: string; windowStartMs: number; windowMs: number } }
  attendEvent: { req: AttendEventRequest; res: { event: CommunityEvent; entry?: LedgerEntry; wallet: Wallet } }
  exportEventCsv: { req: EventIdRequest; res: { filename: string; csv: string } }
  cancelEvent: { req: EventIdRequest; res: { event: CommunityEvent } }
  getTreasury: { req: EmptyRequest; res: TreasuryView }
  issuePoints: { req: IssuePointsRequest; res: TreasuryView }
  allocatePoints: { req: AllocatePointsRequest; res: TreasuryView }
}

export type FunctionName = keyof CloudFunctions
export type RequestOf<N extends FunctionName> = CloudFunctions[N]['req']
export type ResultOf<N extends FunctionName> = CloudFunctions[N]['res']
