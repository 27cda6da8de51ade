import { Text, View } from '@tarojs/components'
import { EQUIVALENTS, equivalentUnits } from '../../core/equivalents'
import type { Translate } from '../../i18n'
import './index.scss'

export interface EquivalentsProps {
  gramsCo2e: number
  t: Translate
  id?: string
}

/** A reduction said three ways a resident can picture; each figure's source is on the Methodology page. */
export function Equivalents({ gramsCo2e, t, id }: EquivalentsProps) {
  if (!(gramsCo2e > 0)) return null
  return (
    <View className='equivalents' id={id}>
      <Text className='equivalents__title'>{t('equiv.title')}</Text>
      <View className='equivalents__row' role='list'>
        {EQUIVALENTS.map((e) => (
          <View key={e.id} className={`equivalents__item equivalents__item--${e.id}`} role='listitem'>
            <Text className='equivalents__text'>{t(`equiv.${e.id}`, { n: equivalentUnits(gramsCo2e, e) })}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
