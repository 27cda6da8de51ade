/** WeChat's own client APIs the app uses, behind plain functions (weapp only). */
import Taro from '@tarojs/taro'
import { REMINDER_KINDS, type ReminderKind } from '../contract/constants'
import { callCloud, CloudCallError, usesCloudRun } from './cloud'
import type { SyncStepsRequest } from '../contract/schemas'

// The build writes REMINDER_TEMPLATE_IDS as an object literal: named here, because as an arrow function's
// body (`(k) => {}[k]`) the literal parses as a block once a build keeps arrow functions. (Parenthesizing it in
// config/index.ts instead is refused: Taro's define values must be names or JSON.)
const TEMPLATE_IDS: Partial<Record<ReminderKind, string>> = REMINDER_TEMPLATE_IDS

/** A one-time code from wx.login for the cloud to exchange at code2Session; no prompt is shown to the person. */
export async function wechatLoginCode(): Promise<string> {
  try {
    const { code } = await Taro.login()
    if (!code) throw new Error('wx.login gave no code')
    return code
  } catch (error) {
    throw new CloudCallError('NETWORK', String((error as { errMsg?: string })?.errMsg ?? error))
  }
}

/** The reminder kinds this build can ask WeChat to deliver (a subscribe-message template is configured for them). */
export function subscribableKinds(): ReminderKind[] {
  if (process.env.TARO_ENV !== 'weapp') return []
  return REMINDER_KINDS.filter((k) => typeof TEMPLATE_IDS[k] === 'string')
}

/**
 * Asks WeChat's subscribe dialog for the kinds (it must follow a tap); answers the kinds accepted, each of
 * which lets the cloud send one message. Outside WeChat, or with no template configured, nothing is asked.
 */
export async function requestReminderSubscriptions(kinds: readonly ReminderKind[]): Promise<ReminderKind[]> {
  const asked = kinds.filter((k) => subscribableKinds().includes(k))
  if (asked.length === 0) return []
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: asked.map((k) => TEMPLATE_IDS[k] as string) } as Parameters<
      typeof Taro.requestSubscribeMessage
    >[0])) as unknown as Record<string, string>
    return asked.filter((k) => answer[TEMPLATE_IDS[k] as string] === 'accept')
  } catch {
    // declined, or the dialog could not open: the reminders still come to the app's inbox
    return []
  }
}

/** Where this build gets WeRun data: WeChat itself, the dev server's labelled sample source, or nowhere (H5 in production). */
export function weRunSource(): 'wechat' | 'dev' | undefined {
  if (process.env.TARO_ENV === 'weapp' && !DEV_LOGIN_UI) return 'wechat'
  return DEV_LOGIN_UI ? 'dev' : undefined
}

/** Sample steps for the dev source: today, yesterday and the day before, as a phone might have counted them. */
const DEV_SAMPLE_DAYS = [
  { daysAgo: 0, steps: 6200 },
  { daysAgo: 1, steps: 11_800 },
  { daysAgo: 2, steps: 9400 },
]

/**
 * WeRun data for syncSteps, still encrypted: from wx.getWeRunData on a phone (under WeChat Cloud Run its cloudID,
 * which the cloud trades for the data: there no session_key exists to decrypt with), or from the dev server's
 * clearly labelled sample source (encrypted with the dev session's key, so the cloud runs the same decryption).
 */
export async function weRunData(): Promise<SyncStepsRequest> {
  if (weRunSource() === 'wechat') {
    try {
      const { encryptedData, iv, cloudID } = await Taro.getWeRunData()
      if (usesCloudRun()) {
        if (!cloudID) throw new Error('WeChat gave no cloudID for WeRun data (base library 2.7.0 or later is needed)')
        return { cloudID }
      }
      return { encryptedData, iv }
    } catch (error) {
      throw new CloudCallError('NETWORK', String((error as { errMsg?: string })?.errMsg ?? error))
    }
  }
  return callCloud('devWeRunData', { days: DEV_SAMPLE_DAYS })
}

type PrivacyResolve = Parameters<Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]>[0]
let pendingPrivacy: PrivacyResolve | undefined

/**
 * WeChat asks before a privacy-relevant API runs (scanning a code, WeRun) until the person agrees to the
 * mini-program's privacy notice: show ours, and answer WeChat when they decide.
 */
export function listenForPrivacyRequests(showNotice: () => void) {
  if (process.env.TARO_ENV !== 'weapp') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pendingPrivacy = resolve
    showNotice()
  })
}

/** Called from the notice's agree button (open-type agreePrivacyAuthorization, whose id is given). */
export function answerPrivacyRequest(agreed: boolean, buttonId: string) {
  pendingPrivacy?.(agreed ? { event: 'agree', buttonId } : { event: 'disagree' })
  pendingPrivacy = undefined
}
