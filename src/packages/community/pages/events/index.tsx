import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import type { CommunityEvent } from '@/contract/types'
import { eventWhen } from '@/core/events'
import { LocationError } from '@/services/location'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'
import { MESSAGES, type PackageKey } from '../../messages'
import { OffSiteError, useEventsStore } from '../../eventsStore'
import './index.scss'

/** The public-welfare events of the resident's community: sign up, give the place back, check in on site. */
export default function EventsPage() {
  const textScale = useTextScale()
  usePageTitle('events.title')
  const t = usePackageT(MESSAGES)
  const events = useEventsStore((s) => s.events)
  const community = useAppStore((s) => s.myCommunity?.community)
  const [code, setCode] = useState('')
  const { run, busy, say, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(async () => {
      await Promise.all([useEventsStore.getState().load(), useAppStore.getState().loadMyCommunity()])
    })
  })
  if (!session) return <View className='page' />

  const attend = (text: string) =>
    run(async () => {
      try {
        const { event, points } = await useEventsStore.getState().attend(text.trim())
        setCode('')
        const title = localName(event, useAppStore.getState().lang)
        return points > 0 ? t('ev.attended', { title, points }) : t('ev.attendedNoPoints', { title })
      } catch (error) {
        // the location check's refusals, in the resident's words; any other as the cloud said it
        if (error instanceof LocationError) say('error', t(error.code === 'DENIED' ? 'ev.locationDenied' : 'ev.locationUnavailable'))
        else if (error instanceof OffSiteError) say('error', t('ev.tooFar', { distance: error.distanceM, radius: error.radiusM }))
        else throw error
      }
    })

  const signedUp = events.some((e) => e.myStatus === 'signed')
  return (
    <View className='page events' style={textScale}>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {signedUp ? (
        <AttendCard
          locating={events.some((e) => e.myStatus === 'signed' && e.location)}
          code={code}
          setCode={setCode}
          busy={busy}
          attend={attend}
          onEmpty={() => say('error', t('ev.codeEmpty'))}
          t={t}
        />
      ) : null}
      {events.length === 0 && !busy ? <Text className='muted'>{community ? t('ev.empty') : t('ev.noCommunity')}</Text> : null}
      {events.map((e) => (
        <EventCard key={e.id} event={e} t={t} busy={busy} run={run} />
      ))}
    </View>
  )
}

interface AttendCardProps {
  /** a signed-up event checks the phone's position, so the resident is told why it is asked */
  locating: boolean
  code: string
  setCode(code: string): void
  busy: boolean
  attend(code: string): Promise<boolean>
  onEmpty(): void
  t(key: PackageKey, params?: Record<string, string | number>): string
}

/** Checking in at an event: its rotating code scanned (weapp) or typed. */
function AttendCard({ locating, code, setCode, busy, attend, onEmpty, t }: AttendCardProps) {
  async function scan() {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await attend(result)
    } catch {
      // cancelled by the resident
    }
  }
  return (
    <View className='card' id='event-attend'>
      <View className='section-title' role='heading' aria-level={2}>
        {t('ev.attend')}
      </View>
      <Text className='muted'>{t('ev.attendHint')}</Text>
      {locating ? (
        <Text className='muted' id='event-location-why'>
          {t('ev.locationWhy')}
        </Text>
      ) : null}
      {process.env.TARO_ENV === 'weapp' ? <ActionButton label={t('ev.scan')} onClick={scan} /> : null}
      <Field id='event-code' label={t('ev.code')} hint={t('ev.codeHint')} value={code} onInput={setCode} />
      <ActionButton
        variant={process.env.TARO_ENV === 'weapp' ? 'secondary' : 'primary'}
        label={t('ev.submit')}
        loading={busy}
        onClick={() => (code.trim() ? attend(code) : onEmpty())}
      />
    </View>
  )
}

interface EventCardProps {
  event: CommunityEvent
  t(key: PackageKey, params?: Record<string, string | number>): string
  busy: boolean
  run(work: () => Promise<string | void>): Promise<boolean>
}

function EventCard({ event: e, t, busy, run }: EventCardProps) {
  const full = e.taken >= e.slots
  const title = localName(e, useAppStore(selectLang))
  return (
    <View className='card event-card' id={`event-${e.id}`}>
      <Text className='card__title'>{title}</Text>
      <Text>{eventWhen(e.startsAt, e.endsAt)}</Text>
      <Text>{e.place}</Text>
      <Text className='muted'>
        {t('ev.places', { taken: e.taken, slots: e.slots })}
        {e.rewardPoints > 0 ? ` · ${t('ev.reward', { points: e.rewardPoints })}` : ''}
      </Text>
      {e.cancelled ? <Text className='muted'>{t('ev.eventCancelled')}</Text> : null}
      {e.location && !e.cancelled && e.myStatus !== 'attended' ? (
        <Text className='muted' id={`event-location-${e.id}`}>
          {t('ev.locationNeeded')}
        </Text>
      ) : null}
      {e.myStatus === 'signed' || e.myStatus === 'attended' ? <Text className='event-card__status'>{t(`ev.status.${e.myStatus}`)}</Text> : null}
      {e.cancelled || e.myStatus === 'attended' ? null : e.myStatus === 'signed' ? (
        <ActionButton
          variant='secondary'
          label={t('ev.cancelNamed', { title })}
          loading={busy}
          onClick={() =>
            run(async () => {
              await useEventsStore.getState().giveBack(e.id)
              return t('ev.cancelled')
            })
          }
        >
          {t('ev.cancel')}
        </ActionButton>
      ) : (
        <ActionButton
          label={full ? t('ev.full') : t('ev.signUpNamed', { title })}
          disabled={full}
          loading={busy}
          onClick={() =>
            run(async () => {
              await useEventsStore.getState().signUp(e.id)
              return t('ev.signedUp', { title })
            })
          }
        >
          {full ? t('ev.full') : t('ev.signUp')}
        </ActionButton>
      )}
    </View>
  )
}
