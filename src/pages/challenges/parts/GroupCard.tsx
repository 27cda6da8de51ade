import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import type { Action } from '@/components/useAction'
import type { Group } from '@/contract/types'
import type { Translate } from '@/i18n'
import { useAppStore } from '@/store'

export interface GroupCardProps {
  group: Group
  t: Translate
  action: Action
}

/** One of my groups: its members, and for its leader the invite code to copy, share or rotate. */
export function GroupCard({ group: g, t, action }: GroupCardProps) {
  return (
    <View className='card'>
      <Text className='reward__title'>{g.name}</Text>
      <Text className='reward__fact'>
        {t('ch.members', { count: g.members.length })}
        {g.isLeader ? ` · ${t('ch.leader')}` : ''}
      </Text>
      {g.inviteCode ? (
        <View>
          <Text className='voucher__code' id={`invite-${g.id}`} userSelect>
            {g.inviteCode}
          </Text>
          <ActionButton
            variant='secondary'
            label={t('ch.copyInvite')}
            onClick={() =>
              void action.run(async () => {
                await Taro.setClipboardData({ data: g.inviteCode ?? '' })
                return t('ch.copied')
              })
            }
          />
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='secondary-button' openType='share' data-code={g.inviteCode} data-name={g.name} ariaLabel={t('ch.shareInvite')}>
              {t('ch.shareInvite')}
            </Button>
          ) : null}
          <ActionButton variant='secondary' label={t('ch.rotate')} onClick={() => void action.run(() => useAppStore.getState().rotateInvite(g.id))} />
        </View>
      ) : null}
    </View>
  )
}
