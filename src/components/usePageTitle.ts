import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import type { MessageKey } from '../i18n/messages'
import { useT } from '../i18n/useT'
import { selectLang, useAppStore } from '../store'

/** The tab bar's pages in app.config.ts order, and the message naming each. */
const TABS: MessageKey[] = ['tab.home', 'tab.wallet', 'tab.challenges', 'tab.rewards', 'tab.me']

/**
 * Titles follow the resident's language: app.config.ts can only hold one, so each page sets its navigation
 * title when shown, and a tab page relabels the tab bar (WeChat keeps the labels until the app is closed).
 */
export function usePageTitle(titleKey: MessageKey, { tabPage = false } = {}) {
  const t = useT()
  const lang = useAppStore(selectLang)
  const apply = () => {
    Taro.setNavigationBarTitle({ title: t(titleKey) }).catch(() => undefined)
    if (tabPage) {
      TABS.forEach((key, index) => {
        Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined)
      })
    }
  }
  useDidShow(apply)
  useEffect(apply, [lang])
}
