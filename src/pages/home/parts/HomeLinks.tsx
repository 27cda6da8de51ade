import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { pressable } from '@/components/pressable'
import type { Translate } from '@/i18n'
import { useAppStore } from '@/store'
import type { ReactNode } from 'react'

const TRAVEL_URL = '/pages/travel/index'
const RECYCLING_URL = '/pages/recycling/index'
const EVENTS_URL = '/packages/community/pages/events/index'
const COMMUNITY_URL = '/packages/me/pages/community/index'
const METHODOLOGY_URL = '/packages/about/pages/methodology/index'
const SCENE_URL = '/packages/me/pages/scene/index'

const go = (url: string) => () => Taro.navigateTo({ url })

/** A tappable view that names where it goes, to a screen reader and from the keyboard alike. */
function Tappable({
  url,
  label,
  role = 'link',
  className,
  id,
  children,
}: {
  url: string
  label: string
  role?: 'link' | 'button'
  className: string
  id?: string
  children: ReactNode
}) {
  return (
    <View className={className} id={id} role={role} ariaLabel={label} onClick={go(url)} {...pressable(go(url))}>
      {children}
    </View>
  )
}

/** A resident with nothing credited yet, and nothing waiting to be sent, is shown where to begin. */
export function FirstStep({ t }: { t: Translate }) {
  return (
    <View className='first-step card' id='first-step'>
      <View className='section-title' role='heading' aria-level={2}>
        {t('intro.start.title')}
      </View>
      <Text className='first-step__body'>{t('intro.start.body')}</Text>
      <ActionButton label={t('intro.start.travel')} onClick={go(TRAVEL_URL)} />
      <ActionButton variant='secondary' label={t('intro.start.recycling')} onClick={go(RECYCLING_URL)} />
    </View>
  )
}

/** Upcoming events of the resident's community; else, in a city that has communities, the offer to join one. */
export function CommunityHint({ t }: { t: Translate }) {
  const upcomingEvents = useAppStore((s) => s.myCommunity?.upcomingEvents ?? 0)
  const noCommunity = useAppStore((s) => s.myCommunity !== undefined && s.myCommunity.community === null && s.communities.length > 0)
  if (upcomingEvents > 0) {
    const label = t('home.events', { count: upcomingEvents })
    return (
      <Tappable className='link home__events' id='home-events' url={EVENTS_URL} label={label}>
        {label}
      </Tappable>
    )
  }
  if (!noCommunity) return null
  return (
    <Tappable className='link home__events' id='home-community' url={COMMUNITY_URL} label={t('home.chooseCommunity')}>
      {t('home.chooseCommunity')}
    </Tappable>
  )
}

/** The ways to earn: a trip, a drop at a station, and (a link to the subpackage) a low-carbon scene at a venue. */
export function EntryCards({ t }: { t: Translate }) {
  return (
    <>
      <Tappable className='entry-card entry-card--travel' role='button' url={TRAVEL_URL} label={t('home.travel')}>
        <Text className='entry-card__title'>{t('home.travel')}</Text>
        <Text className='entry-card__hint'>{t('home.travelHint')}</Text>
      </Tappable>
      <Tappable className='entry-card entry-card--recycling' role='button' url={RECYCLING_URL} label={t('home.recycling')}>
        <Text className='entry-card__title'>{t('home.recycling')}</Text>
        <Text className='entry-card__hint'>{t('home.recyclingHint')}</Text>
      </Tappable>
      <Tappable className='link' id='home-scene' url={SCENE_URL} label={t('home.scene')}>
        {t('home.scene')}
      </Tappable>
    </>
  )
}

export function MethodologyLink({ t }: { t: Translate }) {
  return (
    <Tappable className='link' url={METHODOLOGY_URL} label={t('home.methodology')}>
      {t('home.methodology')}
    </Tappable>
  )
}
