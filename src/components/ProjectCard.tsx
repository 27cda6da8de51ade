import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Project } from '../contract/types'
import type { Translate } from '../i18n'
import { localName, localText } from '../i18n/localName'
import { selectLang, useAppStore } from '../store'
import { ActionButton } from './ActionButton'
import { Field } from './Field'
import { parseWhole } from './numberInput'
import { ProgressBar } from './ProgressBar'

export interface ProjectCardProps {
  project: Project
  balance: number | undefined
  busy: boolean
  t: Translate
  onDonate(points: number): void
}

export function ProjectCard({ project, balance, busy, t, onDonate }: ProjectCardProps) {
  const [amount, setAmount] = useState('')
  const [touched, setTouched] = useState(false)
  const points = parseWhole(amount)
  const invalid = !(points >= 1 && (balance === undefined || points <= balance))
  const lang = useAppStore(selectLang)
  const title = localName(project, lang)
  const description = localText(project.description, project.descriptionEn, lang)
  const progress = t('projects.progress', { raised: project.raisedPoints, goal: project.goalPoints, donors: project.donors })
  return (
    <View className='card project'>
      <Text className='reward__title'>{title}</Text>
      {description ? <Text className='muted'>{description}</Text> : null}
      <ProgressBar value={project.raisedPoints} max={project.goalPoints} label={progress} />
      <Text className='reward__fact'>{progress}</Text>
      {project.myPoints > 0 ? <Text className='reward__fact'>{t('projects.mine', { points: project.myPoints })}</Text> : null}
      <Field
        id={`donate-${project.id}`}
        label={t('projects.amount')}
        type='number'
        value={amount}
        onInput={setAmount}
        error={touched && invalid ? t('projects.amountError') : undefined}
      />
      <ActionButton
        label={t('projects.donateNamed', { title })}
        disabled={busy}
        loading={busy}
        onClick={() => {
          setTouched(true)
          if (!invalid) onDonate(points)
        }}
      >
        {t('projects.donate')}
      </ActionButton>
    </View>
  )
}
