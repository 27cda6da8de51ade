import { Text, View } from '@tarojs/components'
import { MESSAGES } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { unitOf } from '@/components/ChallengeCard'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import type { Challenge, Leaderboard } from '@/contract/types'
import type { MessageKey } from '@/i18n/messages'
import { errorText, usePackageT } from '@/components/useT'
import { useAppStore } from '@/store'
import '@/pages/wallet/index.scss'
import { usePageTitle } from '@/components/usePageTitle'
import { ChallengeProgress, FundChallenge, LeaderboardList } from './parts/ChallengeParts'

export default function ChallengePage() {
  const textScale = useTextScale()
  usePageTitle('title.challenge')
  const t = usePackageT(MESSAGES)
  const { params } = useRouter()
  const id = params.id ?? ''
  const { loadChallenge, joinChallenge } = useAppStore.getState()
  const isOrganizer = useAppStore((s) => s.session?.roles.includes('organizer') ?? false)
  const [data, setData] = useState<{ challenge: Challenge; board: Leaderboard } | undefined>()
  const [error, setError] = useState<string | undefined>()
  // a string is the page's own words (a form check); anything else is a failure to put into words
  const fail = (e: unknown) => setError(typeof e === 'string' ? e : errorText(t, e))
  const reload = () => loadChallenge(id).then(setData).catch(fail)
  const session = useRequireSession(() => {
    reload()
  })
  if (!session) return <View className='page' />
  if (error)
    return (
      <View className='page'>
        <Notice tone='error' lines={[error]} />
      </View>
    )
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
        <ChallengeProgress challenge={c} unit={unit} t={t} />
        {isOrganizer && c.status !== 'finished' ? <FundChallenge challengeId={c.id} t={t} onError={fail} onFunded={reload} /> : null}
        {!c.joined && c.status !== 'finished' ? (
          <ActionButton label={t('ch.joinNamed', { title: c.title })} onClick={() => joinChallenge(c.id).then(reload).catch(fail)}>
            {t('ch.join')}
          </ActionButton>
        ) : null}
      </View>
      <LeaderboardList board={board} unit={unit} t={t} />
    </View>
  )
}
