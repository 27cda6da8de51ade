import { emptySchema } from '../../src/contract/schemas'
import { publicGroup } from './challenges'
import { defineFunction } from '../function'
import { groupsOf } from './groupQueries'

export const listMyGroups = defineFunction({
  name: 'listMyGroups',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    return {
      groups: await Promise.all((await groupsOf(services.store, openid)).map((g) => publicGroup(services, g, openid))),
    }
  },
})
