import { Text, View } from '@tarojs/components'
import { BRAND } from '@/branding/brand'
import type { WalletResult } from '@/contract/types'
import { formatKg, type Translate } from '@/i18n'

const GRAMS_PER_KG = 1000

/**
 * The balance card. `fresh` is false while the view is the copy kept from the last visit: it paints at once,
 * and what it says of "today" waits for the fresh one.
 */
export function WalletCard({ view, fresh, t }: { view: WalletResult | undefined; fresh: boolean; t: Translate }) {
  // One unit for the whole card, so "today" and "total" read side by side: grams until the total reaches a
  // kilogram (today is part of the total, so it never needs the larger unit first), then kilograms for both.
  const inKg = (view?.wallet.gramsCo2eTotal ?? 0) >= GRAMS_PER_KG
  const amount = (grams: number) => (inKg ? t('common.kg', { kg: formatKg(grams) }) : t('common.g', { grams }))
  return (
    <View
      className='wallet-card'
      ariaLabel={t('home.balance')}
      style={{ background: `linear-gradient(135deg, ${BRAND.colors.primary}, ${BRAND.colors.primaryDark})` }}
    >
      <Text className='wallet-card__label'>{t('home.balance')}</Text>
      <Text className='wallet-card__points' id='points-balance'>
        {view ? view.wallet.pointsBalance : '—'}
      </Text>
      <View className='wallet-card__row'>
        <View className='wallet-card__cell'>
          <Text className='wallet-card__label'>{t('home.total')}</Text>
          <Text className='wallet-card__value' id='total-kg'>
            {view ? amount(view.wallet.gramsCo2eTotal) : '—'}
          </Text>
        </View>
        <View className='wallet-card__cell'>
          <Text className='wallet-card__label'>{t('home.today')}</Text>
          <Text className='wallet-card__value' id='today-grams'>
            {view && fresh ? amount(view.today.gramsCo2e) : '—'}
          </Text>
        </View>
      </View>
      {view && fresh ? <Text className='wallet-card__streak'>{t('home.streak', { days: view.streakDays })}</Text> : null}
      {view && (view.wallet.pointsHeld ?? 0) > 0 ? (
        <Text className='wallet-card__held' id='points-held'>
          {t('home.held', { points: view.wallet.pointsHeld ?? 0 })}
        </Text>
      ) : null}
    </View>
  )
}
