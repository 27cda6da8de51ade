/**
 * The public pages' state: the city dashboard and the last verification. Nothing here belongs to a person, so it
 * needs no login and survives a logout; it lives in this subpackage, out of the main package.
 */
import { create } from 'zustand'
import type { CityDashboard, PublicVerification } from '@/contract/types'
import { callPublicCloud } from '@/services/cloud'

interface PublicState {
  dashboard: CityDashboard | undefined
  verification: PublicVerification | undefined
  loadDashboard(): Promise<void>
  verify(code: string): Promise<void>
}

export const usePublicStore = create<PublicState>()((set) => ({
  dashboard: undefined,
  verification: undefined,
  async loadDashboard() {
    set({ dashboard: await callPublicCloud('getCityDashboard', {}) })
  },
  async verify(code) {
    set({ verification: undefined })
    set({ verification: await callPublicCloud('verifyPublic', { code }) })
  },
}))
