import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import type { Action } from '@/components/useAction'
import { CHALLENGE_METRICS, type ChallengeMetric, type TravelMode } from '@/contract/constants'
import type { Group } from '@/contract/types'
import { challengeMetricRule } from '@/core/kinds/faces'
import { addDays, shanghaiDay } from '@/core/time'
import type { MessageKey, Translate } from '@/i18n'
import { useAppStore } from '@/store'

export interface NewChallengeFormProps {
  /** the groups I lead: a challenge is started for one of them */
  led: Group[]
  t: Translate
  action: Action
}

/** A metric of one mode of its kind (src/core/kinds) is started with the kind's usual mode; the others take none. */
function withMode(metric: ChallengeMetric): { mode?: TravelMode } {
  const mode = challengeMetricRule(metric)?.defaultMode
  return mode === undefined ? {} : { mode: mode as TravelMode }
}

/** A group leader starts a challenge: title, metric, target per member, length in days, bonus. */
export function NewChallengeForm({ led, t, action }: NewChallengeFormProps) {
  const [form, setForm] = useState({ title: '', metric: 'gramsCo2e' as ChallengeMetric, target: '', days: '7', bonus: '50' })

  function submit(groupId: string) {
    const target = Number(form.target)
    const days = Number(form.days)
    const bonus = Number(form.bonus)
    if (!form.title.trim() || !(target > 0) || !Number.isInteger(days) || days < 1 || !Number.isInteger(bonus) || bonus < 1) {
      action.say('error', t('ch.formError'))
      return
    }
    const today = shanghaiDay(Date.now())
    void action.run(async () => {
      await useAppStore.getState().createChallenge({
        groupId,
        title: form.title.trim(),
        metric: form.metric,
        ...withMode(form.metric),
        targetPerMember: target,
        startDay: today,
        endDay: addDays(today, days - 1),
        bonusPoints: bonus,
      })
      return t('ch.created')
    })
  }

  return (
    <View className='card'>
      <Text className='reward__title'>{t('ch.create')}</Text>
      <Field id='ch-title' label={t('ch.title')} value={form.title} onInput={(v) => setForm({ ...form, title: v })} />
      <Choices<ChallengeMetric>
        label={t('ch.metric')}
        value={form.metric}
        onChange={(metric) => setForm({ ...form, metric })}
        options={CHALLENGE_METRICS.map((m) => ({ value: m, text: t(`metric.${m}` as MessageKey) }))}
      />
      <Field
        id='ch-target'
        type='digit'
        label={`${t('ch.target')} (${t(`unit.${form.metric}` as MessageKey)})`}
        value={form.target}
        onInput={(v) => setForm({ ...form, target: v })}
      />
      <Field id='ch-days' type='number' label={t('ch.days')} value={form.days} onInput={(v) => setForm({ ...form, days: v })} />
      <Field
        id='ch-bonus'
        type='number'
        label={t('ch.bonusField')}
        hint={t('ch.bonusHint')}
        value={form.bonus}
        onInput={(v) => setForm({ ...form, bonus: v })}
      />
      {led.map((g) => (
        <ActionButton key={g.id} label={`${t('ch.createSubmit')} · ${g.name}`} onClick={() => submit(g.id)} />
      ))}
    </View>
  )
}
