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
import { AppointForm, CommunityCard, CommunityForm, type CommunityDraft } from './parts/CommunityParts'

/** Communities and who runs them (city organizers): open or rename one, show its join QR, appoint its organizer. */
export default function CommunitiesAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.communities')
  const t = usePackageT(MESSAGES)
  const { communities, scope } = useOrganizerStore()
  const [draft, setDraft] = useState<CommunityDraft | undefined>()
  const [shownQr, setShownQr] = useState<string | undefined>()
  const action = useAction(t)
  const session = useRequireSession(() => {
    void action.run(() => useOrganizerStore.getState().load())
  })
  if (!session) return <View className='page' />

  const cityOrganizer = scope?.communityId === null
  return (
    <View className='page communities-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {!cityOrganizer && !action.busy ? <Notice tone='info' lines={[t('community.cityOnly')]} /> : null}
      {cityOrganizer && draft ? (
        <CommunityForm draft={draft} setDraft={setDraft} action={action} t={t} />
      ) : cityOrganizer ? (
        <ActionButton label={t('community.new')} onClick={() => setDraft({ name: '', nameEn: '' })} />
      ) : null}
      {communities.map((c) => (
        <CommunityCard
          key={c.id}
          community={c}
          qrShown={shownQr === c.id}
          onShowQr={() => setShownQr(c.id)}
          onRename={cityOrganizer ? () => setDraft({ id: c.id, name: c.name, nameEn: c.nameEn ?? '' }) : undefined}
          t={t}
        />
      ))}
      {cityOrganizer && communities.length > 0 ? <AppointForm communities={communities} action={action} t={t} /> : null}
    </View>
  )
}
