import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { ConfirmAction } from '@/components/ConfirmAction'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Toggles } from '@/components/Toggles'
import type { Action } from '@/components/useAction'
import { MATERIALS, SCENE_BEHAVIOURS, type SceneBehaviour } from '@/contract/constants'
import type { Material } from '@/contract/schemas'
import type { Community, OrganizerScopeView, Station } from '@/contract/types'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'
import { useOrganizerStore } from '../../../store'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

type T = Translate<MessageKey | PackageKey>

export interface Draft {
  existing: boolean
  code: string
  name: string
  nameEn: string
  address: string
  hours: string
  materials: Material[]
  /** issue 24: as a venue, the low-carbon scenes it enables (a café: own cup) */
  behaviours: SceneBehaviour[]
  communityId: string
}

export const EMPTY: Draft = { existing: false, code: '', name: '', nameEn: '', address: '', hours: '', materials: ['paper'], behaviours: [], communityId: '' }
const CODE = /^[A-Za-z0-9_-]{1,32}$/

export const toDraft = (s: Station): Draft => ({
  existing: true,
  code: s.code,
  name: s.name,
  nameEn: s.nameEn ?? '',
  address: s.address ?? '',
  hours: s.hours ?? '',
  materials: [...s.materials],
  behaviours: [...(s.behaviours ?? [])],
  communityId: s.communityId ?? '',
})

interface StationFormProps {
  draft: Draft
  setDraft(update: (d: Draft | undefined) => Draft | undefined): void
  action: Action
  t: T
  scope: OrganizerScopeView | undefined
  communities: Community[]
}

/** A new station, or an existing one's details (its code stays), checked before it is saved. */
export function StationForm({ draft, setDraft, action: { run, busy, say }, t, scope, communities }: StationFormProps) {
  const lang = useAppStore(selectLang)
  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) =>
      setDraft((d) => (d ? { ...d, [field]: value } : d))
  function save() {
    if (!CODE.test(draft.code.trim()) || !draft.name.trim() || draft.materials.length + draft.behaviours.length === 0) {
      say('error', t('station.formError'))
      return
    }
    void run(async () => {
      await useOrganizerStore.getState().saveStation({
        code: draft.code.trim(),
        name: draft.name.trim(),
        nameEn: draft.nameEn.trim(),
        address: draft.address.trim(),
        hours: draft.hours.trim(),
        materials: draft.materials,
        behaviours: draft.behaviours,
        ...(scope?.communityId === null ? { communityId: draft.communityId } : {}),
      })
      setDraft(() => undefined)
      return t('organizer.saved')
    })
  }

  return (
    <View className='card' id='station-form'>
      {draft.existing ? (
        <Text className='section-title'>{draft.code}</Text>
      ) : (
        <Field id='station-code' label={t('station.code')} hint={t('station.codeHint')} value={draft.code} onInput={set('code')} />
      )}
      <Field id='station-name' label={t('station.name')} hint={t('organizer.nameZhHint')} value={draft.name} onInput={set('name')} />
      <Field id='station-name-en' label={t('organizer.fieldTitleEn')} value={draft.nameEn} onInput={set('nameEn')} />
      <Field id='station-address' label={t('station.address')} value={draft.address} onInput={set('address')} />
      <Field id='station-hours' label={t('station.hours')} value={draft.hours} onInput={set('hours')} />
      <Toggles<Material>
        label={t('station.materials')}
        values={draft.materials}
        onChange={set('materials')}
        options={MATERIALS.map((m) => ({ value: m, text: t(`material.${m}` as MessageKey) }))}
      />
      <Toggles<SceneBehaviour>
        label={t('station.behaviours')}
        values={draft.behaviours}
        onChange={set('behaviours')}
        options={SCENE_BEHAVIOURS.map((b) => ({ value: b, text: t(`scene.${b}` as MessageKey) }))}
      />
      {scope?.communityId === null ? (
        <Choices
          label={t('station.community')}
          value={draft.communityId}
          onChange={set('communityId')}
          options={[{ value: '', text: t('station.cityWide') }, ...communities.map((c) => ({ value: c.id, text: localName(c, lang) }))]}
        />
      ) : null}
      <ActionButton label={t('organizer.save')} loading={busy} onClick={save} />
      <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(() => undefined)} />
    </View>
  )
}

/** One station: where, when, what it takes; edit, print its QR, or retire it (asked once more). */
export function StationRow({
  station: s,
  communityName,
  onEdit,
  action: { run, busy },
  t,
}: {
  station: Station
  communityName: string
  onEdit(): void
  action: Action
  t: T
}) {
  const name = localName(s, useAppStore(selectLang))
  const retire = () =>
    run(async () => {
      await useOrganizerStore.getState().retireStation(s.code)
      return t('station.retiredDone', { name })
    })
  return (
    <View className='card station-row' id={`station-${s.code}`}>
      <Text className='card__title'>{name}</Text>
      <Text className='muted'>
        {s.code} · {communityName}
        {s.retiredAt ? ` · ${t('station.retired', { day: s.retiredAt.slice(0, 10) })}` : ''}
      </Text>
      {s.address ? <Text>{s.address}</Text> : null}
      {s.hours ? <Text>{s.hours}</Text> : null}
      <Text className='muted'>{s.materials.map((m) => t(`material.${m}` as MessageKey)).join('、')}</Text>
      {s.behaviours?.length ? <Text className='muted'>{s.behaviours.map((b) => t(`scene.${b}` as MessageKey)).join('、')}</Text> : null}
      {s.retiredAt ? null : (
        <View>
          <ActionButton variant='secondary' label={`${t('organizer.edit')} ${name}`} onClick={onEdit}>
            {t('organizer.edit')}
          </ActionButton>
          <ActionButton
            variant='secondary'
            label={t('station.printNamed', { name })}
            onClick={() => Taro.navigateTo({ url: `/packages/organizer/pages/station/index?code=${encodeURIComponent(s.code)}` })}
          >
            {t('station.print')}
          </ActionButton>
          <ConfirmAction
            label={t('station.retireNamed', { name })}
            text={t('station.retire')}
            question={t('station.retireAsk', { name })}
            confirmLabel={t('station.retireConfirm', { name })}
            cancelLabel={t('me.cancel')}
            busy={busy}
            onConfirm={retire}
          />
        </View>
      )}
    </View>
  )
}
