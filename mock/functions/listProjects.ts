import { emptySchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction, inTransaction } from '../function'
import { publicProjects } from '../projects'

export const listProjects: CloudFunction<'listProjects'> = {
  name: 'listProjects',
  requiresSession: true,
  handle(data, caller, services) {
    parse(emptySchema, data)
    const { openid, roles } = requireCaller(caller)
    return inTransaction(services, async (services) => ({
      projects: await publicProjects(services, openid, await services.store.listProjects(roles.includes('organizer'))),
    }))
  },
}
