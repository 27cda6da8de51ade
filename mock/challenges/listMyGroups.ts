import { emptySchema } from '../../src/contract/schemas'
import { publicGroup } from './challenges'
import { defineFunction, inTransaction } from '../function'
import { groupsOf } from './groupQueries'

export const listMyGroups = defineFunction({
  name: 'listMyGroups',
  schema: emptySchema,
  auth: 'session',
  async handle(_req, { openid }, services) {
    return inTransaction(services, async (services) => ({
      groups: await Promise.all((await groupsOf(services.store, openid)).map((g) => publicGroup(services, g, openid))),
    }))
  },
})
