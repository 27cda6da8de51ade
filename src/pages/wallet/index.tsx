import { Equivalents } from '@/components/Equivalents'
import { useTextScale } from '@/components/TextScale'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { DayBars } from '@/components/DayBars'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { errorText, useT } from '@/components/useT'
import { selectEntries, selectLang, selectPageLoadError, selectWalletView, useAppStore } from '@/store'
import './index.scss'
import { usePageTitle } from '@/components/usePageTitle'
import { LedgerEntries, Totals } from './parts/WalletParts'

const selectLoadError = selectPageLoadError('wallet')

/** The verification answer: the whole chain checked, or the first entry that does not follow. */
function VerifyResult({ t }: { t: ReturnType<typeof useT> }) {
  const r = useAppStore((s) => s.verifyResult)
  if (!r) return null
  return (
    <Notice
      tone={r.ok ? 'success' : 'error'}
      lines={[r.ok ? t('wallet.verifyOk', { entries: r.entries }) : t('wallet.verifyBad', { seq: r.firstBadSeq ?? '?' })]}
    />
  )
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
  const series = useAppStore((s) => s.series)
  const lang = useAppStore(selectLang)
  const loadError = useAppStore(selectLoadError)
  const { loadWalletPage, loadLedger, verifyLedger, loadSeries } = useAppStore.getState()
  const { run, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    loadWalletPage()
  })
  usePullDownRefresh(() => {
    loadWalletPage().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (nextCursor) run(() => loadLedger(false))
  })
  if (!session) return <View className='page' />

  return (
    <View className='page wallet' style={textScale}>
      {view ? <Totals wallet={view.wallet} t={t} /> : null}
      {view ? <Equivalents gramsCo2e={view.wallet.gramsCo2eTotal} t={t} id='wallet-equivalents' /> : null}
      {noticeProps ? <Notice {...noticeProps} /> : loadError ? <Notice tone='error' lines={[errorText(t, loadError)]} /> : null}
      <ActionButton variant='secondary' label={t('wallet.verify')} onClick={() => run(verifyLedger)} />
      <VerifyResult t={t} />
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
      <LedgerEntries entries={entries} lang={lang} t={t} />
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
