import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { ProgressBar } from '@/components/ProgressBar'
import { useAction } from '@/components/useAction'
import type { Methodology, WalletResult } from '@/contract/types'
import type { Translate } from '@/i18n'
import { factorLabelKey } from '@/i18n/factors'
import type { MessageKey } from '@/i18n/messages'
import { weRunSource } from '@/services/wechat'
import type { QueuedCheckIn } from '@/store/types'
import { useAppStore } from '@/store'

const pendingLine = (t: Translate, q: QueuedCheckIn) => {
  const p = q.payload
  const what = p.kind === 'travel' ? `${t(`mode.${p.mode}` as MessageKey)} ${p.distanceKm} km` : `${t(`material.${p.material}` as MessageKey)} ${p.weightKg} kg`
  return t('home.pendingItem', { what })
}

/** Check-ins kept on this phone, named one by one, and a way to send them now (busy while Home loads). */
export function PendingQueue({ queue, t, sending, onSend }: { queue: QueuedCheckIn[]; t: Translate; sending: boolean; onSend(): void }) {
  return (
    <View className='pending'>
      <Notice tone='info' lines={[t('home.pending', { count: queue.length }), ...queue.map((q) => pendingLine(t, q))]} />
      <ActionButton variant='secondary' label={t('home.sendNow')} loading={sending} onClick={onSend} />
    </View>
  )
}

/** Verified steps from WeRun (or, in development, the labelled dev source); nothing where neither exists. */
export function StepsSync({ t }: { t: Translate }) {
  const syncSteps = useAppStore((s) => s.syncSteps)
  const { run, busy, noticeProps } = useAction(t)
  const source = weRunSource()
  if (!source) return null
  const sync = () =>
    run(async () => {
      const r = await syncSteps()
      const grams = r.days.reduce((sum, d) => sum + d.gramsCo2e, 0)
      const points = r.days.reduce((sum, d) => sum + d.points, 0)
      return grams > 0 ? t('steps.synced', { grams, points }) : t('steps.nothingNew')
    })
  return (
    <View className='steps-sync'>
      <ActionButton variant='secondary' label={t(source === 'wechat' ? 'steps.sync' : 'steps.syncDev')} loading={busy} onClick={() => (busy ? undefined : sync())} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
    </View>
  )
}

/** Today's grams against each factor's daily cap, for the factors used today. */
export function TodayCaps({ view, methodology, t }: { view: WalletResult; methodology: Methodology; t: Translate }) {
  return (
    <View className='card'>
      <Text className='section-title'>{t('home.todayCaps')}</Text>
      {view.todayByFactor.map((f) => {
        const factor = methodology.factors.find((x) => x.id === f.factorId)
        if (!factor) return null
        const name = t(factorLabelKey(factor.id))
        const line = t('home.capLine', { used: f.gramsCo2e, cap: factor.dailyCapGrams })
        return (
          <View key={f.factorId} className='cap-row'>
            <View className='cap-row__head'>
              <Text>{name}</Text>
              <Text className='cap-row__value'>{line}</Text>
            </View>
            <ProgressBar value={f.gramsCo2e} max={factor.dailyCapGrams} label={`${name} ${line}`} />
          </View>
        )
      })}
    </View>
  )
}
