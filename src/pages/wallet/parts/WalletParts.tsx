import { Text, View } from '@tarojs/components'
import type { LedgerEntry, WalletResult } from '@/contract/types'
import { formatKg, type Lang, type Translate } from '@/i18n'
import { dayHeading } from '@/i18n/days'
import { factorLabelKey } from '@/i18n/factors'
import { entryDetailOf } from '@/core/kinds/faces'
import type { MessageKey } from '@/i18n/messages'

function entryTitle(t: Translate, e: LedgerEntry): string {
  // How it was proven (a scanned display, an operator's data, a scale), on a check-in and on a scale's correction.
  const evidence = e.evidence ? ` · ${t(`evidence.${e.evidence}` as MessageKey)}` : ''
  if (e.type === 'checkin' && e.factorId) {
    const label = t(factorLabelKey(e.factorId))
    const detail = entryDetailOf(e.factorId, e)
    return detail ? `${label} ${t(detail.key as MessageKey, detail.params)}${evidence}` : `${label}${evidence}`
  }
  return `${t(`entry.${e.type}` as MessageKey)}${evidence}`
}

/** Balance, total, earned and spent, and the points still held for review. */
export function Totals({ wallet, t }: { wallet: WalletResult['wallet']; t: Translate }) {
  const cell = (label: string, value: string | number) => (
    <View className='totals__cell'>
      <Text className='totals__label'>{label}</Text>
      <Text className='totals__value'>{value}</Text>
    </View>
  )
  return (
    <View className='totals'>
      {cell(t('home.balance'), wallet.pointsBalance)}
      {cell(t('home.total'), t('common.kg', { kg: formatKg(wallet.gramsCo2eTotal) }))}
      {cell(t('wallet.earned'), wallet.pointsEarned)}
      {cell(t('wallet.spent'), wallet.pointsSpent)}
      {(wallet.pointsHeld ?? 0) > 0 ? (
        <Text className='totals__note' id='wallet-held'>
          {t('home.held', { points: wallet.pointsHeld ?? 0 })}
        </Text>
      ) : null}
    </View>
  )
}

/** The ledger, newest first, with a heading wherever the day changes. */
export function LedgerEntries({ entries, lang, t }: { entries: LedgerEntry[]; lang: Lang; t: Translate }) {
  return (
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
  )
}
