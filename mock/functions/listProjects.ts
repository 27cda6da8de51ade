import { emptySchema } from '../../src/contract/schemas'
import { defineFunction, inTransaction } from '../function'
import { publicProjects } from '../projects'

export const listProjects = defineFunction({
  name: 'listProjects',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, { openid, roles }, services) {
    return inTransaction(services, async (services) => ({
      projects: await publicProjects(services, openid, await services.store.listProjects(roles.includes('organizer'))),
    }))
  },
})
