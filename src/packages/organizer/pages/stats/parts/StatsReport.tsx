import { Text, View } from '@tarojs/components'
import { DayBars } from '@/components/DayBars'
import type { ImpactStats } from '@/contract/types'
import { formatKg, type Translate } from '@/i18n'
import { factorLabelKey } from '@/i18n/factors'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'

/** The totals of a span, its days as bars, and each factor's share. */
export function StatsReport({ stats, days, t }: { stats: ImpactStats; days: { fromDay: string; toDay: string }; t: Translate<MessageKey | PackageKey> }) {
  return (
    <View>
      <View className='totals'>
        <View className='totals__cell'>
          <Text className='totals__label'>{t('organizer.totalGrams')}</Text>
          <Text className='totals__value' id='stats-total'>
            {t('common.kg', { kg: formatKg(stats.totals.gramsCo2e) })}
          </Text>
        </View>
        <View className='totals__cell'>
          <Text className='totals__label'>{t('organizer.checkins')}</Text>
          <Text className='totals__value'>{stats.totals.checkins}</Text>
        </View>
        <View className='totals__cell'>
          <Text className='totals__label'>{t('organizer.participants')}</Text>
          <Text className='totals__value'>{stats.totals.participants}</Text>
        </View>
      </View>
      <View className='section-title'>{t('organizer.byDay')}</View>
      <DayBars
        days={days}
        values={new Map(stats.byDay.map((d) => [d.day, d.gramsCo2e]))}
        label={t('organizer.byDay')}
        format={(g) => t('common.g', { grams: g })}
      />
      <View className='section-title'>{t('organizer.byFactor')}</View>
      <View className='entries'>
        {stats.byFactor.map((f) => {
          return (
            <View key={f.factorId} className='entry'>
              <Text className='entry__title'>{t(factorLabelKey(f.factorId))}</Text>
              <Text className='entry__grams'>
                {t('common.kg', { kg: formatKg(f.gramsCo2e) })} · {f.checkins}
              </Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
