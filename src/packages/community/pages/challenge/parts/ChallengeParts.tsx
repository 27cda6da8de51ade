import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { parseWhole } from '@/components/numberInput'
import { ProgressBar } from '@/components/ProgressBar'
import type { Challenge, Leaderboard } from '@/contract/types'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { useAppStore } from '@/store'
import type { PackageKey } from '../../../messages'

type T = Translate<MessageKey | PackageKey>

/** The resident's own progress (once joined) and the group's, each as a bar and in words. */
export function ChallengeProgress({ challenge: c, unit, t }: { challenge: Challenge; unit: string; t: T }) {
  return (
    <>
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
    </>
  )
}

/** Organizers: fund the challenge's bonuses from their purse. */
export function FundChallenge({ challengeId, t, onError, onFunded }: { challengeId: string; t: T; onError(e: unknown): void; onFunded(): void }) {
  const [funding, setFunding] = useState('')
  const fund = () => {
    const points = parseWhole(funding)
    if (!Number.isSafeInteger(points) || points < 1) return onError(t('ch.fundError'))
    useAppStore
      .getState()
      .fundChallenge(challengeId, points)
      .then(() => setFunding(''))
      .then(onFunded)
      .catch(onError)
  }
  return (
    <View id='fund-challenge'>
      <Field id='fund-points' label={t('ch.fundField')} type='number' value={funding} onInput={setFunding} />
      <ActionButton variant='secondary' label={t('ch.fund')} onClick={fund} />
    </View>
  )
}

/** The leaderboard: the resident's rank, the rows, and each group's total when there are several. */
export function LeaderboardList({ board, unit, t }: { board: Leaderboard; unit: string; t: T }) {
  return (
    <>
      <View className='section-title'>{t('ch.board')}</View>
      {board.me ? (
        <Text className='muted' id='my-rank'>
          {t('ch.myRank', { rank: board.me.rank })}
        </Text>
      ) : null}
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
    </>
  )
}
