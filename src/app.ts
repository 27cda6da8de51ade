import { useDidShow, useLaunch } from '@tarojs/taro'
import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { LOGIN_URL, PRIVACY_URL } from './components/useSession'
import { setUnauthenticatedHandler } from './services/cloud'
import { listenForPrivacyRequests } from './services/wechat'
import { useAppStore } from './store'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    listenForPrivacyRequests(() => {
      Taro.navigateTo({ url: PRIVACY_URL }).catch(() => undefined)
    })
    setUnauthenticatedHandler(() => {
      useAppStore.getState().logout()
      Taro.navigateTo({ url: LOGIN_URL }).catch(() => undefined)
    })
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
      // Queued check-ins go out as soon as the browser is back online.
      window.addEventListener('online', () => {
        useAppStore.getState().flushQueue().catch(() => undefined)
      })
    } else {
      Taro.onNetworkStatusChange((res) => {
        if (res.isConnected) useAppStore.getState().flushQueue().catch(() => undefined)
      })
    }
  })
  useDidShow(() => {
    useAppStore.getState().flushQueue().catch(() => undefined)
  })
  return children
}

export default App
