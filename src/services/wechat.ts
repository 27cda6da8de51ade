/** WeChat's own client APIs the app uses, behind plain functions (weapp only). */
import Taro from '@tarojs/taro'
import { CloudCallError } from './cloud'

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
