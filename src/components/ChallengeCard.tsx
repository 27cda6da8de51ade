import { Text, View } from '@tarojs/components'
import { pressable } from './pressable'
import Taro from '@tarojs/taro'
import type { Challenge } from '../contract/types'
import type { Translate } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import { ActionButton } from './ActionButton'
import { ProgressBar } from './ProgressBar'

export const challengeUrl = (id: string) => `/packages/community/pages/challenge/index?id=${encodeURIComponent(id)}`

export function unitOf(t: Translate, c: Pick<Challenge, 'metric'>): string {
  return t(`unit.${c.metric}` as MessageKey)
}

export function ChallengeCard({ challenge: c, t, onJoin }: { challenge: Challenge; t: Translate; onJoin?: () => void }) {
  const target = c.targetPerMember ?? c.targetGroup ?? 0
  const value = c.targetPerMember !== undefined ? c.myValue : (c.groupValue ?? 0)
  const progress = t('ch.progress', { value, target, unit: unitOf(t, c) })
  return (
    <View
      className='card challenge-card'
      role='link'
      ariaLabel={c.title}
      onClick={() => Taro.navigateTo({ url: challengeUrl(c.id) })}
      {...pressable(() => Taro.navigateTo({ url: challengeUrl(c.id) }))}
    >
      <Text className='reward__title'>{c.title}</Text>
      <Text className='reward__fact'>
        {c.groupName ? `${c.groupName} · ` : ''}
        {t(`metric.${c.metric}` as MessageKey)} · {t('ch.daysLeft', { days: c.daysLeft })}
        {c.paysPoints ? ` · ${t('ch.bonus', { points: c.bonusPoints })}` : ''}
      </Text>
      {c.joined ? (
        <View>
          <ProgressBar value={value} max={target} label={progress} />
          <Text className='reward__fact'>
            {progress}
            {c.myBonusPaid ? ` · ${t('ch.paid')}` : c.myCompleted ? ` · ${t('ch.badge')}` : ''}
          </Text>
        </View>
      ) : onJoin ? (
        <ActionButton label={t('ch.joinNamed', { title: c.title })} onClick={onJoin}>
          {t('ch.join')}
        </ActionButton>
      ) : null}
    </View>
  )
}
