import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { publicProjects } from './projects'
import { listProjects as listProjectsQuery } from './queries'

export const listProjects = defineFunction({
  name: 'listProjects',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid, roles }, services) {
    return {
      projects: await publicProjects(services, openid, await listProjectsQuery(services.store, roles.includes('organizer'))),
    }
  },
})
