import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { selectNeedsConsent, selectSession, useAppStore } from '../store'

export const LOGIN_URL = '/pages/login/index'
export const PRIVACY_URL = '/packages/about/pages/privacy/index'
export const INTRO_URL = '/packages/about/pages/intro/index'

/**
 * Runs `fn` once the browser has painted the current frame. Answers that arrive while a page's first frame
 * is being built re-render it before it is ever shown (in throttled Chromium this held Home's first paint
 * back by about 250 ms), so pages paint their frame first and then load. Answers a cancel: a page closed
 * before its frame was painted must not start loading for nobody.
 */
export function afterPaint(fn: () => void): () => void {
  if (process.env.TARO_ENV === 'h5' && typeof requestAnimationFrame === 'function') {
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(fn, 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }
  fn()
  return () => undefined
}

/**
 * Sends a resident who has not agreed to the current privacy notice to it, and one without a session to the
 * login page, whenever the page is shown.
 */
export function useRequireSession(onShow?: () => void) {
  const session = useAppStore(selectSession)
  // A page closed before its first frame painted cancels the load it asked for, or it would run for nobody.
  const cancelLoad = useRef<() => void>()
  useEffect(() => () => cancelLoad.current?.(), [])
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
    if (!onShow) return
    // Shown again before the last show's frame painted: one load is enough, and none may be left behind.
    cancelLoad.current?.()
    cancelLoad.current = afterPaint(onShow)
  })
  return session
}
