import { Text, View } from '@tarojs/components'
import { dayRange, daysBetween } from '../core/time'
import './DayBars.scss'

export interface DayBarsProps {
  days: { fromDay: string; toDay: string }
  /** value per day; missing days are zero */
  values: Map<string, number>
  label: string
  format(value: number): string
}

/** A bar per Shanghai day, tallest = highest value; each bar names its day and value for screen readers. */
export function DayBars({ days, values, label, format }: DayBarsProps) {
  const list = dayRange(days.toDay, daysBetween(days.fromDay, days.toDay) + 1)
  const max = Math.max(1, ...list.map((d) => values.get(d) ?? 0))
  const showEvery = list.length > 10 ? 7 : 1
  return (
    <View className='daybars' role='img' ariaLabel={label}>
      <View className='daybars__plot'>
        {list.map((d) => {
          const v = values.get(d) ?? 0
          return (
            <View key={d} className='daybars__col' role='img' ariaLabel={`${d} ${format(v)}`}>
              <View className='daybars__bar' style={{ height: `${Math.max(v > 0 ? 2 : 0, (v / max) * 100)}%` }} />
            </View>
          )
        })}
      </View>
      <View className='daybars__axis'>
        {list.map((d, i) => (
          <Text key={d} className='daybars__tick'>
            {i % showEvery === 0 || i === list.length - 1 ? d.slice(5) : ''}
          </Text>
        ))}
      </View>
    </View>
  )
}
