/** Appending to a person's chain: the one place that assigns seq, links hashes and moves the wallet. */
import type { LedgerEntry, Wallet } from '../src/contract/types'
import { countsTowardDailyCap } from '../src/core/credit'
import { DAY_TOTAL_KEY } from '../src/core/farming'
import { capKeyOf } from '../src/core/steps'
import { slotOf } from '../src/core/counters'
import { applyToWallet, entryHash, type UnhashedEntry } from '../src/core/ledger'
import { toShanghaiIso } from '../src/core/time'
import type { Services } from './function'

export type NewEntry = Omit<UnhashedEntry, 'id' | 'seq' | 'prevHash' | 'createdAt'>

/**
 * Must run inside a storage transaction. The entry counts for the person's community (read from the wallet row
 * the lock has just read), or for `countFor` (a reversal counts against the community its original counted for).
 */
export async function appendEntry(services: Services, openid: string, draft: NewEntry, countFor?: string): Promise<{ entry: LedgerEntry; wallet: Wallet }> {
  const { store } = services
  const { wallet: head } = await store.lockPerson(openid)
  const communityId = countFor ?? (await store.communityOf(openid)).communityId
  const unhashed: UnhashedEntry = {
    ...draft,
    id: services.newId('e'),
    seq: head.headSeq + 1,
    createdAt: toShanghaiIso(services.now()),
    prevHash: head.headHash,
  }
  for (const key of Object.keys(unhashed) as (keyof UnhashedEntry)[]) {
    if (unhashed[key] === undefined) delete unhashed[key]
  }
  const entry: LedgerEntry = { ...unhashed, hash: entryHash(unhashed) }
  const { headSeq: _seq, headHash: _hash, pointsHeld, ...wallet } = head
  const next = { ...applyToWallet(wallet, entry), pointsHeld }
  await store.appendEntry(openid, entry, next, communityId)
  // The city's counters, in the person's slot: a resident takes part from their first entry.
  const slot = slotOf(openid)
  const firstEntry = head.headSeq === 0
  if (firstEntry || entry.gramsCo2e !== 0) await store.addCommunityCounters(communityId, slot, firstEntry ? 1 : 0, entry.gramsCo2e)
  if (entry.gramsCo2e !== 0) await store.addCommunityDayGrams(communityId, entry.day, slot, entry.gramsCo2e)
  // The day's cap reads a counter kept here, in the entry's own transaction, instead of summing the ledger.
  if (countsTowardDailyCap(entry)) {
    await store.addCreditedGrams(openid, capKeyOf(entry.factorId), entry.day, entry.gramsCo2e)
    await store.addCreditedGrams(openid, DAY_TOTAL_KEY, entry.day, entry.gramsCo2e)
  }
  return { entry, wallet: next }
}

/** Says why the balance is more than can be spent, when points are held for review. */
export async function heldNote(services: Services, openid: string): Promise<string> {
  const { pointsHeld } = await services.store.getWallet(openid)
  return pointsHeld > 0 ? ` (${pointsHeld} more are held until an organizer reviews a flagged check-in)` : ''
}

export async function publicWallet(services: Services, openid: string): Promise<Wallet> {
  const { gramsCo2eTotal, pointsBalance, pointsEarned, pointsSpent, pointsHeld } = await services.store.getWallet(openid)
  return { gramsCo2eTotal, pointsBalance, pointsEarned, pointsSpent, pointsHeld }
}
