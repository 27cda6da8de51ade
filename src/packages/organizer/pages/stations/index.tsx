import { View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import { useOrganizerStore } from '../../store'
import { MESSAGES } from '../../messages'
import { ScopeLine } from '../../parts/ScopeLine'
import { EMPTY, StationForm, StationRow, toDraft, type Draft } from './parts/StationParts'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

/** Stations an organizer runs: add, edit, retire, and open each one's printable QR. */
export default function StationsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.stations')
  const t = usePackageT(MESSAGES)
  const { stations, communities, scope } = useOrganizerStore()
  const [draft, setDraft] = useState<Draft | undefined>()
  const action = useAction(t)
  const lang = useAppStore(selectLang)
  const session = useRequireSession(() => {
    void action.run(() => useOrganizerStore.getState().load())
  })
  if (!session) return <View className='page' />
  const communityName = (id: string | undefined) => {
    const community = id ? communities.find((c) => c.id === id) : undefined
    return community ? localName(community, lang) : id || t('station.cityWide')
  }

  return (
    <View className='page stations-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {draft ? (
        <StationForm draft={draft} setDraft={setDraft} action={action} t={t} scope={scope} communities={communities} />
      ) : (
        <ActionButton label={t('station.new')} onClick={() => setDraft({ ...EMPTY, communityId: scope?.communityId ?? '' })} />
      )}
      {stations.map((s) => (
        <StationRow key={s.code} station={s} communityName={communityName(s.communityId)} onEdit={() => setDraft(toDraft(s))} action={action} t={t} />
      ))}
    </View>
  )
}
