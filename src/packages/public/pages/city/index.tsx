import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useRef } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { ProgressBar } from '@/components/ProgressBar'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { usePackageT } from '@/components/useT'
import { BRAND } from '@/branding/brand'
import { PUBLIC_MIN_RESIDENTS, weekChangePercent } from '@/core/community'
import { formatKg } from '@/i18n'
import { selectLang, useAppStore } from '@/store'
import { MESSAGES } from '../../messages'
import { usePublicStore } from '../../store'
import './index.scss'

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
    timer.current = setInterval(() => void usePublicStore.getState().loadDashboard().catch(() => undefined), REFRESH_MS)
  })
  useDidHide(() => clearInterval(timer.current))
  useUnload(() => clearInterval(timer.current))

  const change = board ? weekChangePercent(board.thisWeek.gramsCo2e, board.lastWeek.gramsCo2e) : null
  const others = board?.otherCommunities
  const maxCommunityGrams = Math.max(1, ...(board?.communities.map((c) => c.gramsCo2eTotal) ?? []), others?.gramsCo2eTotal ?? 0)
  const othersLine = others ? t('city.communityLine', { residents: others.residents, kg: formatKg(others.gramsCo2eTotal), weekKg: formatKg(others.thisWeekGrams) }) : ''
  const issuance = board?.issuance ?? []
  const maxIssued = Math.max(1, ...issuance.map((m) => m.points))
  return (
    <View className='page city' style={textScale}>
      <Text className='page-title'>{BRAND.name[lang]}</Text>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {board ? (
        <View>
          <View className='city__figures'>
            <View className='city__figure card' id='city-residents'>
              <Text className='city__label'>{t('city.residents')}</Text>
              <Text className='city__value'>{board.residents}</Text>
            </View>
            <View className='city__figure card' id='city-total'>
              <Text className='city__label'>{t('city.total')}</Text>
              <Text className='city__value'>{formatKg(board.gramsCo2eTotal)} kg</Text>
            </View>
          </View>
          <View className='card' id='city-week'>
            <Text className='city__label'>{t('city.thisWeek')}</Text>
            <Text className='city__value'>{formatKg(board.thisWeek.gramsCo2e)} kg</Text>
            <Text className='muted'>
              {t('city.lastWeek', { kg: formatKg(board.lastWeek.gramsCo2e) })}
              {change === null ? '' : ` · ${t('city.change', { sign: change > 0 ? '+' : '', percent: change })}`}
            </Text>
          </View>
          <View className='section-title' role='heading' aria-level={2}>
            {t('city.communities')}
          </View>
          {board.communities.length === 0 && !others ? <Text className='muted'>{t('city.noCommunities')}</Text> : null}
          {board.communities.map((c) => {
            const line = t('city.communityLine', { residents: c.residents, kg: formatKg(c.gramsCo2eTotal), weekKg: formatKg(c.thisWeekGrams) })
            return (
              <View key={c.id} className='card city__community' id={`city-community-${c.id}`}>
                <Text className='card__title'>{c.name}</Text>
                <Text className='muted'>{line}</Text>
                <ProgressBar value={c.gramsCo2eTotal} max={maxCommunityGrams} label={`${c.name} ${line}`} />
              </View>
            )
          })}
          {others ? (
            <View className='card city__community' id='city-community-others'>
              <Text className='card__title'>{t('city.others')}</Text>
              <Text className='muted'>{t('city.othersCount', { count: others.communities, min: PUBLIC_MIN_RESIDENTS })}</Text>
              <Text className='muted'>{othersLine}</Text>
              <ProgressBar value={others.gramsCo2eTotal} max={maxCommunityGrams} label={`${t('city.others')} ${othersLine}`} />
            </View>
          ) : null}
          {issuance.length > 0 ? (
            <View>
              <View className='section-title' role='heading' aria-level={2}>
                {t('city.issuance')}
              </View>
              <View className='card' id='city-issuance'>
                <Text className='muted'>{t('city.issuanceHint')}</Text>
                {issuance.map((m) => {
                  const line = t('city.issuanceLine', { month: m.month, points: m.points })
                  return (
                    <View key={m.month} className='city__month' id={`city-issuance-${m.month}`}>
                      <Text className='city__month-label'>{line}</Text>
                      <ProgressBar value={m.points} max={maxIssued} label={line} />
                    </View>
                  )
                })}
              </View>
            </View>
          ) : null}
          <View className='section-title' role='heading' aria-level={2}>
            {t('city.projects')}
          </View>
          {board.projects.map((p) => {
            const line = t('city.projectLine', { raised: p.raisedPoints, goal: p.goalPoints, donors: p.donors })
            return (
              <View key={p.id} className='card' id={`city-project-${p.id}`}>
                <Text className='card__title'>{p.title}</Text>
                <Text className='muted'>{line}</Text>
                <ProgressBar value={p.raisedPoints} max={p.goalPoints} label={`${p.title} ${line}`} />
              </View>
            )
          })}
          <Text className='muted city__asof'>{t('city.asOf', { time: board.asOf.slice(0, 16).replace('T', ' ') })}</Text>
        </View>
      ) : null}
      <ActionButton variant='secondary' label={t('city.verify')} onClick={() => Taro.navigateTo({ url: '/packages/public/pages/verify/index' })} />
    </View>
  )
}
