import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { QrCode } from '@/components/QrCode'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import { communityQrText } from '@/core/communityQr'
import { useOrganizerStore } from '../../store'
import { MESSAGES } from '../../messages'
import { ScopeLine } from '../../parts/ScopeLine'

/** Communities and who runs them (city organizers): open or rename one, show its join QR, appoint its organizer. */
export default function CommunitiesAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.communities')
  const t = usePackageT(MESSAGES)
  const { communities, scope } = useOrganizerStore()
  const [draft, setDraft] = useState<{ id?: string; name: string } | undefined>()
  const [appointee, setAppointee] = useState('')
  const [appointFor, setAppointFor] = useState('')
  const [shownQr, setShownQr] = useState<string | undefined>()
  const { run, busy, say, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(() => useOrganizerStore.getState().load())
  })
  if (!session) return <View className='page' />


  const cityOrganizer = scope?.communityId === null
  return (
    <View className='page communities-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {!cityOrganizer && !busy ? <Notice tone='info' lines={[t('community.cityOnly')]} /> : null}
      {cityOrganizer && draft ? (
        <View className='card' id='community-form'>
          <Field id='community-name' label={t('community.name')} value={draft.name} onInput={(name) => setDraft({ ...draft, name })} />
          <ActionButton
            label={t('organizer.save')}
            loading={busy}
            onClick={() => {
              if (!draft.name.trim()) return say('error', t('community.formError'))
              void run(async () => {
                await useOrganizerStore.getState().saveCommunity({ ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim() })
                setDraft(undefined)
                return t('organizer.saved')
              })
            }}
          />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(undefined)} />
        </View>
      ) : cityOrganizer ? (
        <ActionButton label={t('community.new')} onClick={() => setDraft({ name: '' })} />
      ) : null}
      {communities.map((c) => (
        <View key={c.id} className='card' id={`community-${c.id}`}>
          <Text className='card__title'>{c.name}</Text>
          <Text className='muted'>{c.id}</Text>
          {shownQr === c.id ? (
            <View>
              <QrCode text={communityQrText(c.id)} label={t('community.qrLabel', { name: c.name })} />
              <Text className='muted'>{t('community.qrHint')}</Text>
            </View>
          ) : (
            <ActionButton variant='secondary' label={t('community.qrLabel', { name: c.name })} onClick={() => setShownQr(c.id)} />
          )}
          {cityOrganizer ? (
            <ActionButton variant='secondary' label={`${t('community.rename')} ${c.name}`} onClick={() => setDraft({ id: c.id, name: c.name })}>
              {t('community.rename')}
            </ActionButton>
          ) : null}
        </View>
      ))}
      {cityOrganizer && communities.length > 0 ? (
        <View className='card' id='appoint-form'>
          <View className='section-title' role='heading' aria-level={2}>
            {t('community.appoint')}
          </View>
          <Field id='appoint-openid' label={t('community.appointId')} value={appointee} onInput={setAppointee} />
          <Choices label={t('community.appointFor')} value={appointFor} onChange={setAppointFor} options={communities.map((c) => ({ value: c.id, text: c.name }))} />
          <ActionButton
            label={t('community.appoint')}
            loading={busy}
            disabled={!appointee.trim() || !appointFor}
            onClick={() =>
              run(async () => {
                await useOrganizerStore.getState().appoint(appointee.trim(), appointFor)
                setAppointee('')
                return t('community.appointed')
              })
            }
          />
        </View>
      ) : null}
    </View>
  )
}
