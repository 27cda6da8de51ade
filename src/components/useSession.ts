import Taro, { useDidShow } from '@tarojs/taro'
import { selectSession, useAppStore } from '../store'

export const LOGIN_URL = '/pages/login/index'

/** Sends a resident without a session to the login page whenever the page is shown. */
export function useRequireSession(onShow?: () => void) {
  const session = useAppStore(selectSession)
  useDidShow(() => {
    if (!useAppStore.getState().session) {
      Taro.navigateTo({ url: LOGIN_URL }).catch(() => undefined)
      return
    }
    onShow?.()
  })
  return session
}
