/** The reminders slice: the kinds the resident opted into, and the inbox. Owns what it clears on logout. */
import type { ReminderKind } from '../contract/constants'
import type { Inbox, ReminderSettings } from '../contract/types'
import { callCloud } from '../services/cloud'
import { requestReminderSubscriptions } from '../services/wechat'
import type { Slice } from './types'

export interface RemindersSlice {
  reminderSettings: ReminderSettings | undefined
  inbox: Inbox | undefined
  loadReminders(): Promise<void>
  /** saves the chosen kinds; on weapp first asks WeChat's subscribe dialog for them (must follow a tap) */
  saveReminders(kinds: ReminderKind[]): Promise<void>
  loadInbox(): Promise<void>
  markInboxRead(ids: string[]): Promise<void>
}

/** What a person change or logout drops from this slice. */
export const REMINDERS_SIGNED_OUT = { reminderSettings: undefined, inbox: undefined }

export const createRemindersSlice: Slice<RemindersSlice> = (set) => ({
  ...REMINDERS_SIGNED_OUT,
  async loadReminders() {
    set({ reminderSettings: await callCloud('getReminders', {}) })
  },
  async saveReminders(kinds) {
    const accepted = await requestReminderSubscriptions(kinds)
    set({ reminderSettings: await callCloud('setReminders', { kinds, accepted }) })
  },
  async loadInbox() {
    set({ inbox: await callCloud('listInbox', {}) })
  },
  async markInboxRead(ids) {
    if (ids.length === 0) return
    set({ inbox: await callCloud('markInboxRead', { ids }) })
  },
})

export const selectUnread = (s: { inbox: Inbox | undefined }) => s.inbox?.unread ?? 0
