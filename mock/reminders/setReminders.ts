import { setRemindersSchema } from '../../src/contract/schemas'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { grantSends, reminderSettings } from './reminders'
import { setReminderKinds } from './queries'

/**
 * Chooses the reminder kinds; `accepted` are the kinds WeChat's subscribe dialog accepted (one send each).
 * Accepting a kind opts into it. Turning a kind off stops new reminders of it; ones already written stay
 * in the inbox when due, but no send is used for a kind that is off.
 */
export const setReminders = defineFunction({
  name: 'setReminders',
  schema: setRemindersSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ kinds, accepted = [] }, { openid }, services) {
    await lockCaller(services.store, openid)
    await setReminderKinds(services.store, openid, [...new Set([...kinds, ...accepted])])
    await grantSends(services, openid, accepted)
    return reminderSettings(services, openid)
  },
})
