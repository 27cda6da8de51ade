import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { zh, type MessageKey } from '../i18n/messages'
import { useT } from './useT'
import { selectLang, useAppStore } from '../store'
import type { Lang } from '../i18n'

/** The tab bar's pages in app.config.ts order, and the message naming each. */
const TABS: (keyof typeof zh & MessageKey)[] = ['tab.home', 'tab.wallet', 'tab.challenges', 'tab.rewards', 'tab.me']

/**
 * On a cold load (H5) the page can be shown before the tab bar listens: Taro's H5 setTabBarItem then neither
 * succeeds nor fails, it is simply lost. So an attempt that has not succeeded within a moment is made again,
 * a few times.
 */
let generation = 0
/** What the tab bar shows now: app.config.ts's labels, which are the Chinese messages, until relabelled. */
let shownLabels = TABS.map((key) => zh[key]).join('|')

function relabelTabs(texts: string[], triesLeft = 10, mine = ++generation) {
  const attempt = Promise.all(texts.map((text, index) => Taro.setTabBarItem({ index, text })))
  const patience = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 300))
  Promise.race([attempt.then(() => 'done' as const), patience])
    .catch(() => 'late' as const)
    .then((outcome) => {
      // a newer relabelling (another page, another language) replaces this one's retries
      if (outcome === 'late' && triesLeft > 0 && mine === generation) relabelTabs(texts, triesLeft - 1, mine)
    })
}

/**
 * Titles follow the resident's language: app.config.ts can only hold one, so each page sets its navigation
 * title when shown, and a tab page relabels the tab bar (WeChat keeps the labels until the app is closed).
 */
export function usePageTitle(title: MessageKey | Record<Lang, string>, { tabPage = false } = {}) {
  const t = useT()
  const lang = useAppStore(selectLang)
  const apply = () => {
    // a message, or a text per language (Home shows the city's own name, from its branding)
    Taro.setNavigationBarTitle({ title: typeof title === 'string' ? t(title) : title[lang] }).catch(() => undefined)
    const labels = TABS.map((key) => t(key))
    // Labels already shown need no relabelling: a cold load in Chinese does no tab-bar work at all.
    if (tabPage && labels.join('|') !== shownLabels) {
      shownLabels = labels.join('|')
      relabelTabs(labels)
    }
  }
  useDidShow(apply)
  useEffect(apply, [lang])
}
