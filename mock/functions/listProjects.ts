import { emptySchema } from '../../src/contract/schemas'
import { parse, requireCaller, type CloudFunction } from '../function'
import { publicProjects } from '../projects'

export const listProjects: CloudFunction<'listProjects'> = {
  name: 'listProjects',
  requiresSession: true,
  handle(data, caller, services) {
    parse(emptySchema, data)
    const { openid, roles } = requireCaller(caller)
    return services.store.transaction(() => ({
      projects: publicProjects(services, openid, services.store.listProjects(roles.includes('organizer'))),
    }))
  },
}
