/**
 * The merchant subpackage's own store: the merchants the signed-in person acts for, the month's settlement shown,
 * and (for an organizer) one merchant's staff. Dropped whenever the signed-in person changes.
 */
import { create } from 'zustand'
import type { MerchantSettlement, MerchantView, StaffMember, UpsertMerchantRequest, UpsertOfferRequest } from '@/contract/merchant'
import type { Redemption, Reward } from '@/contract/types'
import { callCloud } from '@/services/cloud'
import { useAppStore } from '@/store'

interface MerchantState {
  /** undefined until loaded */
  merchants: MerchantView[] | undefined
  settlement: MerchantSettlement | undefined
  staff: StaffMember[] | undefined
  /** the offers of the merchant last asked for, inactive ones too */
  offers: Reward[] | undefined
  load(): Promise<void>
  loadOffers(merchantId: string): Promise<void>
  saveOffer(req: UpsertOfferRequest): Promise<Reward>
  verify(merchantId: string, code: string): Promise<{ redemption: Redemption; subsidyFen: number }>
  loadSettlement(merchantId: string, month: string): Promise<void>
  exportSettlement(merchantId: string, month: string): Promise<{ filename: string; csv: string }>
  loadStaff(merchantId: string): Promise<void>
  appoint(merchantId: string, openid: string): Promise<void>
  remove(merchantId: string, openid: string): Promise<void>
  saveCounter(req: UpsertMerchantRequest): Promise<MerchantView>
}

const SIGNED_OUT = { merchants: undefined, settlement: undefined, staff: undefined, offers: undefined }

export const useMerchantStore = create<MerchantState>()((set) => ({
  ...SIGNED_OUT,
  async load() {
    set({ merchants: (await callCloud('listMyMerchants', {})).merchants })
  },
  async loadOffers(merchantId) {
    set({ offers: (await callCloud('listMerchantOffers', { merchantId })).rewards })
  },
  async saveOffer(req) {
    const { reward } = await callCloud('upsertOffer', req)
    set({ offers: (await callCloud('listMerchantOffers', { merchantId: req.merchantId })).rewards })
    return reward
  },
  verify: (merchantId, code) => callCloud('verifyOffer', { merchantId, code }),
  async loadSettlement(merchantId, month) {
    set({ settlement: await callCloud('getMerchantSettlement', { merchantId, month }) })
  },
  exportSettlement: (merchantId, month) => callCloud('exportMerchantSettlementCsv', { merchantId, month }),
  async loadStaff(merchantId) {
    set({ staff: (await callCloud('listMerchantStaff', { merchantId })).staff })
  },
  async appoint(merchantId, openid) {
    set({ staff: (await callCloud('appointMerchantStaff', { merchantId, openid })).staff })
  },
  async remove(merchantId, openid) {
    set({ staff: (await callCloud('removeMerchantStaff', { merchantId, openid })).staff })
  },
  async saveCounter(req) {
    return (await callCloud('upsertMerchant', req)).merchant
  },
}))

// Another person signing in on this device must not see the last one's merchants or settlement.
let openid = useAppStore.getState().session?.openid
useAppStore.subscribe((s) => {
  if (s.session?.openid === openid) return
  openid = s.session?.openid
  useMerchantStore.setState(SIGNED_OUT)
})
