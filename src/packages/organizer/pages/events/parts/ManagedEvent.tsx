import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/ActionButton'
import { ConfirmAction } from '@/components/ConfirmAction'
import type { Action } from '@/components/useAction'
import { errorText } from '@/components/useT'
import type { CommunityEvent } from '@/contract/types'
import { eventWhen } from '@/core/events'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { saveTextFile } from '@/services/saveFile'
import type { PackageKey } from '../../../messages'
import { RotatingCode } from '../../../parts/RotatingCode'
import { useOrganizerStore } from '../../../store'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

interface ManagedEventProps {
  event: CommunityEvent
  communityName: string
  /** its attendance code is on screen */
  showing: boolean
  setShowing(eventId: string | undefined): void
  action: Action
  t: Translate<MessageKey | PackageKey>
}

/** One announced event: who is coming, its rotating attendance code on site, calling it off, the attendance export. */
export function ManagedEvent({ event: e, communityName, showing, setShowing, action: { run, busy }, t }: ManagedEventProps) {
  const title = localName(e, useAppStore(selectLang))
  const callOff = () =>
    run(async () => {
      await useOrganizerStore.getState().callOff(e.id)
      setShowing(undefined)
      return t('event.calledOff', { title })
    })
  const exportList = () =>
    run(async () => {
      const { filename, csv } = await useOrganizerStore.getState().exportEvent(e.id)
      const how = await saveTextFile(filename, csv, 'text/csv;charset=utf-8')
      return how === 'downloaded' ? t('organizer.exported', { filename }) : t('organizer.copied')
    })
  return (
    <View className='card' id={`managed-event-${e.id}`}>
      <Text className='card__title'>{title}</Text>
      <Text>{eventWhen(e.startsAt, e.endsAt)}</Text>
      <Text>{e.place}</Text>
      <Text className='muted'>
        {communityName} · {t('event.taken', { taken: e.taken, slots: e.slots, points: e.rewardPoints })}
        {e.cancelled ? ` · ${t('event.cancelledMark')}` : ''}
      </Text>
      {e.location ? <Text className='muted'>{t('event.locationMark', { radius: e.location.radiusM })}</Text> : null}
      {e.cancelled ? null : showing ? (
        <View>
          <RotatingCode
            id={`event-code-${e.id}`}
            textId='event-code-text'
            codeKey={e.id}
            fetchCode={() => useOrganizerStore.getState().eventCode(e.id)}
            label={t('event.codeLabel', { title })}
            secondsLeft={(seconds) => t('display.left', { seconds })}
            describeError={(error) => errorText(t, error)}
          />
          <Text className='muted'>{t('event.codeHint')}</Text>
          <ActionButton variant='secondary' label={t('event.hideCode')} onClick={() => setShowing(undefined)} />
        </View>
      ) : (
        <ActionButton variant='secondary' label={t('event.showCodeNamed', { title })} onClick={() => setShowing(e.id)}>
          {t('event.showCode')}
        </ActionButton>
      )}
      {e.cancelled ? null : (
        <ConfirmAction
          label={t('event.callOffNamed', { title })}
          text={t('event.callOff')}
          question={t('event.callOffAsk', { title })}
          confirmLabel={t('event.callOffConfirm', { title })}
          cancelLabel={t('me.cancel')}
          busy={busy}
          onConfirm={callOff}
        />
      )}
      <ActionButton variant='secondary' label={t('event.exportNamed', { title })} onClick={exportList}>
        {t('event.export')}
      </ActionButton>
    </View>
  )
}
