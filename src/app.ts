import { useDidShow, useLaunch } from '@tarojs/taro'
import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { applyTextScaleToDocument } from './components/TextScale'
import { LOGIN_URL, PRIVACY_URL } from './components/useSession'
import { setUnauthenticatedHandler } from './services/cloud'
import { listenForPrivacyRequests } from './services/wechat'
import { useAppStore } from './store'
import './app.scss'

/**
 * Taro's H5 pages scroll inside their own container, which a keyboard cannot reach when the page has no
 * control to tab to (the methodology, an agreed privacy notice): make each page container focusable.
 */
function keyboardReachablePages() {
  const mark = (el: Element) => {
    if (el.classList.contains('taro_page') && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
  }
  document.querySelectorAll('.taro_page').forEach(mark)
  // Pages are children of the router's element: watch only its child list, not every node the pages draw.
  const watchRouter = (router: Element) => {
    router.querySelectorAll(':scope > .taro_page').forEach(mark)
    new MutationObserver((changes) => {
      for (const change of changes) change.addedNodes.forEach((node) => node instanceof Element && mark(node))
    }).observe(router, { childList: true })
  }
  const router = document.querySelector('.taro_router')
  if (router) return watchRouter(router)
  const waiting = new MutationObserver(() => {
    const found = document.querySelector('.taro_router')
    if (!found) return
    waiting.disconnect()
    watchRouter(found)
  })
  waiting.observe(document.body, { childList: true, subtree: true })
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    applyTextScaleToDocument()
    listenForPrivacyRequests(() => {
      Taro.navigateTo({ url: PRIVACY_URL }).catch(() => undefined)
    })
    setUnauthenticatedHandler(() => {
      useAppStore.getState().logout()
      Taro.navigateTo({ url: LOGIN_URL }).catch(() => undefined)
    })
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
      keyboardReachablePages()
      // Queued check-ins go out as soon as the browser is back online.
      window.addEventListener('online', () => {
        useAppStore
          .getState()
          .flushQueue()
          .catch(() => undefined)
      })
    } else {
      Taro.onNetworkStatusChange((res) => {
        if (res.isConnected)
          useAppStore
            .getState()
            .flushQueue()
            .catch(() => undefined)
      })
    }
  })
  useDidShow(() => {
    useAppStore
      .getState()
      .flushQueue()
      .catch(() => undefined)
  })
  return children
}

export default App
