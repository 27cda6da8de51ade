import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { inboxOf } from './reminders'

/** The resident's reminders that are due, newest first: what WeChat delivered, and what only the app shows. */
export const listInbox = defineFunction({
  name: 'listInbox',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    return inboxOf(services, openid)
  },
})
