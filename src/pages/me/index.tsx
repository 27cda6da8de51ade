import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '../../components/ActionButton'
import { Choices } from '../../components/Choices'
import { LOGIN_URL, useRequireSession } from '../../components/useSession'
import { useT } from '../../i18n/useT'
import { selectLang, useAppStore } from '../../store'
import type { Lang } from '../../i18n'

const ORGANIZER_TOOLS = [
  ['verify', 'organizer.verify'],
  ['review', 'organizer.review'],
  ['stats', 'organizer.stats'],
  ['rewards', 'organizer.rewards'],
] as const

export default function MePage() {
  const t = useT()
  const lang = useAppStore(selectLang)
  const setLang = useAppStore((s) => s.setLang)
  const logout = useAppStore((s) => s.logout)
  const session = useRequireSession()
  if (!session) return <View className='page' />

  return (
    <View className='page me'>
      <View className='card'>
        <Text className='card__title'>{session.nickname}</Text>
        <Text className='muted'>
          {session.roles.map((r) => t(r === 'organizer' ? 'me.organizer' : 'me.resident')).join(' · ')}
        </Text>
      </View>
      <View className='section-title'>{t('me.language')}</View>
      <Choices<Lang>
        label={t('me.language')}
        value={lang}
        onChange={setLang}
        options={[
          { value: 'zh-CN', text: '简体中文' },
          { value: 'en', text: 'English' },
        ]}
      />
      {session.roles.includes('organizer') ? (
        <View>
          <View className='section-title'>{t('me.organizerTools')}</View>
          {ORGANIZER_TOOLS.map(([page, key]) => (
            <ActionButton
              key={page}
              variant='secondary'
              label={t(key)}
              onClick={() => Taro.navigateTo({ url: `/packages/organizer/pages/${page}/index` })}
            />
          ))}
        </View>
      ) : null}
      <ActionButton
        variant='secondary'
        label={t('me.logout')}
        onClick={() => {
          logout()
          Taro.navigateTo({ url: LOGIN_URL })
        }}
      />
    </View>
  )
}
