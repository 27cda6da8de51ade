import Taro, { useDidShow } from '@tarojs/taro'
import { selectNeedsConsent, selectSession, useAppStore } from '../store'

export const LOGIN_URL = '/pages/login/index'
export const PRIVACY_URL = '/packages/about/pages/privacy/index'
export const INTRO_URL = '/packages/about/pages/intro/index'

/**
 * Runs `fn` once the browser has painted the current frame. Answers that arrive while a page's first frame
 * is being built re-render it before it is ever shown (in throttled Chromium this held Home's first paint
 * back by about 250 ms), so pages paint their frame first and then load.
 */
export function afterPaint(fn: () => void) {
  if (process.env.TARO_ENV === 'h5' && typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(fn, 0))
  } else {
    fn()
  }
}

/**
 * Sends a resident who has not agreed to the current privacy notice to it, and one without a session to the
 * login page, whenever the page is shown.
 */
export function useRequireSession(onShow?: () => void) {
  const session = useAppStore(selectSession)
  useDidShow(() => {
    if (selectNeedsConsent(useAppStore.getState())) {
      // A first launch walks through what counts and how it is computed before the notice.
      Taro.navigateTo({ url: useAppStore.getState().introSeen ? PRIVACY_URL : INTRO_URL }).catch(() => undefined)
      return
    }
    if (!useAppStore.getState().session) {
      Taro.navigateTo({ url: LOGIN_URL }).catch(() => undefined)
      return
    }
    if (onShow) afterPaint(onShow)
  })
  return session
}
