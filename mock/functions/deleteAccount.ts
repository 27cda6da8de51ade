import { deleteAccountSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { parse, requireCaller, type CloudFunction, inTransaction } from '../function'

/**
 * Deletes the person, keeps the numbers: the handle and nickname are dropped, so the openid can no longer
 * be tied to anyone and its session ends; the pseudonymous ledger stays for community totals and keeps
 * its hash chain intact. Logging in again with the same handle opens a new, empty account.
 */
export const deleteAccount: CloudFunction<'deleteAccount'> = {
  name: 'deleteAccount',
  requiresSession: true,
  async handle(data, caller, services) {
    parse(deleteAccountSchema, data)
    const { openid } = requireCaller(caller)
    await inTransaction(services, async (services) => services.store.anonymiseUser(openid, toShanghaiIso(services.now())))
    return { deleted: true as const }
  },
}
