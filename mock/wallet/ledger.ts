/** Appending to a person's chain: the one place that assigns seq, links hashes and moves the wallet. */
import type { LedgerEntry, Wallet } from '../../src/contract/types'
import { countsTowardDailyCap } from '../../src/core/credit'
import { DAY_TOTAL_KEY } from '../../src/core/farming'
import { capKeyOf } from '../../src/core/kinds'
import { slotOf } from '../../src/core/counters'
import { applyToWallet, entryHash, type UnhashedEntry } from '../../src/core/ledger'
import { toShanghaiIso } from '../../src/core/time'
import type { Services } from '../function'
import { lockPerson, appendEntry as appendEntryQuery, addCreditedGrams, addEvidenceGrams, getWallet } from './queries'
import { communityOf, addCommunityCounters, addCommunityDayGrams } from '../communities/queries'

export type NewEntry = Omit<UnhashedEntry, 'id' | 'seq' | 'prevHash' | 'createdAt'>

/**
 * Must run inside a storage transaction. The entry counts for the person's community (read from the wallet row
 * the lock has just read), or for `countFor` (a reversal counts against the community its original counted for).
 */
export async function appendEntry(services: Services, openid: string, draft: NewEntry, countFor?: string): Promise<{ entry: LedgerEntry; wallet: Wallet }> {
  const { store } = services
  const { wallet: head } = await lockPerson(store, openid)
  const communityId = countFor ?? (await communityOf(store, openid)).communityId
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
  await appendEntryQuery(store, openid, entry, next, communityId)
  // The city's counters, in the person's slot: a resident takes part from their first entry.
  const slot = slotOf(openid)
  const firstEntry = head.headSeq === 0
  if (firstEntry || entry.gramsCo2e !== 0) await addCommunityCounters(store, communityId, slot, firstEntry ? 1 : 0, entry.gramsCo2e)
  if (entry.gramsCo2e !== 0) await addCommunityDayGrams(store, communityId, entry.day, slot, entry.gramsCo2e)
  // The day's cap reads a counter kept here, in the entry's own transaction, instead of summing the ledger.
  if (countsTowardDailyCap(entry)) {
    await addCreditedGrams(store, openid, capKeyOf(entry.factorId), entry.day, entry.gramsCo2e)
    await addCreditedGrams(store, openid, DAY_TOTAL_KEY, entry.day, entry.gramsCo2e)
    if (entry.gramsCo2e !== 0) await addEvidenceGrams(store, entry.factorId, entry.evidence, slot, entry.gramsCo2e)
  }
  return { entry, wallet: next }
}

/** Says why the balance is more than can be spent, when points are held for review. */
export async function heldNote(services: Services, openid: string): Promise<string> {
  const { pointsHeld } = await getWallet(services.store, openid)
  return pointsHeld > 0 ? ` (${pointsHeld} more are held until an organizer reviews a flagged check-in)` : ''
}

export async function publicWallet(services: Services, openid: string): Promise<Wallet> {
  const { gramsCo2eTotal, pointsBalance, pointsEarned, pointsSpent, pointsHeld } = await getWallet(services.store, openid)
  return { gramsCo2eTotal, pointsBalance, pointsEarned, pointsSpent, pointsHeld }
}
