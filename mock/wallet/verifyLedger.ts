import { emptySchema } from '../../src/contract/schemas'
import { verifyChain, walletFromEntries } from '../../src/core/ledger'
import { defineFunction, inTransaction } from '../function'
import { publicWallet } from './ledger'
import { allEntries } from './queries'

/** Recomputes the caller's whole chain, and checks the wallet still equals the sum of its entries. */
export const verifyLedger = defineFunction({
  name: 'verifyLedger',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, { openid }, services) {
    return inTransaction(services, async (services) => {
      const { store } = services
      // Two streaming passes instead of one array: a million-entry ledger never sits in memory.
      const entries = await allEntries(store, openid)
      const chain = verifyChain(entries)
      if (!chain.ok) return chain
      const sums = walletFromEntries(entries)
      const wallet = await publicWallet(services, openid)
      const walletMatches =
        sums.gramsCo2eTotal === wallet.gramsCo2eTotal &&
        sums.pointsBalance === wallet.pointsBalance &&
        sums.pointsEarned === wallet.pointsEarned &&
        sums.pointsSpent === wallet.pointsSpent
      return walletMatches ? chain : { ...chain, ok: false, firstBadSeq: chain.entries }
    })
  },
})
