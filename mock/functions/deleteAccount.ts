import { deleteAccountSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { defineFunction, inTransaction } from '../function'

/**
 * Deletes the person, keeps the numbers: the handle and nickname are dropped, so the openid can no longer
 * be tied to anyone and its session ends; the pseudonymous ledger stays for community totals and keeps
 * its hash chain intact. Logging in again with the same handle opens a new, empty account.
 */
export const deleteAccount = defineFunction({
  name: 'deleteAccount',
  schema: deleteAccountSchema,
  auth: 'session',
  async handle(_req, { openid }, services) {
    await inTransaction(services, async (services) => services.store.anonymiseUser(openid, toShanghaiIso(services.now())))
    return { deleted: true as const }
  },
})
