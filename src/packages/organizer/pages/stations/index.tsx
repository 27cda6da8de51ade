import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { Toggles } from '@/components/Toggles'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import { MATERIALS } from '@/contract/constants'
import type { Material } from '@/contract/schemas'
import type { Station } from '@/contract/types'
import type { MessageKey } from '@/i18n/messages'
import { useOrganizerStore } from '../../store'
import { MESSAGES } from '../../messages'
import { ConfirmAction } from '../../parts/ConfirmAction'
import { ScopeLine } from '../../parts/ScopeLine'

interface Draft {
  existing: boolean
  code: string
  name: string
  address: string
  hours: string
  materials: Material[]
  communityId: string
}

const EMPTY: Draft = { existing: false, code: '', name: '', address: '', hours: '', materials: ['paper'], communityId: '' }
const CODE = /^[A-Za-z0-9_-]{1,32}$/

const toDraft = (s: Station): Draft => ({
  existing: true,
  code: s.code,
  name: s.name,
  address: s.address ?? '',
  hours: s.hours ?? '',
  materials: [...s.materials],
  communityId: s.communityId ?? '',
})

/** Stations an organizer runs: add, edit, retire, and open each one's printable QR. */
export default function StationsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.stations')
  const t = usePackageT(MESSAGES)
  const { stations, communities, scope } = useOrganizerStore()
  const [draft, setDraft] = useState<Draft | undefined>()
  const { run, busy, say, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(() => useOrganizerStore.getState().load())
  })
  if (!session) return <View className='page' />

  const set = <K extends keyof Draft>(field: K) => (value: Draft[K]) => setDraft((d) => (d ? { ...d, [field]: value } : d))
  const communityName = (id: string | undefined) => (id ? communities.find((c) => c.id === id)?.name ?? id : t('station.cityWide'))


  function save() {
    if (!draft) return
    if (!CODE.test(draft.code.trim()) || !draft.name.trim() || draft.materials.length === 0) {
      say('error', t('station.formError'))
      return
    }
    void run(async () => {
      await useOrganizerStore.getState().saveStation({
        code: draft.code.trim(),
        name: draft.name.trim(),
        address: draft.address.trim(),
        hours: draft.hours.trim(),
        materials: draft.materials,
        ...(scope?.communityId === null ? { communityId: draft.communityId } : {}),
      })
      setDraft(undefined)
      return t('organizer.saved')
    })
  }

  return (
    <View className='page stations-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {draft ? (
        <View className='card' id='station-form'>
          {draft.existing ? (
            <Text className='section-title'>{draft.code}</Text>
          ) : (
            <Field id='station-code' label={t('station.code')} hint={t('station.codeHint')} value={draft.code} onInput={set('code')} />
          )}
          <Field id='station-name' label={t('station.name')} value={draft.name} onInput={set('name')} />
          <Field id='station-address' label={t('station.address')} value={draft.address} onInput={set('address')} />
          <Field id='station-hours' label={t('station.hours')} value={draft.hours} onInput={set('hours')} />
          <Toggles<Material>
            label={t('station.materials')}
            values={draft.materials}
            onChange={set('materials')}
            options={MATERIALS.map((m) => ({ value: m, text: t(`material.${m}` as MessageKey) }))}
          />
          {scope?.communityId === null ? (
            <Choices
              label={t('station.community')}
              value={draft.communityId}
              onChange={set('communityId')}
              options={[{ value: '', text: t('station.cityWide') }, ...communities.map((c) => ({ value: c.id, text: c.name }))]}
            />
          ) : null}
          <ActionButton label={t('organizer.save')} loading={busy} onClick={save} />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(undefined)} />
        </View>
      ) : (
        <ActionButton label={t('station.new')} onClick={() => setDraft({ ...EMPTY, communityId: scope?.communityId ?? '' })} />
      )}
      {stations.map((s) => (
        <View key={s.code} className='card station-row' id={`station-${s.code}`}>
          <Text className='card__title'>{s.name}</Text>
          <Text className='muted'>
            {s.code} · {communityName(s.communityId)}
            {s.retiredAt ? ` · ${t('station.retired', { day: s.retiredAt.slice(0, 10) })}` : ''}
          </Text>
          {s.address ? <Text>{s.address}</Text> : null}
          {s.hours ? <Text>{s.hours}</Text> : null}
          <Text className='muted'>{s.materials.map((m) => t(`material.${m}` as MessageKey)).join('、')}</Text>
          {s.retiredAt ? null : (
            <View>
              <ActionButton variant='secondary' label={`${t('organizer.edit')} ${s.name}`} onClick={() => setDraft(toDraft(s))}>
                {t('organizer.edit')}
              </ActionButton>
              <ActionButton
                variant='secondary'
                label={t('station.printNamed', { name: s.name })}
                onClick={() => Taro.navigateTo({ url: `/packages/organizer/pages/station/index?code=${encodeURIComponent(s.code)}` })}
              >
                {t('station.print')}
              </ActionButton>
              <ConfirmAction
                label={t('station.retireNamed', { name: s.name })}
                text={t('station.retire')}
                question={t('station.retireAsk', { name: s.name })}
                confirmLabel={t('station.retireConfirm', { name: s.name })}
                cancelLabel={t('me.cancel')}
                busy={busy}
                onConfirm={() =>
                  run(async () => {
                    const done = await useOrganizerStore.getState().retireStation(s.code)
                    return t('station.retiredDone', { name: done.name })
                  })
                }
              />
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
