import { Text, View } from '@tarojs/components'
import { MESSAGES } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { parseWhole } from '@/components/numberInput'
import { unitOf } from '@/components/ChallengeCard'
import { Notice } from '@/components/Notice'
import { ProgressBar } from '@/components/ProgressBar'
import { useRequireSession } from '@/components/useSession'
import type { Challenge, Leaderboard } from '@/contract/types'
import type { MessageKey } from '@/i18n/messages'
import { errorText, usePackageT } from '@/components/useT'
import { useAppStore } from '@/store'
import '@/pages/wallet/index.scss'
import { usePageTitle } from '@/components/usePageTitle'

export default function ChallengePage() {
  const textScale = useTextScale()
  usePageTitle('title.challenge')
  const t = usePackageT(MESSAGES)
  const { params } = useRouter()
  const id = params.id ?? ''
  const { loadChallenge, joinChallenge, fundChallenge } = useAppStore.getState()
  const isOrganizer = useAppStore((s) => s.session?.roles.includes('organizer') ?? false)
  const [data, setData] = useState<{ challenge: Challenge; board: Leaderboard } | undefined>()
  const [funding, setFunding] = useState('')
  const [error, setError] = useState<string | undefined>()
  const reload = () => loadChallenge(id).then(setData).catch((e) => setError(errorText(t, e)))
  const session = useRequireSession(() => {
    reload()
  })
  if (!session) return <View className='page' />
  if (error) return <View className='page'><Notice tone='error' lines={[error]} /></View>
  if (!data) return <View className='page muted'>{t('common.loading')}</View>
  const { challenge: c, board } = data
  const unit = unitOf(t, c)

  return (
    <View className='page challenge' style={textScale}>
      <View className='card'>
        <Text className='card__title'>{c.title}</Text>
        {c.description ? <Text className='muted'>{c.description}</Text> : null}
        <Text className='reward__fact'>
          {t(`metric.${c.metric}` as MessageKey)} · {c.startDay} – {c.endDay} · {t('ch.daysLeft', { days: c.daysLeft })}
        </Text>
        <Text className='reward__fact' id='challenge-reward'>
          {c.myBonusPaid ? t('ch.paid') : c.myCompleted ? t('ch.badge') : c.paysPoints ? t('ch.bonus', { points: c.bonusPoints }) : t('ch.reward')}
        </Text>
        <Text className='reward__fact' id='challenge-budget'>
          {c.paysPoints ? t('ch.budgetLeft', { points: c.budgetLeftPoints }) : c.budgetPoints > 0 ? t('ch.budgetOut') : t('ch.noBudget')}
        </Text>
        {c.targetPerMember !== undefined && c.joined ? (
          <View id='my-progress'>
            <ProgressBar value={c.myValue} max={c.targetPerMember} label={t('ch.progress', { value: c.myValue, target: c.targetPerMember, unit })} />
            <Text className='reward__fact'>{t('ch.progress', { value: c.myValue, target: c.targetPerMember, unit })}</Text>
          </View>
        ) : null}
        {c.targetGroup !== undefined ? (
          <View>
            <ProgressBar value={c.groupValue ?? 0} max={c.targetGroup} label={t('ch.groupProgress', { value: c.groupValue ?? 0, target: c.targetGroup, unit })} />
            <Text className='reward__fact'>{t('ch.groupProgress', { value: c.groupValue ?? 0, target: c.targetGroup, unit })}</Text>
          </View>
        ) : null}
        {isOrganizer && c.status !== 'finished' ? (
          <View id='fund-challenge'>
            <Field id='fund-points' label={t('ch.fundField')} type='number' value={funding} onInput={setFunding} />
            <ActionButton
              variant='secondary'
              label={t('ch.fund')}
              onClick={() => {
                const points = parseWhole(funding)
                if (!Number.isSafeInteger(points) || points < 1) return setError(t('ch.fundError'))
                fundChallenge(c.id, points).then(() => setFunding('')).then(reload).catch((e) => setError(errorText(t, e)))
              }}
            />
          </View>
        ) : null}
        {!c.joined && c.status !== 'finished' ? (
          <ActionButton label={t('ch.joinNamed', { title: c.title })} onClick={() => joinChallenge(c.id).then(reload).catch((e) => setError(errorText(t, e)))}>
            {t('ch.join')}
          </ActionButton>
        ) : null}
      </View>
      <View className='section-title'>{t('ch.board')}</View>
      {board.me ? <Text className='muted' id='my-rank'>{t('ch.myRank', { rank: board.me.rank })}</Text> : null}
      <View className='entries' role='list'>
        {board.rows.map((r) => (
          <View key={`${r.rank}-${r.nickname}`} className={`entry${r.isMe ? ' entry--me' : ''}`} role='listitem'>
            <Text className='entry__title'>
              {r.rank}. {r.nickname}
            </Text>
            <Text className='entry__points'>
              {r.value} {unit}
            </Text>
          </View>
        ))}
      </View>
      {board.groups.length > 1
        ? board.groups.map((g) => (
            <Text key={g.groupId} className='reward__fact'>
              {g.name}: {g.value} {unit}
            </Text>
          ))
        : null}
    </View>
  )
}
