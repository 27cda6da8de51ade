import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { parseWhole } from '@/components/numberInput'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { ProgressBar } from '@/components/ProgressBar'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import type { Project } from '@/contract/types'
import { useOrganizerStore } from '../../store'
import { MESSAGES } from '../../messages'
import { ScopeLine } from '../../parts/ScopeLine'

interface Draft {
  id?: string
  title: string
  description: string
  goalPoints: string
}

const EMPTY: Draft = { title: '', description: '', goalPoints: '' }

/** Public-good projects residents donate points to: open, edit, close or reopen (city organizers). */
export default function ProjectsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.projects')
  const t = usePackageT(MESSAGES)
  const { projects, communities, scope } = useOrganizerStore()
  const [draft, setDraft] = useState<Draft | undefined>()
  const { run, busy, say, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(() => useOrganizerStore.getState().load())
  })
  if (!session) return <View className='page' />
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))


  function save() {
    if (!draft) return
    const goalPoints = parseWhole(draft.goalPoints)
    if (!draft.title.trim() || !(goalPoints >= 1)) {
      say('error', t('project.formError'))
      return
    }
    void run(async () => {
      await useOrganizerStore.getState().saveProject({ ...(draft.id ? { id: draft.id } : {}), title: draft.title.trim(), description: draft.description.trim(), goalPoints })
      setDraft(undefined)
      return t('organizer.saved')
    })
  }

  const setActive = (p: Project, active: boolean) =>
    run(async () => {
      await useOrganizerStore.getState().saveProject({ id: p.id, title: p.title, description: p.description, goalPoints: p.goalPoints, active })
      return t('organizer.saved')
    })

  const cityOrganizer = scope?.communityId === null
  return (
    <View className='page projects-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {!cityOrganizer && !busy ? <Notice tone='info' lines={[t('project.cityOnly')]} /> : null}
      {cityOrganizer && draft ? (
        <View className='card' id='project-form'>
          <Field id='project-title' label={t('project.title')} value={draft.title} onInput={set('title')} />
          <Field id='project-description' label={t('project.description')} value={draft.description} onInput={set('description')} />
          <Field id='project-goal' label={t('project.goal')} type='number' value={draft.goalPoints} onInput={set('goalPoints')} />
          <ActionButton label={t('organizer.save')} loading={busy} onClick={save} />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(undefined)} />
        </View>
      ) : cityOrganizer ? (
        <ActionButton label={t('project.new')} onClick={() => setDraft({ ...EMPTY })} />
      ) : null}
      {projects.map((p) => (
        <View key={p.id} className='card' id={`project-${p.id}`}>
          <Text className='card__title'>{p.title}</Text>
          <Text className='muted'>{p.active ? t('project.open') : t('project.closed')}</Text>
          {p.description ? <Text>{p.description}</Text> : null}
          <Text>{t('project.progress', { raised: p.raisedPoints, goal: p.goalPoints, donors: p.donors })}</Text>
          <ProgressBar value={p.raisedPoints} max={p.goalPoints} label={`${p.title} ${t('project.progress', { raised: p.raisedPoints, goal: p.goalPoints, donors: p.donors })}`} />
          {cityOrganizer ? (
            <View>
              <ActionButton
                variant='secondary'
                label={`${t('organizer.edit')} ${p.title}`}
                onClick={() => setDraft({ id: p.id, title: p.title, description: p.description, goalPoints: String(p.goalPoints) })}
              >
                {t('organizer.edit')}
              </ActionButton>
              {p.active ? (
                <ActionButton variant='secondary' label={t('project.closeNamed', { title: p.title })} onClick={() => setActive(p, false)}>
                  {t('project.close')}
                </ActionButton>
              ) : (
                <ActionButton variant='secondary' label={`${t('project.reopen')} ${p.title}`} onClick={() => setActive(p, true)}>
                  {t('project.reopen')}
                </ActionButton>
              )}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
