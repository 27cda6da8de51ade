import { Text, View } from '@tarojs/components'
import { BadgeList } from '@/components/BadgeList'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { useT } from '@/components/useT'
import { selectLang, useAppStore } from '@/store'
import './index.scss'
import { ProfileCard } from './parts/ProfileCard'
import { DeleteAccount, MeLinks, OrganizerTools, Preferences } from './parts/MeLinks'

export default function MePage() {
  const textScale = useTextScale()
  usePageTitle('title.me', { tabPage: true })
  const t = useT()
  const lang = useAppStore(selectLang)
  const achievements = useAppStore((s) => s.achievements)
  const session = useRequireSession(() => {
    // what this page shows besides the session; each is optional, so a failure leaves its part out
    const s = useAppStore.getState()
    s.loadAchievements().catch(() => undefined)
    s.loadInbox().catch(() => undefined)
    s.loadMyCommunity().catch(() => undefined)
  })
  const action = useAction(t)
  if (!session) return <View className='page' />

  return (
    <View className='page me' style={textScale}>
      <ProfileCard session={session} action={action} t={t} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {achievements ? (
        <View>
          <View className='section-title'>{t('me.badges')}</View>
          <BadgeList badges={achievements.badges} t={t} lang={lang} />
          <Text className='muted'>{t('home.streak', { days: achievements.streakDays })}</Text>
        </View>
      ) : null}
      <Preferences t={t} />
      {session.roles.includes('organizer') ? <OrganizerTools t={t} /> : null}
      <MeLinks action={action} t={t} />
      <DeleteAccount action={action} t={t} />
      <View className='section-title'>{t('me.about')}</View>
      <Text className='muted'>{t('me.aboutText')}</Text>
    </View>
  )
}
