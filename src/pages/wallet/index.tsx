import { Equivalents } from '@/components/Equivalents'
import { useTextScale } from '@/components/TextScale'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { DayBars } from '@/components/DayBars'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import type { LedgerEntry } from '@/contract/types'
import { formatKg } from '@/i18n'
import { dayHeading } from '@/i18n/days'
import { useAction } from '@/components/useAction'
import { useT } from '@/components/useT'
import type { MessageKey } from '@/i18n/messages'
import { selectEntries, selectLang, selectWalletView, useAppStore } from '@/store'
import './index.scss'
import { factorLabelKey } from '@/i18n/factors'
import { usePageTitle } from '@/components/usePageTitle'

function entryTitle(t: ReturnType<typeof useT>, e: LedgerEntry): string {
  if (e.type === 'checkin' && e.factorId) {
    const label = t(factorLabelKey(e.factorId))
    if (e.steps !== undefined) return `${label} ${t('steps.count', { steps: e.steps })}`
    return e.evidence ? `${label} · ${t(`evidence.${e.evidence}` as MessageKey)}` : label
  }
  return t(`entry.${e.type}` as MessageKey)
}

export default function WalletPage() {
  const textScale = useTextScale()
  usePageTitle('title.wallet', { tabPage: true })
  const t = useT()
  const view = useAppStore(selectWalletView)
  const entries = useAppStore(selectEntries)
  const nextCursor = useAppStore((s) => s.nextCursor)
  const loading = useAppStore((s) => s.ledgerLoading)
  const loaded = useAppStore((s) => s.ledgerLoaded)
  const verifyResult = useAppStore((s) => s.verifyResult)
  const series = useAppStore((s) => s.series)
  const lang = useAppStore(selectLang)
  const { refreshWallet, loadLedger, verifyLedger, loadSeries } = useAppStore.getState()
  const { run, noticeProps } = useAction(t)
  const reload = () => run(async () => {
    await Promise.all([refreshWallet(), loadLedger(true), loadSeries(useAppStore.getState().series?.days ?? 7)])
  })
  const session = useRequireSession(() => {
    reload()
  })
  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (nextCursor) run(() => loadLedger(false))
  })
  if (!session) return <View className='page' />

  return (
    <View className='page wallet' style={textScale}>
      {view ? (
        <View className='totals'>
          <View className='totals__cell'>
            <Text className='totals__label'>{t('home.balance')}</Text>
            <Text className='totals__value'>{view.wallet.pointsBalance}</Text>
          </View>
          <View className='totals__cell'>
            <Text className='totals__label'>{t('home.total')}</Text>
            <Text className='totals__value'>{t('common.kg', { kg: formatKg(view.wallet.gramsCo2eTotal) })}</Text>
          </View>
          <View className='totals__cell'>
            <Text className='totals__label'>{t('wallet.earned')}</Text>
            <Text className='totals__value'>{view.wallet.pointsEarned}</Text>
          </View>
          <View className='totals__cell'>
            <Text className='totals__label'>{t('wallet.spent')}</Text>
            <Text className='totals__value'>{view.wallet.pointsSpent}</Text>
          </View>
          {(view.wallet.pointsHeld ?? 0) > 0 ? (
            <Text className='totals__note' id='wallet-held'>
              {t('home.held', { points: view.wallet.pointsHeld ?? 0 })}
            </Text>
          ) : null}
        </View>
      ) : null}
      {view ? <Equivalents gramsCo2e={view.wallet.gramsCo2eTotal} t={t} id='wallet-equivalents' /> : null}
      {noticeProps ? <Notice {...noticeProps} /> : null}
      <ActionButton variant='secondary' label={t('wallet.verify')} onClick={() => run(verifyLedger)} />
      {verifyResult ? (
        <Notice
          tone={verifyResult.ok ? 'success' : 'error'}
          lines={[
            verifyResult.ok
              ? t('wallet.verifyOk', { entries: verifyResult.entries })
              : t('wallet.verifyBad', { seq: verifyResult.firstBadSeq ?? '?' }),
          ]}
        />
      ) : null}
      <View className='section-title'>{t('wallet.chart')}</View>
      <Choices<'7' | '30'>
        label={t('wallet.chart')}
        value={series?.days === 30 ? '30' : '7'}
        onChange={(d) => run(() => loadSeries(d === '30' ? 30 : 7))}
        options={[
          { value: '7', text: t('wallet.days7') },
          { value: '30', text: t('wallet.days30') },
        ]}
      />
      {series && series.points.length > 0 ? (
        <DayBars
          days={{ fromDay: series.points[0].day, toDay: series.points[series.points.length - 1].day }}
          values={new Map(series.points.map((p) => [p.day, p.gramsCo2e]))}
          label={t('wallet.chart')}
          format={(g) => t('common.g', { grams: g })}
        />
      ) : null}
      <View className='section-title'>{t('wallet.history')}</View>
      {!loaded && loading ? <View className='muted'>{t('common.loading')}</View> : null}
      {loaded && entries.length === 0 ? <View className='muted'>{t('wallet.empty')}</View> : null}
      <View className='entries' role='list'>
        {entries.map((e, i) => (
          <View key={e.id} role='listitem'>
            {i === 0 || entries[i - 1].day !== e.day ? (
              <View className='entries__day' role='heading' aria-level={3}>
                {dayHeading(e.day, lang)}
              </View>
            ) : null}
          <View className='entry'>
            <View className='entry__main'>
              <Text className='entry__title'>{entryTitle(t, e)}</Text>
              <Text className='entry__meta'>
                {e.day}
                {e.methodologyVersion ? ` · ${t('wallet.methodology', { version: e.methodologyVersion })}` : ''}
              </Text>
            </View>
            <View className='entry__amounts'>
              <Text className='entry__points'>{e.points > 0 ? `+${e.points}` : e.points}</Text>
              {e.gramsCo2e !== 0 ? <Text className='entry__grams'>{t('common.g', { grams: e.gramsCo2e })}</Text> : null}
            </View>
          </View>
          </View>
        ))}
      </View>
      {nextCursor ? (
        <ActionButton variant='secondary' label={t('wallet.more')} disabled={loading} onClick={() => run(() => loadLedger(false))}>
        {loading ? t('common.loading') : t('wallet.more')}
      </ActionButton>
      ) : loaded && entries.length > 0 ? (
        <View className='muted'>{t('wallet.end')}</View>
      ) : null}
    </View>
  )
}
