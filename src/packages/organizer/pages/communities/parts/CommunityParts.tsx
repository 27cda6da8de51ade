import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { QrCode } from '@/components/QrCode'
import type { Action } from '@/components/useAction'
import type { Community } from '@/contract/types'
import { communityQrText } from '@/core/communityQr'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'
import { useOrganizerStore } from '../../../store'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

type T = Translate<MessageKey | PackageKey>
export type CommunityDraft = { id?: string; name: string; nameEn: string }

/** A new community's name, or a new name for one (its id stays). */
export function CommunityForm({
  draft,
  setDraft,
  action: { run, busy, say },
  t,
}: {
  draft: CommunityDraft
  setDraft(d: CommunityDraft | undefined): void
  action: Action
  t: T
}) {
  const save = () => {
    if (!draft.name.trim()) return say('error', t('community.formError'))
    void run(async () => {
      await useOrganizerStore.getState().saveCommunity({ ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim(), nameEn: draft.nameEn.trim() })
      setDraft(undefined)
      return t('organizer.saved')
    })
  }
  return (
    <View className='card' id='community-form'>
      <Field
        id='community-name'
        label={t('community.name')}
        hint={t('organizer.nameZhHint')}
        value={draft.name}
        onInput={(name) => setDraft({ ...draft, name })}
      />
      <Field id='community-name-en' label={t('organizer.fieldTitleEn')} value={draft.nameEn} onInput={(nameEn) => setDraft({ ...draft, nameEn })} />
      <ActionButton label={t('organizer.save')} loading={busy} onClick={save} />
      <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(undefined)} />
    </View>
  )
}

interface CommunityCardProps {
  community: Community
  qrShown: boolean
  onShowQr(): void
  /** city organizers only */
  onRename: (() => void) | undefined
  t: T
}

/** One community: its id, its join QR on request, and (city organizers) renaming it. */
export function CommunityCard({ community: c, qrShown, onShowQr, onRename, t }: CommunityCardProps) {
  const name = localName(c, useAppStore(selectLang))
  return (
    <View className='card' id={`community-${c.id}`}>
      <Text className='card__title'>{name}</Text>
      <Text className='muted'>{c.id}</Text>
      {qrShown ? (
        <View>
          <QrCode text={communityQrText(c.id)} label={t('community.qrLabel', { name })} />
          <Text className='muted'>{t('community.qrHint')}</Text>
        </View>
      ) : (
        <ActionButton variant='secondary' label={t('community.qrLabel', { name })} onClick={onShowQr} />
      )}
      {onRename ? (
        <ActionButton variant='secondary' label={`${t('community.rename')} ${name}`} onClick={onRename}>
          {t('community.rename')}
        </ActionButton>
      ) : null}
    </View>
  )
}

/** Appointing a community's organizer by the ID their Me page shows. */
export function AppointForm({ communities, action: { run, busy }, t }: { communities: Community[]; action: Action; t: T }) {
  const [appointee, setAppointee] = useState('')
  const [appointFor, setAppointFor] = useState('')
  const lang = useAppStore(selectLang)
  const appoint = () =>
    run(async () => {
      await useOrganizerStore.getState().appoint(appointee.trim(), appointFor)
      setAppointee('')
      return t('community.appointed')
    })
  return (
    <View className='card' id='appoint-form'>
      <View className='section-title' role='heading' aria-level={2}>
        {t('community.appoint')}
      </View>
      <Field id='appoint-openid' label={t('community.appointId')} value={appointee} onInput={setAppointee} />
      <Choices
        label={t('community.appointFor')}
        value={appointFor}
        onChange={setAppointFor}
        options={communities.map((c) => ({ value: c.id, text: localName(c, lang) }))}
      />
      <ActionButton label={t('community.appoint')} loading={busy} disabled={!appointee.trim() || !appointFor} onClick={appoint} />
    </View>
  )
}
