/**
 * The storage port the cloud functions write through. Every operation answers asynchronously, so a networked
 * engine (MySQL, TiDB) implements it as naturally as embedded SQLite; a credit is one `transaction`, which the
 * adapter may retry as a whole on a deadlock or serialisation conflict (every write is keyed by its requestId,
 * so a retry cannot double anything). Inside a transaction only its `tx` is used.
 */
import type { EconomyTotals } from '../../src/core/economy'
import type { ReminderKind } from '../../src/core/reminders'
import type { Trip } from '../../src/core/farming'
import type { StationDrop } from '../../src/core/review'
import type { ImpactStats, LedgerEntry, Methodology, RedemptionStatus, ReviewItem, ReviewStatus, Role, Station, Wallet } from '../../src/contract/types'

export interface UserRecord {
  openid: string
  handle: string
  nickname: string
  roles: Role[]
  createdAt: string
  /** an organizer grant made by `npm run admin` is in force (read with the person, in the same query) */
  organizerGrant?: boolean
  /** the community that grant is for; null: the whole city */
  organizerCommunityId?: string | null
}

export interface CommunityRecord {
  id: string
  name: string
  createdAt: string
}

export interface EventRecord {
  id: string
  communityId: string
  title: string
  place: string
  startsMs: number
  endsMs: number
  slots: number
  /** places taken by residents signed up or attended */
  taken: number
  rewardPoints: number
  budgetPoints: number
  budgetSpent: number
  /** signs the rotating attendance code; never leaves the cloud */
  secret: string
  creator: string
  createdAt: string
  cancelledAt?: string
  /** where attendance is checked, if it is (micro-degrees are the stored form; these are degrees) */
  location?: { latitude: number; longitude: number; radiusM: number }
}

export type SignupStatus = 'signed' | 'cancelled' | 'attended'

export interface SignupRecord {
  eventId: string
  openid: string
  status: SignupStatus
  signedAt: string
  attendedAt?: string
  bonusEntryId?: string
  /** how far from the event's place the phone reported itself at attendance (for an event that checks it) */
  distanceM?: number
}

/** A person's community ('' none) and when they last chose it; kept on their wallet row. */
export interface PersonCommunity {
  communityId: string
  setMs: number | null
}

export interface OrganizerGrantRecord {
  openid: string
  grantedAt: string
  /** set when revoked; a new grant clears it */
  revokedAt?: string
  /** the community the grant is for; absent: the whole city */
  communityId?: string
}

export interface RequestRecord {
  fn: string
  payloadHash: string
  /** what the request produced: an entry id, a redemption id… */
  resultRef: string
  capped: boolean
}

export interface WalletRecord extends Wallet {
  pointsHeld: number
  headSeq: number
  headHash: string
  /** set when its owner deleted the account: no more writes of theirs */
  closedAt?: string
}

export interface RewardSeed {
  id: string
  title: string
  description: string
  pointsCost: number
  stock: number
  perUserLimit: number
  validDays: number
}

export interface RewardRecord {
  id: string
  title: string
  description: string
  imageUrl?: string
  pointsCost: number
  stock: number
  perUserLimit: number
  validDays: number
  active: boolean
  /** the community that stocks it; '' a city-wide reward */
  communityId: string
}

export interface RedemptionRecord {
  id: string
  openid: string
  rewardId: string
  rewardTitle: string
  code: string
  status: RedemptionStatus
  pointsCost: number
  createdAt: string
  expiresAt: string
  expiresAtMs: number
  fulfilledAt?: string
  verifiedBy?: string
  cancelledAt?: string
  expiredAt?: string
}

export interface ReviewRecord {
  id: string
  entryId: string
  openid: string
  reasons: ReviewItem['reasons']
  status: ReviewStatus
  createdAt: string
  decidedBy?: string
  decidedAt?: string
  adjustEntryId?: string
  /** the community of the person when the check-in was made (who may review it) */
  communityId: string
  /** the points this review holds in the person's wallet: released exactly, whatever else is held */
  heldPoints: number
}

/** An issuance into the city's treasury: who, when, why, and the month whose cap it counts against. */
export interface IssuanceRecord {
  id: string
  openid: string
  points: number
  reason: string
  month: string
  createdAt: string
}

/** Points moved from the treasury into a purse: a community's allowance, or '' the city's own. */
export interface AllocationRecord {
  id: string
  purse: string
  openid: string
  points: number
  reason: string
  createdAt: string
}

/** Points drawn from a purse into a challenge's or an event's budget. */
export interface FundingRecord {
  id: string
  budgetId: string
  purse: string
  openid: string
  points: number
  createdAt: string
}

/** What a budget gave back to its purse when it closed. */
export type BudgetReturnRecord = FundingRecord

export interface PurseRecord {
  purse: string
  grantedPoints: number
  spentPoints: number
}

/** A challenge's or an event's budget, as the sweep that closes it sees it. */
export interface OpenBudget {
  table: 'challenges' | 'events'
  id: string
  budgetPoints: number
  budgetSpent: number
}

export interface ReviewHoldRecord {
  reviewId: string
  /** the bonus entry */
  entryId: string
  openid: string
  challengeId: string
  points: number
}

export interface ProjectRecord {
  id: string
  title: string
  description: string
  goalPoints: number
  active: boolean
}

export interface GroupRecord {
  id: string
  name: string
  inviteCode: string
  leader: string
  createdAt: string
  /** set when its last member left (the leader deleted their account and nobody was left to lead) */
  closedAt?: string
}

export interface ChallengeRecord {
  id: string
  groupId?: string
  creator: string
  title: string
  description: string
  metric: 'gramsCo2e' | 'checkins' | 'recyclingKg' | 'travelKm'
  mode?: string
  /** integer units: grams, check-ins, weight grams or metres */
  targetMember?: number
  targetGroup?: number
  startDay: string
  endDay: string
  bonusPoints: number
  createdAt: string
  /** points organizers funded for bonuses, and how many of them were paid out (never more) */
  budgetPoints: number
  budgetSpent: number
}

export interface ParticipantRecord {
  challengeId: string
  openid: string
  groupId?: string
  joinedMs: number
  value: number
  valueMs: number
  /** the part of `value` from check-ins still under review: it completes nothing until confirmed */
  pendingValue?: number
  bonusEntryId?: string
  /** when the person completed it: with a bonus entry when the budget paid, a badge alone when it could not */
  completedMs?: number
  /** set when the person left the challenge's group: no more progress, off the board */
  leftMs?: number
}

export type { EconomyTotals } from '../../src/core/economy'

/** pending: waiting to be due; sending: claimed by a sender; sent: delivered by WeChat; inbox: due, shown in the
 * app only (no send granted); unknown: the send's outcome was lost, so it is never tried again; failed: WeChat
 * refused it every time; cancelled: made moot before it was due */
export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'inbox' | 'unknown' | 'failed' | 'cancelled'

export interface ReminderRecord {
  id: string
  openid: string
  kind: ReminderKind
  ref: string
  dueMs: number
  params: Record<string, string | number>
  status: ReminderStatus
  attempts: number
  nextMs: number
  deliveredAt?: string
  readAt?: string
}

/** A value a conditional update compares or writes. */
export type CellValue = string | number | null

/**
 * One compare-and-set on a row: `column` moves from one of `from` to `to` (with `set` written in the same
 * statement) where the row's key matches, or nothing moves. Table and column names come from the engine's
 * list of writable columns, never from input.
 */
export interface TransitionSpec {
  table: string
  key: Record<string, string>
  column: string
  from: readonly CellValue[]
  to: CellValue
  set?: Record<string, CellValue>
}

/** One bounded move of a counter column: `column + delta` stays within `min` and `max` (each a number or another column of the row), or nothing moves. */
export interface MoveSpec {
  table: string
  key: Record<string, string>
  column: string
  delta: number
  min?: number | string
  max?: number | string
}

/** The operations, as an engine that answers synchronously (SQLite) performs them. */
export interface StorageOps {
  /**
   * The one conditional update of a state or a bounded counter, answering how many rows moved (0 or 1).
   * Only mock/transitions.ts calls these: it refuses 0 (or, for a claim, says so), so an unchecked state change
   * cannot be written (ESLint keeps every other file off them).
   */
  applyTransition(t: TransitionSpec): number
  applyMove(m: MoveSpec): number

  getMeta(key: string): string | undefined
  setMeta(key: string, value: string): void
  /** writes the value only if the key has none yet (the first of racing writers wins) */
  setMetaIfAbsent(key: string, value: string): void

  findUserByHandle(handle: string): UserRecord | undefined
  findUser(openid: string): UserRecord | undefined
  insertUser(user: UserRecord): void

  /** WeChat's session_key for this person, replaced at each WeChat login; it never leaves the server */
  saveWeChatSessionKey(openid: string, sessionKey: string, at: string): void
  getWeChatSessionKey(openid: string): string | undefined

  /** organizer grants made by `npm run admin`; each change is also kept in a history with when */
  /** a grant for one community, or (communityId null) the whole city; granting again changes the scope */
  setOrganizerGrant(openid: string, granted: boolean, at: string, communityId?: string | null): boolean
  hasOrganizerGrant(openid: string): boolean
  listOrganizerGrants(): OrganizerGrantRecord[]

  /** the privacy-notice version this person last agreed to (0 when never) */
  getPrivacyVersion(openid: string): number
  getPrivacyAgreement(openid: string): { version: number; agreedAt: string } | undefined
  recordPrivacyAgreement(openid: string, version: number, at: string): void

  saveMethodology(methodology: Methodology): void
  getMethodology(version: string): Methodology | undefined

  /** seeds a station unless its code exists */
  upsertStation(station: Station): void
  /** creates or replaces a station's details (code is the key) */
  saveStation(station: Station): void
  listStations(): Station[]
  getStation(code: string): Station | undefined

  seedReward(reward: RewardSeed): void
  getReward(id: string): RewardRecord | undefined
  listRewards(includeInactive: boolean): RewardRecord[]
  saveReward(reward: RewardRecord): void

  insertRedemption(r: RedemptionRecord): void
  getRedemption(id: string): RedemptionRecord | undefined
  getRedemptionByCode(code: string): RedemptionRecord | undefined
  listRedemptions(openid: string): RedemptionRecord[]
  /** the caller's pending + fulfilled redemptions of each reward: counter rows, read by key */
  heldRedemptionCounts(openid: string): Map<string, number>
  /** moves one person's count of one reward (src/core/counters holdingDelta says by how much) */
  addRewardHolding(openid: string, rewardId: string, delta: number): void
  duePendingRedemptions(nowMs: number, limit: number): RedemptionRecord[]

  /** one person's recent drops at one station (src/core/review decides what a burst is and what to keep) */
  stationDrops(openid: string, stationCode: string): StationDrop[]
  saveStationDrops(openid: string, stationCode: string, drops: StationDrop[]): void
  insertReview(r: ReviewRecord): void
  /** a bonus a flagged check-in triggered, held with it until its review is decided */
  insertReviewHold(h: ReviewHoldRecord): void
  reviewHolds(reviewId: string): ReviewHoldRecord[]
  getReview(id: string): ReviewRecord | undefined
  /** newest first; only one community's when communityId is given */
  listReviews(status: ReviewStatus, limit: number, communityId?: string): ReviewRecord[]
  /** an organizer's report (a read outside any transaction); one community's when communityId is given */
  impactStats(fromDay: string, toDay: string, communityId?: string): Omit<ImpactStats, 'fromDay' | 'toDay'>

  saveProject(p: ProjectRecord): void
  getProject(id: string): ProjectRecord | undefined
  listProjects(includeInactive: boolean): ProjectRecord[]
  /** raised points and distinct donors per project: the sum of its slots */
  projectTotals(): Map<string, { raisedPoints: number; donors: number }>
  donatedBy(openid: string): Map<string, number>
  /** records a donation: the person's own total, and the project's slot (raised, and donors when first) */
  addDonation(projectId: string, openid: string, slot: number, points: number): void

  insertGroup(g: GroupRecord): void
  getGroup(id: string): GroupRecord | undefined
  getGroupByInvite(code: string): GroupRecord | undefined
  setInviteCode(groupId: string, code: string): void
  addMember(groupId: string, openid: string, at: string): boolean
  removeMember(groupId: string, openid: string): boolean
  isMember(groupId: string, openid: string): boolean
  groupMembers(groupId: string): { openid: string; nickname: string }[]
  groupsOf(openid: string): GroupRecord[]

  insertChallenge(c: ChallengeRecord): void
  getChallenge(id: string): ChallengeRecord | undefined
  /** open challenges plus those of the given groups, newest first */
  visibleChallenges(groupIds: string[], limit: number): ChallengeRecord[]
  /** inserts a participant: false when the person already has a row (joined, or joined and left) */
  addParticipant(p: ParticipantRecord): boolean
  /** a person who left comes back: progress starts again from zero at joinedMs; a paid bonus stays paid */
  rejoinParticipant(challengeId: string, openid: string, groupId: string | null, joinedMs: number): boolean
  /** the person's group for this challenge changes (an open challenge counts their group, if any) */
  setParticipantGroup(challengeId: string, openid: string, groupId: string | null): void
  markParticipantLeft(challengeId: string, openid: string, atMs: number): void
  getParticipant(challengeId: string, openid: string): ParticipantRecord | undefined
  participationsOf(openid: string): ParticipantRecord[]
  /** adds delta to a participant's value and pendingDelta to the part under review; valueMs moves only when the value grows */
  addToParticipant(challengeId: string, openid: string, delta: number, atMs: number, pendingDelta?: number): void
  /** who funded a challenge's budget (a handful of organizers: its funding records) */
  fundersOf(challengeId: string): string[]
  /** the fundings of one budget (a handful) */
  fundingsOf(budgetId: string): FundingRecord[]
  /** a funding record; the budget itself moves by a checked move in the same transaction */
  insertFunding(f: FundingRecord): void
  insertBudgetReturn(r: BudgetReturnRecord): void
  /** the rows an issuance, an allocation or a draw moves, made once (the treasury, this month's, the purse) */
  ensureTreasuryRows(month: string, purse: string): void
  treasuryTotals(): { issuedPoints: number; allocatedPoints: number }
  /** points issued in one month (its counter row) */
  monthIssued(month: string): number
  /** issuance per month from `fromMonth` on, oldest first (one row a month) */
  issuanceByMonth(fromMonth: string): { month: string; points: number }[]
  insertIssuance(r: IssuanceRecord): void
  insertAllocation(r: AllocationRecord): void
  getPurse(purse: string): PurseRecord | undefined
  /** every purse (one per community that was ever allocated to, and the city's) */
  listPurses(): PurseRecord[]
  recentIssuances(limit: number): IssuanceRecord[]
  /** newest first; of one purse when it is given */
  recentAllocations(purse: string | undefined, limit: number): AllocationRecord[]
  /** events called off or over, and challenges over by `challengeEndDay`, whose budget has not been closed yet */
  budgetsToClose(nowMs: number, challengeEndDay: string, limit: number): OpenBudget[]
  /** the whole database's books, for auditEconomy (a report: it reads everything) */
  economyTotals(): EconomyTotals
  /** moves the challenge's participant count in the person's slot */
  addChallengeParticipants(challengeId: string, slot: number, delta: number): void
  /** participants still in: the sum of the challenge's slots */
  participantCount(challengeId: string): number
  /** a group's value in a challenge (and the part of it under review): a counter row written by its members' entries */
  addGroupValue(challengeId: string, groupId: string, delta: number, pendingDelta?: number): void
  groupValue(challengeId: string, groupId: string): { value: number; pending: number }
  /** members of one group in a challenge who are still in and not yet paid (bounded by the group's size) */
  unpaidParticipants(challengeId: string, groupId: string): ParticipantRecord[]
  topParticipants(challengeId: string, limit: number): (ParticipantRecord & { nickname: string })[]
  /** participants strictly ahead: higher value, or equal value reached earlier */
  rankOf(challengeId: string, value: number, valueMs: number): number
  groupTotals(challengeId: string): { groupId: string; name: string; value: number }[]
  /** when the person first completed a challenge (ms), or null */
  firstCompletionMs(openid: string): number | null

  saveRequest(openid: string, requestId: string, record: RequestRecord): void

  /**
   * Serialises everything that reads and then writes one person's wallet, caps, limits and requests: the first
   * operation of such a transaction (and of every append). Engines that run one transaction at a time need
   * no lock; row-locking engines lock the person's wallet row until the transaction ends. Answers the wallet
   * as this transaction sees it and, given a requestId, that request's earlier record (one round trip).
   */
  lockPerson(openid: string, requestId?: string): { wallet: WalletRecord; request?: RequestRecord }
  getWallet(openid: string): WalletRecord
  /** moves the person's held points (flagged check-ins waiting for review); after lockPerson, in its transaction */
  addHeldPoints(openid: string, delta: number): void
  /** Inserts the entry and stores the wallet it produces, which the caller computed from the previous one. */
  /** communityId: the community the entry counts for (stamped on its row, not hashed) */
  appendEntry(openid: string, entry: LedgerEntry, wallet: Wallet, communityId: string): void
  getEntryAt(openid: string, seq: number): LedgerEntry | undefined
  /** entries whose hash starts with the lowercase hex prefix (a certificate's code), by index */
  entriesByHashPrefix(prefix: string, limit: number): (LedgerEntry & { openid: string })[]

  saveCommunity(c: CommunityRecord): void
  getCommunity(id: string): CommunityRecord | undefined
  listCommunities(): CommunityRecord[]
  /** read from the wallet row (the locked one, inside a transaction that locked the person) */
  communityOf(openid: string): PersonCommunity
  /** the person's wallet must be locked first (lockPerson) */
  setCommunity(openid: string, communityId: string, atMs: number): void
  /** residents taking part and all-time grams, in the person's slot */
  addCommunityCounters(communityId: string, slot: number, residents: number, grams: number): void
  addCommunityDayGrams(communityId: string, day: string, slot: number, grams: number): void
  /** the counters summed over their slots: communities × slots rows, never the ledger */
  communityTotals(): { communityId: string; residents: number; gramsCo2e: number }[]
  communityDayGrams(fromDay: string, toDay: string): { communityId: string; day: string; gramsCo2e: number }[]

  /** a new event with no budget yet (its funding moves it, in the same transaction) */
  insertEvent(e: EventRecord): void
  getEvent(id: string): EventRecord | undefined
  /**
   * Events not yet over, soonest first: of one community and the city-wide ones (withCity), of one community
   * only, or (communityId undefined) all. Bounded by limit.
   */
  listEvents(communityId: string | undefined, withCity: boolean, endsAfterMs: number, limit: number): EventRecord[]
  getSignup(eventId: string, openid: string): SignupRecord | undefined
  /** a first sign-up (later changes of its status are checked transitions) */
  insertSignup(s: SignupRecord): void
  /** one person's sign-ups with their events' titles, newest first (their data export) */
  signupsOf(openid: string, limit: number): (SignupRecord & { title: string })[]
  /** the attendance list, with nicknames (at most an event's places) */
  eventSignups(eventId: string, limit: number): (SignupRecord & { nickname: string })[]
  getEntry(openid: string, id: string): LedgerEntry | undefined
  /**
   * A person's counter rows for a day, one query: grams credited under a cap key (src/core/steps capKeyOf), across
   * all factors, and the two walking sources (claimed by manual walks, verified by steps). Not sums over the ledger.
   */
  dayCounters(
    openid: string,
    day: string,
    capKey: string,
    selfKey?: string,
  ): { factorGrams: number; dayGrams: number; walkClaimedGrams: number; stepsVerifiedGrams: number; selfReportedGrams: number; selfReportedTotalGrams: number }
  /**
   * A hint, before lockPerson: the transaction will read these day counters. An engine that pays per round trip
   * reads them in the same packet as the lock, right after it; answers nothing.
   */
  prefetchDayCounters(openid: string, day: string, capKey: string, selfKey?: string): void
  /** a station's secret for its rotating display code (never leaves the cloud) */
  stationSecret(code: string): string | undefined
  setStationSecretIfAbsent(code: string, secret: string): void
  /** records a person's use of a display code: false if they already used this station's code of this window */
  useDisplayCode(openid: string, stationCode: string, window: number): boolean
  /** which entry a display code's use credited */
  noteDisplayUse(openid: string, stationCode: string, window: number, entryId: string): void
  /** counts one more resident on a station's code window and answers how many have used it */
  addDisplayWindowUse(stationCode: string, window: number): number
  /** the entries credited with one station's code window (at most `limit`) */
  displayWindowEntries(stationCode: string, window: number, limit: number): { openid: string; entryId: string }[]
  /** the review of an entry, if it has one */
  reviewOfEntry(entryId: string): ReviewRecord | undefined
  /** the reminder kinds the person opted into (read with the wallet's lock when the transaction holds it) */
  reminderKinds(openid: string): ReminderKind[]
  setReminderKinds(openid: string, kinds: ReminderKind[]): void
  /** sends WeChat granted (one per accepted subscribe message), per kind */
  reminderCredits(openid: string): Partial<Record<ReminderKind, number>>
  addReminderCredit(openid: string, kind: ReminderKind, credits: number): void
  /** takes one granted send, if there is one; in the claiming transaction */
  takeReminderCredit(openid: string, kind: ReminderKind): boolean
  /** writes a pending reminder unless one with its id exists (a retried transaction writes nothing twice) */
  scheduleReminder(r: Omit<ReminderRecord, 'status' | 'attempts' | 'nextMs'>): void
  /**
   * Cancels a reminder not claimed yet; with `tombstone`, when there is none yet, leaves a cancelled one so the
   * same id is never scheduled later (a back-dated check-in must not set a reminder for a day already done).
   */
  cancelReminder(r: { id: string; openid: string; kind: ReminderKind; ref: string }, tombstone: boolean): void
  /** pending reminders whose time has come, oldest first, at most `limit` (the sender's read, outside a transaction) */
  dueReminders(nowMs: number, limit: number): ReminderRecord[]
  /** claims a pending reminder that is due: false when another sender has it or it was cancelled */
  claimReminder(id: string, nowMs: number): boolean
  /** records how a claimed reminder ended, or puts it back as pending for `nextMs` */
  finishReminder(id: string, status: ReminderStatus, at: string, nextMs?: number): void
  /** claims left by a sender that stopped mid-send: their outcome is unknown, and they are never sent again */
  abandonSending(): number
  /** a person's due reminders, newest first (cancelled ones never show) */
  inbox(openid: string, nowMs: number, limit: number): ReminderRecord[]
  markRead(openid: string, ids: string[], at: string): void
  /** one person's recent trips (src/core/farming decides overlaps and what to keep) */
  recentTrips(openid: string): Trip[]
  saveTrips(openid: string, trips: Trip[]): void
  /** moves a counter row (a cap key, the day total, a walking source); in the entry's transaction */
  addCreditedGrams(openid: string, factorId: string, day: string, grams: number): void
  dayTotals(openid: string, day: string): { gramsCo2e: number; points: number }
  /** credited grams (check-ins and their reversals) per factor on one day */
  dayByFactor(openid: string, day: string): { factorId: string; gramsCo2e: number }[]
  /** per-day check-in grams and points over [fromDay, toDay] */
  daySeries(openid: string, fromDay: string, toDay: string): { day: string; gramsCo2e: number; points: number }[]
  setNickname(openid: string, nickname: string): void
  /** Forgets who a person was: the handle and nickname go, the pseudonymous ledger stays. */
  anonymiseUser(openid: string, at: string): void
  /** a deleted identity's limits (src/core/departure), under its keyed hash */
  departedLimits(identityHash: string): { carried: string; untilMs: number | null } | undefined
  saveDepartedLimits(identityHash: string, carried: string, untilMs: number | null, at: string): void
  forgetDeparted(identityHash: string): void
  /** forgets the departed identities whose every limit has ended; returns how many */
  purgeDeparted(nowMs: number): number
  /** every day counter row of a person from `fromDay` on (a handful of keys a day) */
  dayCountersSince(openid: string, fromDay: string): { day: string; key: string; grams: number }[]
  /** every station's recent-drops row of a person */
  stationDropsOf(openid: string): { stationCode: string; drops: StationDrop[] }[]
  /** display codes a person used from window `fromWindow` on */
  displayUsesSince(openid: string, fromWindow: number): { stationCode: string; window: number }[]
  /** what a person is not paid by (an event they ran, a challenge they made or funded, under an earlier account) */
  isUnpaidBy(openid: string, ref: string): boolean
  insertUnpaidBy(openid: string, ref: string, untilMs: number): void
  /** challenges a person created or funded that may still pay, and events they created that are not over */
  refsRunBy(openid: string, today: string, nowMs: number): { ref: string; endDay?: string; endsMs?: number }[]
  /** a challenge completed under an earlier account of the same identity: no progress, no place on the board */
  insertCarriedParticipant(challengeId: string, openid: string, completedMs: number, atMs: number): void
  checkInDaysSince(openid: string, sinceDay: string): string[]
  /** newest first, seq strictly below `beforeSeq` */
  listEntries(openid: string, beforeSeq: number, limit: number): LedgerEntry[]
  /** oldest first: for verification and export */
  allEntries(openid: string): LedgerEntry[]
}

/** The operations as the cloud functions see them: each answers with a promise. */
export type AsyncOps = {
  [K in keyof StorageOps]: (...args: Parameters<StorageOps[K]>) => Promise<ReturnType<StorageOps[K]>>
}

export interface StoragePort extends AsyncOps {
  /** Runs fn as one transaction (all of it or nothing), retried as a whole on conflicts; fn uses only `tx`. */
  transaction<T>(fn: (tx: AsyncOps) => Promise<T>): Promise<T>
  /**
   * After an erasure has committed: pushes what it overwrote out of the engine's own log where the engine allows
   * (SQLite: a TRUNCATE checkpoint of the WAL; MySQL keeps its redo log and binary log to its own retention).
   */
  eraseFreedSpace(): Promise<void>
  close(): Promise<void>
}
