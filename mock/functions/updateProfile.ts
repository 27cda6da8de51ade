import { updateProfileSchema } from '../../src/contract/schemas'
import { defineFunction, inTransaction } from '../function'
import { lockCaller } from '../idempotency'

export const updateProfile = defineFunction({
  name: 'updateProfile',
  schema: updateProfileSchema,
  auth: 'session',
  async handle({ nickname }, { openid }, services) {
    // Locked and checked: a rename racing the account's deletion must not write a name back onto it.
    await inTransaction(services, async (services) => {
      await lockCaller(services.store, openid)
      await services.store.setNickname(openid, nickname)
    })
    return { nickname }
  },
})
