import { Text, View } from '@tarojs/components'
import { pressable } from '@/components/pressable'
import { useTextScale } from '@/components/TextScale'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import { BRAND } from '@/branding/brand'
import { ProgressBar } from '@/components/ProgressBar'
import { formatKg } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { errorText, useT } from '@/components/useT'
import { selectLang, selectMethodology, selectQueue, selectWalletView, useAppStore } from '@/store'
import './index.scss'
import { factorLabelKey } from '@/i18n/factors'
import { weRunSource } from '@/services/wechat'
import { usePageTitle } from '@/components/usePageTitle'
import { GreenBud } from '@/components/GreenBud'
import { Equivalents } from '@/components/Equivalents'

const EVENTS_URL = '/packages/community/pages/events/index'
const COMMUNITY_URL = '/packages/me/pages/community/index'

export default function HomePage() {
  const textScale = useTextScale()
  usePageTitle(BRAND.name, { tabPage: true })
  const t = useT()
  const view = useAppStore(selectWalletView)
  // The copy kept from the last visit paints at once; what it says of "today" waits for the fresh one.
  const fresh = useAppStore((s) => s.walletFresh)
  const queue = useAppStore(selectQueue)
  const refreshWallet = useAppStore((s) => s.refreshWallet)
  const flushQueue = useAppStore((s) => s.flushQueue)
  const methodology = useAppStore(selectMethodology)
  const lang = useAppStore(selectLang)
  const [error, setError] = useState<string | undefined>()
  const syncSteps = useAppStore((s) => s.syncSteps)
  const upcomingEvents = useAppStore((s) => s.myCommunity?.upcomingEvents ?? 0)
  // A resident without a community, in a city that has some, is offered to join one.
  const noCommunity = useAppStore((s) => s.myCommunity !== undefined && s.myCommunity.community === null && s.communities.length > 0)
  const [syncing, setSyncing] = useState(false)
  const [stepsNotice, setStepsNotice] = useState<string | undefined>()
  const stepsSource = weRunSource()

  async function refresh() {
    setError(undefined)
    try {
      await flushQueue()
      await Promise.all([
        refreshWallet(),
        useAppStore.getState().methodology ? undefined : useAppStore.getState().loadCatalogue(),
        useAppStore.getState().loadMyCommunity(),
        // Only for the "join your community" hint: communities are never removed, so a list once non-empty stays so.
        useAppStore.getState().communities.length > 0 ? undefined : useAppStore.getState().loadCommunities(),
      ])
    } catch (e) {
      setError(errorText(t, e))
    }
  }

  const session = useRequireSession(() => {
    refresh()
  })
  if (!session) return <View className='page' />

  return (
    <View className='page home' style={textScale}>
      <Text className='home__welcome'>{BRAND.welcome[lang]}</Text>
      <View
        className='wallet-card'
        ariaLabel={t('home.balance')}
        style={{ background: `linear-gradient(135deg, ${BRAND.colors.primary}, ${BRAND.colors.primaryDark})` }}
      >
        <Text className='wallet-card__label'>{t('home.balance')}</Text>
        <Text className='wallet-card__points' id='points-balance'>
          {view ? view.wallet.pointsBalance : '—'}
        </Text>
        <View className='wallet-card__row'>
          <View className='wallet-card__cell'>
            <Text className='wallet-card__label'>{t('home.total')}</Text>
            <Text className='wallet-card__value' id='total-kg'>
              {view ? t('common.kg', { kg: formatKg(view.wallet.gramsCo2eTotal) }) : '—'}
            </Text>
          </View>
          <View className='wallet-card__cell'>
            <Text className='wallet-card__label'>{t('home.today')}</Text>
            <Text className='wallet-card__value' id='today-grams'>
              {view && fresh ? t('common.g', { grams: view.today.gramsCo2e }) : '—'}
            </Text>
          </View>
        </View>
        {view && fresh ? <Text className='wallet-card__streak'>{t('home.streak', { days: view.streakDays })}</Text> : null}
        {view && (view.wallet.pointsHeld ?? 0) > 0 ? (
          <Text className='wallet-card__held' id='points-held'>
            {t('home.held', { points: view.wallet.pointsHeld ?? 0 })}
          </Text>
        ) : null}
      </View>

      {view ? <GreenBud totalGrams={view.wallet.gramsCo2eTotal} t={t} lang={lang} /> : null}
      {view ? <Equivalents gramsCo2e={view.wallet.gramsCo2eTotal} t={t} id='home-equivalents' /> : null}
      {view && view.wallet.gramsCo2eTotal === 0 && queue.length === 0 ? (
        <View className='first-step card' id='first-step'>
          <View className='section-title' role='heading' aria-level={2}>
            {t('intro.start.title')}
          </View>
          <Text className='first-step__body'>{t('intro.start.body')}</Text>
          <ActionButton label={t('intro.start.travel')} onClick={() => Taro.navigateTo({ url: '/pages/travel/index' })} />
          <ActionButton variant='secondary' label={t('intro.start.recycling')} onClick={() => Taro.navigateTo({ url: '/pages/recycling/index' })} />
        </View>
      ) : null}
      {error ? <Notice tone='error' lines={[error]} /> : null}
      {queue.length > 0 ? (
        <View className='pending'>
          <Notice
            tone='info'
            lines={[
              t('home.pending', { count: queue.length }),
              ...queue.map((q) =>
                t('home.pendingItem', {
                  what: `${q.payload.kind === 'travel' ? t(`mode.${q.payload.mode}` as MessageKey) + ' ' + q.payload.distanceKm + ' km' : t(`material.${q.payload.material}` as MessageKey) + ' ' + q.payload.weightKg + ' kg'}`,
                }),
              ),
            ]}
          />
          <ActionButton variant='secondary' label={t('home.sendNow')} onClick={refresh} />
        </View>
      ) : null}

      {upcomingEvents > 0 ? (
        <View
          className='link home__events'
          id='home-events'
          role='link'
          ariaLabel={t('home.events', { count: upcomingEvents })}
          onClick={() => Taro.navigateTo({ url: EVENTS_URL })}
          {...pressable(() => Taro.navigateTo({ url: EVENTS_URL }))}
        >
          {t('home.events', { count: upcomingEvents })}
        </View>
      ) : noCommunity ? (
        <View
          className='link home__events'
          id='home-community'
          role='link'
          ariaLabel={t('home.chooseCommunity')}
          onClick={() => Taro.navigateTo({ url: COMMUNITY_URL })}
          {...pressable(() => Taro.navigateTo({ url: COMMUNITY_URL }))}
        >
          {t('home.chooseCommunity')}
        </View>
      ) : null}
      <View
        className='entry-card entry-card--travel'
        role='button'
        ariaLabel={t('home.travel')}
        onClick={() => Taro.navigateTo({ url: '/pages/travel/index' })}
        {...pressable(() => Taro.navigateTo({ url: '/pages/travel/index' }))}
      >
        <Text className='entry-card__title'>{t('home.travel')}</Text>
        <Text className='entry-card__hint'>{t('home.travelHint')}</Text>
      </View>
      <View
        className='entry-card entry-card--recycling'
        role='button'
        ariaLabel={t('home.recycling')}
        onClick={() => Taro.navigateTo({ url: '/pages/recycling/index' })}
        {...pressable(() => Taro.navigateTo({ url: '/pages/recycling/index' }))}
      >
        <Text className='entry-card__title'>{t('home.recycling')}</Text>
        <Text className='entry-card__hint'>{t('home.recyclingHint')}</Text>
      </View>
      {stepsSource ? (
        <View className='steps-sync'>
          <ActionButton
            variant='secondary'
            label={t(stepsSource === 'wechat' ? 'steps.sync' : 'steps.syncDev')}
            loading={syncing}
            onClick={() => {
              if (syncing) return
              setSyncing(true)
              setStepsNotice(undefined)
              syncSteps()
                .then((r) => {
                  const grams = r.days.reduce((sum, d) => sum + d.gramsCo2e, 0)
                  const points = r.days.reduce((sum, d) => sum + d.points, 0)
                  setStepsNotice(grams > 0 ? t('steps.synced', { grams, points }) : t('steps.nothingNew'))
                })
                .catch((e) => setError(errorText(t, e)))
                .finally(() => setSyncing(false))
            }}
          />
          {stepsNotice ? <Notice tone='success' lines={[stepsNotice]} /> : null}
        </View>
      ) : null}

      {view && fresh && methodology && view.todayByFactor.length > 0 ? (
        <View className='card'>
          <Text className='section-title'>{t('home.todayCaps')}</Text>
          {view.todayByFactor.map((f) => {
            const factor = methodology.factors.find((x) => x.id === f.factorId)
            if (!factor) return null
            const name = t(factorLabelKey(factor.id))
            const line = t('home.capLine', { used: f.gramsCo2e, cap: factor.dailyCapGrams })
            return (
              <View key={f.factorId} className='cap-row'>
                <View className='cap-row__head'>
                  <Text>{name}</Text>
                  <Text className='cap-row__value'>{line}</Text>
                </View>
                <ProgressBar value={f.gramsCo2e} max={factor.dailyCapGrams} label={`${name} ${line}`} />
              </View>
            )
          })}
        </View>
      ) : null}
      <View className='link' role='link' ariaLabel={t('home.methodology')} onClick={() => Taro.navigateTo({ url: '/packages/about/pages/methodology/index' })} {...pressable(() => Taro.navigateTo({ url: '/packages/about/pages/methodology/index' }))}>
        {t('home.methodology')}
      </View>
    </View>
  )
}
