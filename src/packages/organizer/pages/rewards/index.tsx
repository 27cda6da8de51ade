import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useOrganizerStore } from '../../store'
import { useTextScale } from '@/components/TextScale'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useAction } from '@/components/useAction'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { EMPTY, RewardForm, toDraft, type Draft } from './parts/RewardForm'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

/** The reward catalogue residents redeem from: add a reward, edit one, take it off (inactive) or back. */
export default function RewardsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.rewards')
  const t = usePackageT(MESSAGES)
  const rewards = useOrganizerStore((s) => s.adminRewards)
  const [draft, setDraft] = useState<Draft | undefined>()
  const action = useAction(t)
  const lang = useAppStore(selectLang)
  const session = useRequireSession(() => {
    void action.run(() => useOrganizerStore.getState().loadAdminRewards())
  })
  if (!session) return <View className='page' />

  return (
    <View className='page rewards-admin' style={textScale}>
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {draft ? (
        <RewardForm draft={draft} setDraft={setDraft} action={action} t={t} />
      ) : (
        <ActionButton label={t('organizer.newReward')} onClick={() => setDraft({ ...EMPTY })} />
      )}
      {rewards.map((r) => (
        <View key={r.id} className='card'>
          <Text className='reward__title'>{localName(r, lang)}</Text>
          <Text className='reward__fact'>
            {t('rewards.cost', { points: r.pointsCost })} · {t('rewards.stock', { stock: r.stock })} ·{' '}
            {r.active ? t('organizer.active') : t('organizer.inactive')}
          </Text>
          <ActionButton variant='secondary' label={`${t('organizer.edit')} ${localName(r, lang)}`} onClick={() => setDraft(toDraft(r))}>
            {t('organizer.edit')}
          </ActionButton>
        </View>
      ))}
    </View>
  )
}
