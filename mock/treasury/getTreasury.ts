import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { treasuryView } from './treasury'

/** The treasury as the organizer may see it: a city organizer all of it, a community organizer their own purse. */
export const getTreasury = defineFunction({
  name: 'getTreasury',
  schema: emptySchema,
  auth: 'organizer',
  transaction: 'read',
  async handle(_req, who, services) {
    return treasuryView(services, who)
  },
})
