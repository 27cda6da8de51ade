import { create, type StateCreator } from 'zustand'
import {
  createAccountSlice,
  createCatalogueSlice,
  createCommunitySlice,
  createLedgerSlice,
  createOrganizerSlice,
  createProjectsSlice,
  createQueueSlice,
  createRewardsSlice,
  createSessionSlice,
  createSettingsSlice,
  createWalletSlice,
} from './slices'
import { createConsentSlice } from './consent'
import { createRemindersSlice } from './reminders'
import type { AppState } from './types'

export type { AppState } from './types'

const initState: StateCreator<AppState> = (...a) => ({
  ...createSessionSlice(...a),
  ...createSettingsSlice(...a),
  ...createWalletSlice(...a),
  ...createLedgerSlice(...a),
  ...createCatalogueSlice(...a),
  ...createQueueSlice(...a),
  ...createRewardsSlice(...a),
  ...createProjectsSlice(...a),
  ...createOrganizerSlice(...a),
  ...createAccountSlice(...a),
  ...createCommunitySlice(...a),
  ...createConsentSlice(...a),
  ...createRemindersSlice(...a),
})

export const useAppStore = create<AppState>()(initState)

/** Rebuilds the state from what is persisted: tests call it between cases, as the zustand docs advise. */
export function resetAppStore() {
  useAppStore.setState(initState(useAppStore.setState, useAppStore.getState, useAppStore), true)
}

export const selectSession = (s: AppState) => s.session
export const selectLang = (s: AppState) => s.lang
export { selectNeedsConsent } from './consent'
export const selectWalletView = (s: AppState) => s.walletView
export const selectQueue = (s: AppState) => s.queue
export const selectMethodology = (s: AppState) => s.methodology
export const selectStations = (s: AppState) => s.stations
export const selectEntries = (s: AppState) => s.entries
export const selectRewards = (s: AppState) => s.rewards
export const selectRedemptions = (s: AppState) => s.redemptions
export const selectProjects = (s: AppState) => s.projects
