import { cancelEvent } from './cancelEvent'
import { getTreasury } from './getTreasury'
import { issuePoints } from './issuePoints'
import { allocatePoints } from './allocatePoints'
import { createEvent } from './createEvent'
import { listEvents } from './listEvents'
import { signUpEvent } from './signUpEvent'
import { cancelEventSignup } from './cancelEventSignup'
import { eventDisplayCode } from './eventDisplayCode'
import { attendEvent } from './attendEvent'
import { exportEventCsv } from './exportEventCsv'
import { listCommunities } from './listCommunities'
import { upsertCommunity } from './upsertCommunity'
import { getMyCommunity } from './getMyCommunity'
import { setMyCommunity } from './setMyCommunity'
import { grantOrganizer } from './grantOrganizer'
import { upsertStation } from './upsertStation'
import { retireStation } from './retireStation'
import { verifyPublic } from './verifyPublic'
import { getCityDashboard } from './getCityDashboard'
import { createGroup } from './createGroup'
import { joinGroup } from './joinGroup'
import { listMyGroups } from './listMyGroups'
import { leaveGroup } from './leaveGroup'
import { removeMember } from './removeMember'
import { rotateInviteCode } from './rotateInviteCode'
import { createChallenge } from './createChallenge'
import { joinChallenge } from './joinChallenge'
import { listChallenges } from './listChallenges'
import { getChallenge } from './getChallenge'
import { getLeaderboard } from './getLeaderboard'
import { getAchievements } from './getAchievements'
import { getReminders } from './getReminders'
import { setReminders } from './setReminders'
import { listInbox } from './listInbox'
import { markInboxRead } from './markInboxRead'
import { fundChallenge } from './fundChallenge'
import { auditEconomy } from './auditEconomy'
import { syncSteps } from './syncSteps'
import { devWeRunData } from './devWeRunData'
import { stationDisplayCode } from './stationDisplayCode'
import type { FunctionName } from '../../src/contract/types'
import type { CloudFunction } from '../function'
import { cancelRedemption } from './cancelRedemption'
import { checkIn } from './checkIn'
import { decideReview } from './decideReview'
import { deleteAccount } from './deleteAccount'
import { donate } from './donate'
import { exportImpactCsv } from './exportImpactCsv'
import { exportMyData } from './exportMyData'
import { getDailySeries } from './getDailySeries'
import { getDonationCertificate } from './getDonationCertificate'
import { getImpactStats } from './getImpactStats'
import { getMethodology } from './getMethodology'
import { getWallet } from './getWallet'
import { listLedger } from './listLedger'
import { listMyRedemptions } from './listMyRedemptions'
import { listProjects } from './listProjects'
import { listReviewQueue } from './listReviewQueue'
import { listRewards } from './listRewards'
import { listStations } from './listStations'
import { login } from './login'
import { agreePrivacy } from './agreePrivacy'
import { redeem } from './redeem'
import { updateProfile } from './updateProfile'
import { upsertProject } from './upsertProject'
import { upsertReward } from './upsertReward'
import { verifyLedger } from './verifyLedger'
import { verifyRedemption } from './verifyRedemption'

type Registry = { [N in FunctionName]: CloudFunction<N> }

export const FUNCTIONS: Registry = {
  login,
  agreePrivacy,
  getMethodology,
  listStations,
  checkIn,
  getWallet,
  listLedger,
  verifyLedger,
  listRewards,
  upsertReward,
  redeem,
  cancelRedemption,
  verifyRedemption,
  listMyRedemptions,
  listReviewQueue,
  decideReview,
  getImpactStats,
  exportImpactCsv,
  upsertProject,
  listProjects,
  donate,
  getDonationCertificate,
  getDailySeries,
  exportMyData,
  deleteAccount,
  updateProfile,
  createGroup,
  joinGroup,
  listMyGroups,
  leaveGroup,
  removeMember,
  rotateInviteCode,
  createChallenge,
  joinChallenge,
  listChallenges,
  getChallenge,
  getLeaderboard,
  getAchievements,
  getReminders,
  setReminders,
  listInbox,
  markInboxRead,
  fundChallenge,
  auditEconomy,
  syncSteps,
  devWeRunData,
  stationDisplayCode,
  listCommunities,
  upsertCommunity,
  getMyCommunity,
  setMyCommunity,
  grantOrganizer,
  upsertStation,
  retireStation,
  verifyPublic,
  getCityDashboard,
  createEvent,
  listEvents,
  signUpEvent,
  cancelEventSignup,
  eventDisplayCode,
  attendEvent,
  exportEventCsv,
  cancelEvent,
  getTreasury,
  issuePoints,
  allocatePoints,
}
