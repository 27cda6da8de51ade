import type { FunctionName } from '../../src/contract/types'
import type { CloudFunction } from '../function'
import { cancelRedemption } from './cancelRedemption'
import { checkIn } from './checkIn'
import { getMethodology } from './getMethodology'
import { getWallet } from './getWallet'
import { listLedger } from './listLedger'
import { listMyRedemptions } from './listMyRedemptions'
import { listRewards } from './listRewards'
import { listStations } from './listStations'
import { login } from './login'
import { redeem } from './redeem'
import { upsertReward } from './upsertReward'
import { verifyLedger } from './verifyLedger'
import { verifyRedemption } from './verifyRedemption'

type Registry = { [N in FunctionName]: CloudFunction<N> }

export const FUNCTIONS: Registry = {
  login,
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
}
