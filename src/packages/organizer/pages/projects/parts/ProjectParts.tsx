import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/ActionButton'
import { parseWhole } from '@/components/numberInput'
import { Field } from '@/components/Field'
import { ProgressBar } from '@/components/ProgressBar'
import type { Action } from '@/components/useAction'
import type { Project } from '@/contract/types'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'
import { useOrganizerStore } from '../../../store'
import { localName, localText } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

type T = Translate<MessageKey | PackageKey>

export interface Draft {
  id?: string
  title: string
  titleEn: string
  description: string
  descriptionEn: string
  goalPoints: string
}

export const EMPTY: Draft = { title: '', titleEn: '', description: '', descriptionEn: '', goalPoints: '' }

/** A new project, or an existing one's title, description and goal, checked before it is saved. */
export function ProjectForm({
  draft,
  setDraft,
  action: { run, busy, say },
  t,
}: {
  draft: Draft
  setDraft(update: (d: Draft | undefined) => Draft | undefined): void
  action: Action
  t: T
}) {
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))
  function save() {
    const goalPoints = parseWhole(draft.goalPoints)
    if (!draft.title.trim() || !(goalPoints >= 1)) {
      say('error', t('project.formError'))
      return
    }
    void run(async () => {
      await useOrganizerStore.getState().saveProject({
        ...(draft.id ? { id: draft.id } : {}),
        title: draft.title.trim(),
        titleEn: draft.titleEn.trim(),
        description: draft.description.trim(),
        descriptionEn: draft.descriptionEn.trim(),
        goalPoints,
      })
      setDraft(() => undefined)
      return t('organizer.saved')
    })
  }
  return (
    <View className='card' id='project-form'>
      <Field id='project-title' label={t('project.title')} hint={t('organizer.nameZhHint')} value={draft.title} onInput={set('title')} />
      <Field id='project-title-en' label={t('organizer.fieldTitleEn')} value={draft.titleEn} onInput={set('titleEn')} />
      <Field id='project-description' label={t('project.description')} value={draft.description} onInput={set('description')} />
      <Field id='project-description-en' label={t('organizer.fieldDescriptionEn')} value={draft.descriptionEn} onInput={set('descriptionEn')} />
      <Field id='project-goal' label={t('project.goal')} type='number' value={draft.goalPoints} onInput={set('goalPoints')} />
      <ActionButton label={t('organizer.save')} loading={busy} onClick={save} />
      <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(() => undefined)} />
    </View>
  )
}

/** One project and what it has raised; city organizers edit it, close it or open it again. */
export function ProjectCard({ project: p, onEdit, action: { run }, t }: { project: Project; onEdit: (() => void) | undefined; action: Action; t: T }) {
  const lang = useAppStore(selectLang)
  const title = localName(p, lang)
  const progress = t('project.progress', { raised: p.raisedPoints, goal: p.goalPoints, donors: p.donors })
  const setActive = (active: boolean) =>
    run(async () => {
      await useOrganizerStore.getState().saveProject({ id: p.id, title: p.title, description: p.description, goalPoints: p.goalPoints, active })
      return t('organizer.saved')
    })
  return (
    <View className='card' id={`project-${p.id}`}>
      <Text className='card__title'>{title}</Text>
      <Text className='muted'>{p.active ? t('project.open') : t('project.closed')}</Text>
      {p.description ? <Text>{localText(p.description, p.descriptionEn, lang)}</Text> : null}
      <Text>{progress}</Text>
      <ProgressBar value={p.raisedPoints} max={p.goalPoints} label={`${title} ${progress}`} />
      {onEdit ? (
        <View>
          <ActionButton variant='secondary' label={`${t('organizer.edit')} ${title}`} onClick={onEdit}>
            {t('organizer.edit')}
          </ActionButton>
          {p.active ? (
            <ActionButton variant='secondary' label={t('project.closeNamed', { title })} onClick={() => setActive(false)}>
              {t('project.close')}
            </ActionButton>
          ) : (
            <ActionButton variant='secondary' label={`${t('project.reopen')} ${title}`} onClick={() => setActive(true)}>
              {t('project.reopen')}
            </ActionButton>
          )}
        </View>
      ) : null}
    </View>
  )
}
