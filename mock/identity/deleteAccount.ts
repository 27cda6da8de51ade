import { deleteAccountSchema } from '../../src/contract/schemas'
import { depart } from './departure'
import { defineFunction, inTransaction } from '../function'

/**
 * Deletes the person, keeps the numbers: the handle and nickname are dropped, so the openid can no longer be tied
 * to anyone and its session ends; the pseudonymous ledger stays for community totals and keeps its hash chain
 * intact. Held vouchers are voided, event places given back, led groups passed on. What limits a person (today's
 * caps, recent trips, WeRun days, per-person reward limits, challenge bonuses, event rewards) is kept under a keyed
 * hash of the identity for as long as each limit needs: logging in again with the same identity opens a new, empty
 * account that starts with them. Erased text is then pushed out of the database's log (SQLite's WAL).
 */
export const deleteAccount = defineFunction({
  name: 'deleteAccount',
  schema: deleteAccountSchema,
  auth: 'session',
  transaction: 'none',
  async handle(_req, who, services) {
    await inTransaction(services, (services) => depart(services, who))
    // The account is gone either way; a log that stayed busy is the operator's to hear about, not a failure
    // to tell the person whose account was deleted.
    await services.storage.eraseFreedSpace().catch((error: Error) => console.error('[deleteAccount]', error.message))
    return { deleted: true as const }
  },
})
