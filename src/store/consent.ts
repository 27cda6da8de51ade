/**
 * The privacy notice: agreed on the device before anything is sent, recorded by the cloud once there is a
 * session. A newer notice (PRIVACY_NOTICE_VERSION raised) asks again.
 */
import { PRIVACY_NOTICE_VERSION } from '../contract/constants'
import { callCloud, setConsentGiven } from '../services/cloud'
import { readStored, writeStored } from '../services/storage'
import type { AppState, ConsentSlice, Slice } from './types'

export const PRIVACY_KEY = 'glp.privacy.v1'

const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1

/** Tells the cloud about an agreement it has not recorded yet (a new device, or agreed before logging in). */
export async function recordAgreementInCloud(agreedVersion: number, recordedVersion: number): Promise<void> {
  if (agreedVersion > recordedVersion) await callCloud('agreePrivacy', { version: agreedVersion })
}

export const createConsentSlice: Slice<ConsentSlice> = (set, get) => {
  const agreed = readStored(PRIVACY_KEY, isVersion) ?? 0
  setConsentGiven(agreed >= PRIVACY_NOTICE_VERSION)
  return {
    privacyAgreedVersion: agreed,
    async agreePrivacy() {
      writeStored(PRIVACY_KEY, PRIVACY_NOTICE_VERSION)
      setConsentGiven(true)
      set({ privacyAgreedVersion: PRIVACY_NOTICE_VERSION })
      // Logged in already (a newer notice while signed in): the cloud records it now, or at the next login.
      if (get().session) await recordAgreementInCloud(PRIVACY_NOTICE_VERSION, 0).catch(() => undefined)
    },
  }
}

export const selectNeedsConsent = (s: AppState) => s.privacyAgreedVersion < PRIVACY_NOTICE_VERSION
