import type { FunctionName } from '../../src/contract/types'
import type { CloudFunction } from '../function'
import { checkIn } from './checkIn'
import { getMethodology } from './getMethodology'
import { getWallet } from './getWallet'
import { listLedger } from './listLedger'
import { listStations } from './listStations'
import { login } from './login'
import { verifyLedger } from './verifyLedger'

type Registry = { [N in FunctionName]: CloudFunction<N> }

export const FUNCTIONS: Registry = {
  login,
  getMethodology,
  listStations,
  checkIn,
  getWallet,
  listLedger,
  verifyLedger,
}
