import { updateProfileSchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction } from '../function'

export const updateProfile: CloudFunction<'updateProfile'> = {
  name: 'updateProfile',
  requiresSession: true,
  handle(data, caller, services) {
    const { nickname } = parse(updateProfileSchema, data)
    const { openid } = requireCaller(caller)
    services.store.transaction(() => services.store.setNickname(openid, nickname))
    return { nickname }
  },
}
