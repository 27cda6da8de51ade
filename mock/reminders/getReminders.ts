import { emptySchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { reminderSettings } from './reminders'

/** The reminder kinds the resident opted into, and the WeChat sends still granted for each. */
export const getReminders = defineFunction({
  name: 'getReminders',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid }, services) {
    return reminderSettings(services, openid)
  },
})
