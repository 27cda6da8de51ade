import { updateProfileSchema } from '../../src/contract/schemas'
import { defineFunction, inTransaction } from '../function'

export const updateProfile = defineFunction({
  name: 'updateProfile',
  schema: updateProfileSchema,
  auth: 'session',
  async handle({ nickname }, { openid }, services) {
    await inTransaction(services, async (services) => services.store.setNickname(openid, nickname))
    return { nickname }
  },
})
