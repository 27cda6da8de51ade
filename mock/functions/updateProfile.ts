import { updateProfileSchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction, inTransaction } from '../function'

export const updateProfile: CloudFunction<'updateProfile'> = {
  name: 'updateProfile',
  requiresSession: true,
  async handle(data, caller, services) {
    const { nickname } = parse(updateProfileSchema, data)
    const { openid } = requireCaller(caller)
    await inTransaction(services, async (services) => services.store.setNickname(openid, nickname))
    return { nickname }
  },
}
