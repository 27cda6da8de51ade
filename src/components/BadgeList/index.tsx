import { Image, Text, View } from '@tarojs/components'
import type { Achievements } from '../../contract/types'
import type { Lang, MessageKey, Translate } from '../../i18n'
import { formatDay } from '../../i18n/days'
import { badgeIcon } from './badgeIcon'
import './index.scss'

export interface BadgeListProps {
  badges: Achievements['badges']
  t: Translate
  lang: Lang
}

/** Every badge as an icon: earned ones in colour with the day, the others in grey saying how to earn them. */
export function BadgeList({ badges, t, lang }: BadgeListProps) {
  return (
    <View className='badge-list' role='list'>
      {badges.map((b) => {
        const name = t(`badge.${b.id}` as MessageKey)
        const state = b.earned
          ? b.earnedDay
            ? t('badge.earnedOn', { day: formatDay(b.earnedDay, lang) })
            : t('badge.earnedLongAgo')
          : `${t('badge.locked')}: ${t(`badge.how.${b.id}` as MessageKey)}`
        return (
          <View key={b.id} className={`badge-list__item${b.earned ? ' badge-list__item--earned' : ''}`} role='listitem' id={`badge-${b.id}`}>
            <Image className='badge-list__icon' src={badgeIcon(b.id, b.earned)} mode='aspectFit' {...{ 'aria-hidden': 'true' }} />
            <View className='badge-list__words'>
              <Text className='badge-list__name'>{name}</Text>
              <Text className='badge-list__state'>{state}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
