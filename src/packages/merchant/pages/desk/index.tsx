import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { yuanText } from '@/core/merchants'
import { shanghaiMonth } from '@/core/treasury'
import { shanghaiClock } from '@/core/time'
import { saveTextFile } from '@/services/saveFile'
import { useVoucherDesk } from '@/packages/shared/useVoucherDesk'
import { MESSAGES } from '../../messages'
import { useMerchantStore } from '../../store'
import './index.scss'
import { Offers } from './parts/Offers'

/**
 * A merchant's counter, for its staff: scan (weapp) or type (H5) a voucher and get a big yes (hand out this offer)
 * or no (why, in the staff member's language); the month's settlement, with its CSV; and its offers, stocked by its
 * staff or by the organizer who registered it.
 */
export default function MerchantDeskPage() {
  const textScale = useTextScale()
  usePageTitle({ 'zh-CN': MESSAGES['zh-CN']['merchant.desk'], en: MESSAGES.en['merchant.desk'] })
  const t = usePackageT(MESSAGES)
  const merchants = useMerchantStore((s) => s.merchants)
  const settlement = useMerchantStore((s) => s.settlement)
  const [chosen, setChosen] = useState<string | undefined>()
  const [month, setMonth] = useState(() => shanghaiMonth(Date.now()))
  const { run, noticeProps } = useAction(t)
  const merchant = merchants?.find((m) => m.id === chosen) ?? merchants?.[0]
  const { code, setCode, busy, answer, verify, scan, next } = useVoucherDesk(
    merchant ? (text) => useMerchantStore.getState().verify(merchant.id, text) : undefined,
    t,
  )
  const stockingId = merchant?.mayStock ? merchant.id : undefined
  useEffect(() => {
    if (stockingId) void run(() => useMerchantStore.getState().loadOffers(stockingId))
  }, [stockingId, run])
  const session = useRequireSession(() => {
    void run(() => useMerchantStore.getState().load())
  })
  if (!session) return <View className='page' />

  const mine = merchants ?? []

  const exportCsv = () =>
    run(async () => {
      if (!merchant) return
      const { filename, csv } = await useMerchantStore.getState().exportSettlement(merchant.id, month.trim())
      const how = await saveTextFile(filename, csv, 'text/csv;charset=utf-8')
      return how === 'downloaded' ? t('merchant.exported', { filename }) : t('merchant.copied')
    })

  if (answer) {
    return (
      <View className={`page merchant-desk merchant-desk--${answer.ok ? 'ok' : 'refused'}`} style={textScale}>
        <View
          className='merchant-desk__mark'
          role='img'
          ariaLabel={answer.ok ? t('merchant.ok', { title: answer.redemption.rewardTitle }) : t('merchant.refused')}
        >
          {answer.ok ? '✓' : '✕'}
        </View>
        <View className='merchant-desk__text' role='status'>
          <Text className='merchant-desk__headline'>{answer.ok ? t('merchant.ok', { title: answer.redemption.rewardTitle }) : t('merchant.refused')}</Text>
          <Text className='muted'>
            {answer.ok ? t('merchant.okDetail', { code: answer.redemption.code, yuan: yuanText(answer.subsidyFen) }) : answer.message}
          </Text>
        </View>
        <ActionButton label={t('merchant.next')} onClick={next} />
      </View>
    )
  }

  return (
    <View className='page merchant-desk' style={textScale}>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {merchants && mine.length === 0 ? <Text className='muted'>{t('merchant.none')}</Text> : null}
      {mine.length > 1 ? (
        <Choices<string>
          label={t('merchant.choose')}
          value={merchant?.id ?? ''}
          onChange={setChosen}
          options={mine.map((m) => ({ value: m.id, text: m.name }))}
        />
      ) : null}
      {merchant ? (
        <>
          <View className='section-title' role='heading' aria-level={2}>
            {merchant.name}
          </View>
          {merchant.staff ? (
            <>
              {process.env.TARO_ENV === 'weapp' ? <ActionButton label={t('merchant.scan')} onClick={scan} /> : null}
              <Field id='merchant-code-input' label={t('merchant.code')} hint={t('merchant.codeHint')} value={code} onInput={setCode} />
              <ActionButton label={t('merchant.verify')} disabled={!code.trim() || busy} loading={busy} onClick={() => void verify(code)} />
            </>
          ) : null}
          <View className='section-title' role='heading' aria-level={2}>
            {t('merchant.settlement')}
          </View>
          <Field id='merchant-month-input' label={t('merchant.month')} value={month} onInput={setMonth} />
          <ActionButton
            variant='secondary'
            label={t('merchant.showMonth')}
            onClick={() => run(() => useMerchantStore.getState().loadSettlement(merchant.id, month.trim()))}
          />
          {settlement && settlement.merchantId === merchant.id ? (
            <View className='card' role='list'>
              <View role='listitem' id='merchant-settlement-totals'>
                {t('merchant.totals', { month: settlement.month, vouchers: settlement.vouchers, yuan: yuanText(settlement.subsidyFen) })}
              </View>
              {settlement.lines.map((l, i) => (
                <View key={i} role='listitem' className='muted'>
                  {t('merchant.line', { at: shanghaiClock(l.verifiedAt), title: l.offerTitle, yuan: yuanText(l.subsidyFen) })}
                </View>
              ))}
            </View>
          ) : null}
          <ActionButton variant='secondary' label={t('merchant.export')} onClick={exportCsv} />
          {merchant.mayStock ? <Offers merchantId={merchant.id} t={t} /> : null}
        </>
      ) : null}
    </View>
  )
}
