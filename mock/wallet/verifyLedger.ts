import { emptySchema } from '../../src/contract/schemas'
import { applyToWallet, chainWalkResult, EMPTY_WALLET, startChainWalk, stepChainWalk } from '../../src/core/ledger'
import type { Wallet } from '../../src/contract/types'
import { defineFunction } from '../function'
import { publicWallet } from './ledger'
import { entriesAfter } from './queries'

/** Entries read at a time: the chain and the sums are carried from page to page, never the whole ledger. */
export const VERIFY_PAGE_ENTRIES = 1_000

/** Recomputes the caller's whole chain, and checks the wallet still equals the sum of its entries. */
export const verifyLedger = defineFunction({
  name: 'verifyLedger',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    const { store } = services
    let walk = startChainWalk()
    let sums: Wallet = { ...EMPTY_WALLET }
    for (let afterSeq = 0; ;) {
      const page = await entriesAfter(store, openid, afterSeq, VERIFY_PAGE_ENTRIES)
      for (const entry of page) {
        walk = stepChainWalk(walk, entry)
        sums = applyToWallet(sums, entry)
      }
      if (walk.broken || page.length < VERIFY_PAGE_ENTRIES) break
      afterSeq = page[page.length - 1].seq
    }
    const chain = chainWalkResult(walk)
    if (!chain.ok) return chain
    const wallet = await publicWallet(services, openid)
    const walletMatches =
      sums.gramsCo2eTotal === wallet.gramsCo2eTotal &&
      sums.pointsBalance === wallet.pointsBalance &&
      sums.pointsEarned === wallet.pointsEarned &&
      sums.pointsSpent === wallet.pointsSpent
    return walletMatches ? chain : { ...chain, ok: false, firstBadSeq: chain.entries }
  },
})
