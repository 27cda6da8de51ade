/** Every cloud function by its name; each is defined in its feature's wing (mock/<wing>/<name>.ts), one a file. */
import { cancelEvent } from './events/cancelEvent'
import { getTreasury } from './treasury/getTreasury'
import { issuePoints } from './treasury/issuePoints'
import { allocatePoints } from './treasury/allocatePoints'
import { createEvent } from './events/createEvent'
import { listEvents } from './events/listEvents'
import { signUpEvent } from './events/signUpEvent'
import { cancelEventSignup } from './events/cancelEventSignup'
import { eventDisplayCode } from './events/eventDisplayCode'
import { attendEvent } from './events/attendEvent'
import { exportEventCsv } from './events/exportEventCsv'
import { listCommunities } from './communities/listCommunities'
import { upsertCommunity } from './communities/upsertCommunity'
import { getMyCommunity } from './communities/getMyCommunity'
import { setMyCommunity } from './communities/setMyCommunity'
import { grantOrganizer } from './identity/grantOrganizer'
import { upsertStation } from './communities/upsertStation'
import { retireStation } from './communities/retireStation'
import { verifyPublic } from './public/verifyPublic'
import { getCityDashboard } from './public/getCityDashboard'
import { createGroup } from './challenges/createGroup'
import { joinGroup } from './challenges/joinGroup'
import { listMyGroups } from './challenges/listMyGroups'
import { leaveGroup } from './challenges/leaveGroup'
import { removeMember } from './challenges/removeMember'
import { rotateInviteCode } from './challenges/rotateInviteCode'
import { createChallenge } from './challenges/createChallenge'
import { joinChallenge } from './challenges/joinChallenge'
import { listChallenges } from './challenges/listChallenges'
import { getChallenge } from './challenges/getChallenge'
import { getLeaderboard } from './challenges/getLeaderboard'
import { getAchievements } from './wallet/getAchievements'
import { getReminders } from './reminders/getReminders'
import { setReminders } from './reminders/setReminders'
import { listInbox } from './reminders/listInbox'
import { markInboxRead } from './reminders/markInboxRead'
import { fundChallenge } from './challenges/fundChallenge'
import { auditEconomy } from './treasury/auditEconomy'
import { syncSteps } from './wallet/syncSteps'
import { devWeRunData } from './wallet/devWeRunData'
import { stationDisplayCode } from './communities/stationDisplayCode'
import type { FunctionName } from '../src/contract/types'
import type { CloudFunction } from './function'
import { cancelRedemption } from './rewards/cancelRedemption'
import { checkIn } from './wallet/checkIn'
import { decideReview } from './reviews/decideReview'
import { deleteAccount } from './identity/deleteAccount'
import { donate } from './public/donate'
import { exportImpactCsv } from './public/exportImpactCsv'
import { exportMyData } from './identity/exportMyData'
import { getDailySeries } from './wallet/getDailySeries'
import { getDonationCertificate } from './public/getDonationCertificate'
import { getImpactStats } from './public/getImpactStats'
import { getMethodology } from './public/getMethodology'
import { getWallet } from './wallet/getWallet'
import { listLedger } from './wallet/listLedger'
import { listMyRedemptions } from './rewards/listMyRedemptions'
import { listProjects } from './public/listProjects'
import { listReviewQueue } from './reviews/listReviewQueue'
import { listRewards } from './rewards/listRewards'
import { listStations } from './communities/listStations'
import { login } from './identity/login'
import { agreePrivacy } from './identity/agreePrivacy'
import { redeem } from './rewards/redeem'
import { updateProfile } from './identity/updateProfile'
import { upsertProject } from './public/upsertProject'
import { upsertReward } from './rewards/upsertReward'
import { verifyLedger } from './wallet/verifyLedger'
import { verifyRedemption } from './rewards/verifyRedemption'
import { registerPartner } from './partners/registerPartner'
import { rotatePartnerSecret } from './partners/rotatePartnerSecret'
import { revokePartner } from './partners/revokePartner'
import { listPartners } from './partners/listPartners'
import { listMyPartnerLinks } from './partners/listMyPartnerLinks'
import { createLinkCode } from './partners/createLinkCode'
import { unlinkPartner } from './partners/unlinkPartner'
import { upsertMerchant } from './merchants/upsertMerchant'
import { listMerchantStaff } from './merchants/listMerchantStaff'
import { appointMerchantStaff } from './merchants/appointMerchantStaff'
import { removeMerchantStaff } from './merchants/removeMerchantStaff'
import { listMyMerchants } from './merchants/listMyMerchants'
import { listMerchantOffers } from './merchants/listMerchantOffers'
import { upsertOffer } from './merchants/upsertOffer'
import { verifyOffer } from './merchants/verifyOffer'
import { getMerchantSettlement } from './merchants/getMerchantSettlement'
import { exportMerchantSettlementCsv } from './merchants/exportMerchantSettlementCsv'

type Registry = { [N in FunctionName]: CloudFunction<N> }

export const FUNCTIONS: Registry = {
  registerPartner,
  upsertMerchant,
  listMerchantStaff,
  appointMerchantStaff,
  removeMerchantStaff,
  listMyMerchants,
  listMerchantOffers,
  upsertOffer,
  verifyOffer,
  getMerchantSettlement,
  exportMerchantSettlementCsv,
  rotatePartnerSecret,
  revokePartner,
  listPartners,
  listMyPartnerLinks,
  createLinkCode,
  unlinkPartner,
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
