import { emptySchema } from '../../src/contract/schemas'
import { myCommunity } from './communities'
import { defineFunction } from '../function'

/** The caller's community, when they may change it, and (organizers) what they act on. */
export const getMyCommunity = defineFunction({
  name: 'getMyCommunity',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, who, services) {
    return myCommunity(services, who)
  },
})
