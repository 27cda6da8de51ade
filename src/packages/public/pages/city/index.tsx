import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { usePackageT } from '@/components/useT'
import { BRAND } from '@/branding/brand'
import { selectLang, useAppStore } from '@/store'
import { MESSAGES } from '../../messages'
import { usePublicStore } from '../../store'
import './index.scss'
import { CityFigures, CommunityBoard, EvidenceShare, IssuanceChart, ProjectsBoard } from './parts/CityParts'

const REFRESH_MS = 10_000

/** What the city achieved together, for anyone without logging in: no person is named or counted alone. */
export default function CityDashboardPage() {
  const textScale = useTextScale()
  usePageTitle('city.title')
  const t = usePackageT(MESSAGES)
  const lang = useAppStore(selectLang)
  const board = usePublicStore((s) => s.dashboard)
  const { run, noticeProps } = useAction(t)
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  useDidShow(() => {
    void run(() => usePublicStore.getState().loadDashboard())
    clearInterval(timer.current)
    timer.current = setInterval(
      () =>
        void usePublicStore
          .getState()
          .loadDashboard()
          .catch(() => undefined),
      REFRESH_MS,
    )
  })
  useDidHide(() => clearInterval(timer.current))
  useUnload(() => clearInterval(timer.current))
  // A page taken away without an unload (a test's unmount, H5's router in some paths) must not refresh for nobody.
  useEffect(() => () => clearInterval(timer.current), [])

  return (
    <View className='page city' style={textScale}>
      <Text className='page-title'>{BRAND.name[lang]}</Text>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {board ? (
        <View>
          <CityFigures board={board} t={t} />
          <CommunityBoard board={board} t={t} />
          <EvidenceShare board={board} t={t} />
          <IssuanceChart board={board} t={t} />
          <ProjectsBoard board={board} t={t} />
          <Text className='muted city__asof'>{t('city.asOf', { time: board.asOf.slice(0, 16).replace('T', ' ') })}</Text>
        </View>
      ) : null}
      <ActionButton variant='secondary' label={t('city.verify')} onClick={() => Taro.navigateTo({ url: '/packages/public/pages/verify/index' })} />
    </View>
  )
}
