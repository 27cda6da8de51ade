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
import { EMPTY, ProjectCard, ProjectForm, type Draft } from './parts/ProjectParts'

/** Public-good projects residents donate points to: open, edit, close or reopen (city organizers). */
export default function ProjectsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.projects')
  const t = usePackageT(MESSAGES)
  const { projects, communities, scope } = useOrganizerStore()
  const [draft, setDraft] = useState<Draft | undefined>()
  const action = useAction(t)
  const session = useRequireSession(() => {
    void action.run(() => useOrganizerStore.getState().load())
  })
  if (!session) return <View className='page' />

  const cityOrganizer = scope?.communityId === null
  return (
    <View className='page projects-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {!cityOrganizer && !action.busy ? <Notice tone='info' lines={[t('project.cityOnly')]} /> : null}
      {cityOrganizer && draft ? (
        <ProjectForm draft={draft} setDraft={setDraft} action={action} t={t} />
      ) : cityOrganizer ? (
        <ActionButton label={t('project.new')} onClick={() => setDraft({ ...EMPTY })} />
      ) : null}
      {projects.map((p) => (
        <ProjectCard
          key={p.id}
          project={p}
          onEdit={
            cityOrganizer
              ? () =>
                  setDraft({
                    id: p.id,
                    title: p.title,
                    titleEn: p.titleEn ?? '',
                    description: p.description,
                    descriptionEn: p.descriptionEn ?? '',
                    goalPoints: String(p.goalPoints),
                  })
              : undefined
          }
          action={action}
          t={t}
        />
      ))}
    </View>
  )
}
