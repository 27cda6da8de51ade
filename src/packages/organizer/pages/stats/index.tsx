import { View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useOrganizerStore } from '../../store'
import { useTextScale } from '@/components/TextScale'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import { addDays, shanghaiDay } from '@/core/time'
import { saveTextFile } from '@/services/saveFile'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import './index.scss'
import { StatsReport } from './parts/StatsReport'

type Span = '7' | '30'

export default function StatsPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.stats')
  const t = usePackageT(MESSAGES)
  const stats = useOrganizerStore((s) => s.stats)
  const { loadStats, exportCsv } = useOrganizerStore.getState()
  const [span, setSpan] = useState<Span>('7')
  const { run, noticeProps } = useAction(t)
  const range = (s: Span) => {
    const toDay = shanghaiDay(Date.now())
    return { fromDay: addDays(toDay, -(Number(s) - 1)), toDay }
  }
  const load = (s: Span) => {
    const { fromDay, toDay } = range(s)
    void run(() => loadStats(fromDay, toDay))
  }
  const session = useRequireSession(() => load(span))
  if (!session) return <View className='page' />

  const exportNow = () =>
    run(async () => {
      const { fromDay, toDay } = range(span)
      const { filename, csv } = await exportCsv(fromDay, toDay)
      const how = await saveTextFile(filename, csv, 'text/csv;charset=utf-8')
      return how === 'downloaded' ? t('organizer.exported', { filename }) : t('organizer.copied')
    })

  return (
    <View className='page stats' style={textScale}>
      <Choices<Span>
        label={t('organizer.stats')}
        value={span}
        onChange={(s) => {
          setSpan(s)
          load(s)
        }}
        options={[
          { value: '7', text: t('organizer.last7') },
          { value: '30', text: t('organizer.last30') },
        ]}
      />
      {stats ? <StatsReport stats={stats} days={range(span)} t={t} /> : <View className='muted'>{t('common.loading')}</View>}
      <ActionButton label={t('organizer.export')} onClick={exportNow} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
    </View>
  )
}
