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
import type { QueuedCheckIn, RefusedCheckIn } from '@/store/types'
import { useAppStore } from '@/store'
import { shanghaiClock } from '@/core/time'
import { kindNamed } from '@/core/kinds/faces'
import { CloudCallError } from '@/services/errors'
import { errorText } from '@/components/useT'

/** A queued check-in in its kind's words (src/core/kinds): the factor's label and the amount. */
function whatOf(t: Translate, p: QueuedCheckIn['payload']): string {
  const described = kindNamed(p.kind)?.queue?.describe(p)
  return described ? `${t(described.labelKey as MessageKey)} ${described.amount}` : t('factor.unknown')
}

const pendingLine = (t: Translate, q: QueuedCheckIn) => t('home.pendingItem', { what: whatOf(t, q.payload) })

const ADVISED: readonly string[] = ['DAILY_CAP_REACHED', 'TRIP_OVERLAP', 'IMPLAUSIBLE', 'STATION_RETIRED']

/**
 * Check-ins that waited on this phone and were refused when they were finally sent: nobody was looking at the
 * form by then, so Home names each (what, when), says why and what to do, until the resident dismisses it.
 */
export function RefusedCheckIns({ refused, t, onDismiss }: { refused: RefusedCheckIn[]; t: Translate; onDismiss(requestId: string): void }) {
  return (
    <View className='refused' id='refused-check-ins'>
      {refused.map((r) => {
        const what = whatOf(t, r.payload)
        const when = shanghaiClock(r.payload.occurredAt ?? r.refusedAt)
        const advised = ADVISED.includes(r.code)
        const advice = t(`home.refusedAdvice.${advised ? r.code : 'other'}` as MessageKey)
        // The cloud's own sentence names entries by id and is English: a refusal without a reason is worded by its code.
        const why = advised && !r.refusal ? t(`home.refusedWhy.${r.code}` as MessageKey) : errorText(t, new CloudCallError(r.code, r.message, r.refusal))
        return (
          <View key={r.requestId} className='refused__item'>
            <Notice tone='error' lines={[t('home.refusedItem', { what, when }), why, advice]} />
            <ActionButton
              variant='secondary'
              label={t('home.refusedDismiss')}
              ariaLabel={t('home.refusedDismissLabel', { what })}
              onClick={() => onDismiss(r.requestId)}
            />
          </View>
        )
      })}
    </View>
  )
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
      <ActionButton
        variant='secondary'
        label={t(source === 'wechat' ? 'steps.sync' : 'steps.syncDev')}
        loading={busy}
        onClick={() => (busy ? undefined : sync())}
      />
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
