import { emptySchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction } from '../function'
import { freshRedemption, publicRedemption } from '../rewards'

export const listMyRedemptions: CloudFunction<'listMyRedemptions'> = {
  name: 'listMyRedemptions',
  requiresSession: true,
  handle(data, caller, services) {
    parse(emptySchema, data)
    const { openid } = requireCaller(caller)
    const { store } = services
    return store.transaction(() => ({
      redemptions: store.listRedemptions(openid).map((r) => publicRedemption(freshRedemption(services, r))),
    }))
  },
}
