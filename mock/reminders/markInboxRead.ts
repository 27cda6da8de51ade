import { markInboxReadSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { defineFunction } from '../function'
import { inboxOf } from './reminders'
import { markRead } from './queries'

/** Marks the resident's own messages read (another person's ids change nothing). */
export const markInboxRead = defineFunction({
  name: 'markInboxRead',
  schema: markInboxReadSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ ids }, { openid }, services) {
    await markRead(services.store, openid, [...new Set(ids)], toShanghaiIso(services.now()))
    return inboxOf(services, openid)
  },
})
