import { emptySchema } from '../../src/contract/schemas'
import { publicGroup } from '../challenges'
import { parse, requireCaller, type CloudFunction, inTransaction } from '../function'

export const listMyGroups: CloudFunction<'listMyGroups'> = {
  name: 'listMyGroups',
  requiresSession: true,
  handle(data, caller, services) {
    parse(emptySchema, data)
    const { openid } = requireCaller(caller)
    return inTransaction(services, async (services) => ({
      groups: await Promise.all((await services.store.groupsOf(openid)).map((g) => publicGroup(services, g, openid))),
    }))
  },
}
