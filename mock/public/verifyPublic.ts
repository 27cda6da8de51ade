import { verifyPublicSchema } from '../../src/contract/schemas'
import type { PublicEntry, PublicVerification } from '../../src/contract/types'
import { entryHash, GENESIS_HASH } from '../../src/core/ledger'
import { defineFunction, type Services } from '../function'
import { entriesByHashPrefix, getEntryAt, getWallet } from '../wallet/queries'
import { getProject } from './queries'

/**
 * Anyone, without logging in, checks a donor certificate's code or a ledger entry's hash: genuine when exactly
 * one entry carries it, its hash recomputes from what it records, and it links to the entries before and after
 * it in its owner's chain. The answer says what the entry records and never whose it is.
 */
export const verifyPublic = defineFunction({
  name: 'verifyPublic',
  schema: verifyPublicSchema,
  auth: 'none',
  transaction: 'read',
  async handle(req, _caller, services): Promise<PublicVerification> {
    const code = req.code
    const matches = (await entriesByHashPrefix(services.store, code, 2)).filter((e) => e.hash.startsWith(code))
    if (matches.length === 0)
      return { genuine: false, verdict: 'unknownCode', message: 'No entry in this ledger carries this code: check it was typed as printed.' }
    if (matches.length > 1)
      return { genuine: false, verdict: 'ambiguousCode', message: 'More than one entry starts with this code: enter the full 64-digit hash.' }
    const { openid, ...entry } = matches[0]
    const { hash, ...unhashed } = entry
    const shown = await publicEntry(services, entry)
    if (entryHash(unhashed) !== hash)
      return { genuine: false, verdict: 'altered', entry: shown, message: 'This entry no longer matches its hash: it was altered after it was written.' }
    const before = entry.seq === 1 ? GENESIS_HASH : (await getEntryAt(services.store, openid, entry.seq - 1))?.hash
    const after = await getEntryAt(services.store, openid, entry.seq + 1)
    const linkedAfter = after ? after.prevHash === hash : (await getWallet(services.store, openid)).headHash === hash
    if (before !== entry.prevHash || !linkedAfter)
      return { genuine: false, verdict: 'unlinked', entry: shown, message: 'This entry is not linked into its chain as written.' }
    return {
      genuine: true,
      verdict: 'genuine',
      entry: shown,
      message: `Entry ${entry.seq} of its owner's chain: its hash recomputes and links to the entries around it.`,
    }
  },
})

async function publicEntry(
  services: Services,
  e: Omit<PublicEntry, 'projectTitle' | 'projectId'> & { ref?: string; type: PublicEntry['type'] },
): Promise<PublicEntry> {
  const shown: PublicEntry = { type: e.type, day: e.day, gramsCo2e: e.gramsCo2e, points: e.type === 'donate' ? -e.points : e.points, seq: e.seq, hash: e.hash }
  if (e.factorId) shown.factorId = e.factorId
  if (e.type === 'donate' && e.ref) {
    shown.projectId = e.ref
    shown.projectTitle = (await getProject(services.store, e.ref))?.title ?? e.ref
  }
  return shown
}
