import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES, type PackageKey } from '../../messages'
import { useOrganizerStore } from '../../store'
import { useTextScale } from '@/components/TextScale'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import type { LedgerEntry } from '@/contract/types'
import type { MessageKey } from '@/i18n/messages'
import type { Translate } from '@/i18n'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import { factorLabelKey } from '@/i18n/factors'
import { measuredBy } from '@/core/kinds/faces'

function describe(t: Translate<MessageKey | PackageKey>, e: LedgerEntry): string {
  const what = t(factorLabelKey(e.factorId ?? '.'))
  const amount = measuredBy(e.factorId ?? '', e)
  const evidence = e.evidence ? ` (${t(`evidence.${e.evidence}` as MessageKey)})` : ''
  return `${what} ${amount}${e.stationCode ? ` @ ${e.stationCode}` : ''}${evidence} · ${e.gramsCo2e} g · +${e.points}`
}

export default function ReviewPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.review')
  const t = usePackageT(MESSAGES)
  const items = useOrganizerStore((s) => s.reviewItems)
  const { loadReviews, decide } = useOrganizerStore.getState()
  const { run, noticeProps } = useAction(t)
  const [busyId, setBusyId] = useState<string | undefined>()
  const session = useRequireSession(() => {
    void run(loadReviews)
  })
  if (!session) return <View className='page' />

  async function act(id: string, decision: 'confirm' | 'reverse') {
    setBusyId(id)
    await run(() => decide(id, decision))
    setBusyId(undefined)
  }

  return (
    <View className='page review' style={textScale}>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {items.length === 0 ? <View className='muted'>{t('organizer.reviewEmpty')}</View> : null}
      {items.map((item) => (
        <View key={item.id} className='card'>
          <Text className='reward__title'>{item.nickname}</Text>
          <Text className='reward__fact'>{describe(t, item.entry)}</Text>
          <Text className='muted'>
            {item.entry.occurredAt?.slice(0, 16).replace('T', ' ')} · {item.reasons.map((r) => t(`reason.${r}` as MessageKey)).join('；')}
          </Text>
          <ActionButton
            variant='secondary'
            label={t('organizer.confirmNamed', { who: item.nickname })}
            disabled={busyId === item.id}
            onClick={() => act(item.id, 'confirm')}
          >
            {t('organizer.confirm')}
          </ActionButton>
          <ActionButton label={t('organizer.reverseNamed', { who: item.nickname })} disabled={busyId === item.id} onClick={() => act(item.id, 'reverse')}>
            {t('organizer.reverse')}
          </ActionButton>
        </View>
      ))}
    </View>
  )
}
