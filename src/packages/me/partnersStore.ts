/**
 * The resident's links with the city's partners: which partners they may link, which they have, and the link code
 * made last. Kept in this subpackage (out of the main package) and dropped whenever the signed-in person changes.
 */
import { create } from 'zustand'
import { PARTNERS_PRIVACY_VERSION } from '@/contract/constants'
import type { LinkablePartner, LinkCodeIssued } from '@/contract/partner'
import { CloudCallError, callCloud } from '@/services/cloud'
import { useAppStore } from '@/store'
import { recordAgreementInCloud } from '@/store/consent'

interface PartnerLinksState {
  /** undefined until loaded */
  partners: LinkablePartner[] | undefined
  /** the code made last, until the partner is linked with it or another is made (it expires on its own) */
  linkCode: LinkCodeIssued | undefined
  load(): Promise<void>
  /**
   * A one-time code for one partner. The cloud asks for the privacy notice that names partners: a resident who
   * agreed to it on this device but whose agreement the cloud has not recorded yet (the login's record failed) has
   * it recorded, and the code asked once more.
   */
  makeCode(partnerId: string): Promise<LinkCodeIssued>
  dropCode(): void
  unlink(partnerId: string): Promise<void>
}

const SIGNED_OUT = { partners: undefined, linkCode: undefined }

export const usePartnerLinksStore = create<PartnerLinksState>()((set, get) => ({
  ...SIGNED_OUT,
  async load() {
    const { partners } = await callCloud('listMyPartnerLinks', {})
    // a code whose partner is now linked has done its work
    const code = get().linkCode
    set({ partners, linkCode: code && partners.some((p) => p.id === code.partner.id && p.linkedAt) ? undefined : code })
  },
  async makeCode(partnerId) {
    let issued: LinkCodeIssued
    try {
      issued = await callCloud('createLinkCode', { partnerId })
    } catch (error) {
      const agreed = useAppStore.getState().privacyAgreedVersion
      if (!(error instanceof CloudCallError && error.code === 'PERMISSION_DENIED' && agreed >= PARTNERS_PRIVACY_VERSION)) throw error
      await recordAgreementInCloud(agreed, 0)
      issued = await callCloud('createLinkCode', { partnerId })
    }
    set({ linkCode: issued })
    return issued
  },
  dropCode() {
    set({ linkCode: undefined })
  },
  async unlink(partnerId) {
    const { partners } = await callCloud('unlinkPartner', { partnerId })
    set((s) => ({ partners, linkCode: s.linkCode?.partner.id === partnerId ? undefined : s.linkCode }))
  },
}))

// Another person signing in on this device must not see the last one's links or code.
let openid = useAppStore.getState().session?.openid
useAppStore.subscribe((s) => {
  if (s.session?.openid === openid) return
  openid = s.session?.openid
  usePartnerLinksStore.setState(SIGNED_OUT)
})
