import { View } from '@tarojs/components'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { ChallengeCard } from '@/components/ChallengeCard'
import { Notice } from '@/components/Notice'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { useT } from '@/components/useT'
import { useTextScale } from '@/components/TextScale'
import { useAppStore } from '@/store'
import { GroupCard } from './parts/GroupCard'
import { GroupForms } from './parts/GroupForms'
import { NewChallengeForm } from './parts/NewChallengeForm'

/** The Challenges tab: my challenges, open ones to join, my groups (start, join, invite), finished ones. */
export default function ChallengesPage() {
  const textScale = useTextScale()
  usePageTitle('title.challenges', { tabPage: true })
  const t = useT()
  const groups = useAppStore((s) => s.groups)
  const challenges = useAppStore((s) => s.challenges)
  const action = useAction(t)
  // Opened from a shared card: the invite code arrives in the page's query (a tab opened directly has none).
  const invite = useRouter()?.params?.invite ?? ''
  useShareAppMessage((res) => {
    const target = res.target as { dataset?: { code?: string; name?: string } } | undefined
    const code = target?.dataset?.code
    return code
      ? { title: `${t('ch.joinGroup')}「${target?.dataset?.name ?? ''}」`, path: `/pages/challenges/index?invite=${code}` }
      : { title: t('tab.challenges'), path: '/pages/challenges/index' }
  })
  const session = useRequireSession(() => {
    void action.run(useAppStore.getState().loadCommunity)
  })
  if (!session) return <View className='page' />
  const led = groups.filter((g) => g.isLeader)
  const join = (id: string) => void action.run(() => useAppStore.getState().joinChallenge(id))

  return (
    <View className='page challenges' style={textScale}>
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      <View className='section-title'>{t('ch.mine')}</View>
      {challenges.mine.length === 0 ? <View className='muted'>{t('ch.emptyHint')}</View> : null}
      {challenges.mine.map((c) => (
        <ChallengeCard key={c.id} challenge={c} t={t} />
      ))}
      <View className='section-title'>{t('ch.open')}</View>
      {challenges.open.length === 0 ? <View className='muted'>{t('ch.none')}</View> : null}
      {challenges.open.map((c) => (
        <ChallengeCard key={c.id} challenge={c} t={t} onJoin={() => join(c.id)} />
      ))}

      <View className='section-title'>{t('ch.myGroups')}</View>
      {groups.length === 0 ? <View className='muted'>{t('ch.noGroups')}</View> : null}
      {groups.map((g) => (
        <GroupCard key={g.id} group={g} t={t} action={action} />
      ))}
      <GroupForms t={t} action={action} initialInvite={invite} />
      {led.length > 0 ? <NewChallengeForm led={led} t={t} action={action} /> : null}

      {challenges.finished.length > 0 ? <View className='section-title'>{t('ch.finished')}</View> : null}
      {challenges.finished.map((c) => (
        <ChallengeCard key={c.id} challenge={c} t={t} />
      ))}
    </View>
  )
}
