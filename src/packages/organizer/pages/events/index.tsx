import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { MESSAGES } from '../../messages'
import { ScopeLine } from '../../parts/ScopeLine'
import { useOrganizerStore } from '../../store'
import { EventForm, newDraft, type Draft } from './parts/EventForm'
import { ManagedEvent } from './parts/ManagedEvent'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

/** Public-welfare events an organizer runs: announce one (its budget funded at once), show its attendance code on site, export who came. */
export default function EventsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.events')
  const t = usePackageT(MESSAGES)
  const { events, communities, scope, treasury } = useOrganizerStore()
  const [draft, setDraft] = useState<Draft | undefined>()
  const [showing, setShowing] = useState<string | undefined>()
  const action = useAction(t)
  const { run, busy, noticeProps } = action
  const lang = useAppStore(selectLang)
  const session = useRequireSession(() => {
    void run(async () => {
      await Promise.all([useOrganizerStore.getState().load(), useOrganizerStore.getState().loadEvents(), useOrganizerStore.getState().loadTreasury()])
    })
  })
  if (!session) return <View className='page' />
  const communityName = (id: string) => {
    const community = id ? communities.find((c) => c.id === id) : undefined
    return community ? localName(community, lang) : id || t('station.cityWide')
  }

  return (
    <View className='page events-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {draft ? (
        <EventForm draft={draft} setDraft={setDraft} action={action} t={t} scope={scope} communities={communities} treasury={treasury} />
      ) : (
        <ActionButton label={t('event.new')} onClick={() => setDraft(newDraft(scope))} />
      )}
      {events.length === 0 && !busy ? <Text className='muted'>{t('event.none')}</Text> : null}
      {events.map((e) => (
        <ManagedEvent
          key={e.id}
          event={e}
          communityName={communityName(e.communityId)}
          showing={showing === e.id}
          setShowing={setShowing}
          action={action}
          t={t}
        />
      ))}
    </View>
  )
}
