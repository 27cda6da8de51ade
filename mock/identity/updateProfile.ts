import { updateProfileSchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { setNickname } from './queries'

export const updateProfile = defineFunction({
  name: 'updateProfile',
  schema: updateProfileSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ nickname }, { openid }, services) {
    // Locked and checked: a rename racing the account's deletion must not write a name back onto it.
    await lockCaller(services.store, openid)
    await setNickname(services.store, openid, nickname)
    return { nickname }
  },
})
