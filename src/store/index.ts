import { create, type StateCreator } from 'zustand'
import { createAccountSlice } from './account'
import { createCatalogueSlice } from './catalogue'
import { COMMUNITY_SIGNED_OUT, createCommunitySlice } from './community'
import { createConsentSlice } from './consent'
import { createLedgerSlice, LEDGER_SIGNED_OUT } from './ledger'
import { createProjectsSlice, PROJECTS_SIGNED_OUT } from './projects'
import { createMyCommunitySlice, MY_COMMUNITY_SIGNED_OUT } from './myCommunity'
import { createPageLoadsSlice, PAGE_LOADS_SIGNED_OUT } from './pageLoads'
import { createQueueSlice, QUEUE_SIGNED_OUT } from './queue'
import { createRemindersSlice, REMINDERS_SIGNED_OUT } from './reminders'
import { createRewardsSlice, REWARDS_SIGNED_OUT } from './rewards'
import { createSessionSlice } from './session'
import { createSettingsSlice } from './settings'
import type { AppState } from './types'
import { createWalletSlice, WALLET_SIGNED_OUT } from './wallet'

export type { AppState } from './types'

/**
 * Every slice, each with what it holds of one person (dropped when the person changes, so nobody sees the
 * previous wallet). A new slice is added here once; its signed-out state comes with it.
 */
const SLICES = [
  { create: createSessionSlice },
  { create: createSettingsSlice },
  { create: createWalletSlice, signedOut: WALLET_SIGNED_OUT },
  { create: createLedgerSlice, signedOut: LEDGER_SIGNED_OUT },
  { create: createCatalogueSlice },
  { create: createQueueSlice, signedOut: QUEUE_SIGNED_OUT },
  { create: createRewardsSlice, signedOut: REWARDS_SIGNED_OUT },
  { create: createProjectsSlice, signedOut: PROJECTS_SIGNED_OUT },
  { create: createMyCommunitySlice, signedOut: MY_COMMUNITY_SIGNED_OUT },
  { create: createAccountSlice },
  { create: createCommunitySlice, signedOut: COMMUNITY_SIGNED_OUT },
  { create: createConsentSlice },
  { create: createRemindersSlice, signedOut: REMINDERS_SIGNED_OUT },
  { create: createPageLoadsSlice, signedOut: PAGE_LOADS_SIGNED_OUT },
] as const

const SIGNED_OUT = Object.assign({}, ...SLICES.map((s) => ('signedOut' in s ? s.signedOut : {}))) as Partial<AppState>

const initState: StateCreator<AppState> = (set, get, api) =>
  Object.assign(
    {
      clearPersonData: () => set({ ...SIGNED_OUT }),
    },
    ...SLICES.map((s) => (s.create as StateCreator<AppState, [], [], object>)(set, get, api)),
  ) as AppState

export const useAppStore = create<AppState>()(initState)

/** Rebuilds the state from what is persisted: tests call it between cases, as the zustand docs advise. */
export function resetAppStore() {
  useAppStore.setState(initState(useAppStore.setState, useAppStore.getState, useAppStore), true)
}

export const selectSession = (s: AppState) => s.session
export const selectLang = (s: AppState) => s.lang
export { selectNeedsConsent } from './consent'
export { selectPageLoadError, selectPageLoading } from './pageLoads'
export const selectWalletView = (s: AppState) => s.walletView
export const selectQueue = (s: AppState) => s.queue
export const selectMethodology = (s: AppState) => s.methodology
export const selectStations = (s: AppState) => s.stations
export const selectEntries = (s: AppState) => s.entries
export const selectRewards = (s: AppState) => s.rewards
export const selectRedemptions = (s: AppState) => s.redemptions
export const selectProjects = (s: AppState) => s.projects
