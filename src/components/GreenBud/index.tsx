import { Text, View } from '@tarojs/components'
import { useEffect, useMemo, useRef, useState } from 'react'
import { BUD_STAGES, budGrowth } from '../../core/bud'
import type { Lang, Translate } from '../../i18n'
import { budSvg } from './budSvg'
import './index.scss'

export interface GreenBudProps {
  /** the wallet's cumulative grams of CO2e */
  totalGrams: number
  t: Translate
  lang: Lang
}

const GROW_ANIMATION_MS = 900

/**
 * Home's growing bud: the picture, and beside it in words what stage it is at and what the next one means,
 * which is also the picture's text alternative.
 */
export function GreenBud({ totalGrams, t, lang }: GreenBudProps) {
  const growth = budGrowth(totalGrams)
  const src = useMemo(() => budSvg(growth.index + growth.progress, BUD_STAGES.length), [growth.index, growth.progress])
  const [growing, setGrowing] = useState(false)
  const shown = useRef(totalGrams)
  useEffect(() => {
    // Animate only when a credit lands while the bud is on screen, not on the first paint.
    if (totalGrams > shown.current) {
      setGrowing(true)
      const timer = setTimeout(() => setGrowing(false), GROW_ANIMATION_MS)
      shown.current = totalGrams
      return () => clearTimeout(timer)
    }
    shown.current = totalGrams
    return undefined
  }, [totalGrams])

  const stageName = t(`bud.stage.${growth.stage.id}`)
  const next = growth.next
  const nextLine = next
    ? t('bud.next', { grams: growth.gramsToNext, stage: t(`bud.stage.${next.id}`), meaning: lang === 'zh-CN' ? next.meaningZh : next.meaning })
    : t('bud.grown')
  const description = t('bud.alt', { stage: stageName, n: growth.index + 1, of: BUD_STAGES.length })
  return (
    <View className='green-bud' id='green-bud' data-stage={growth.stage.id}>
      <View className={`green-bud__picture${growing ? ' green-bud__picture--growing' : ''}`} role='img' ariaLabel={`${description} ${nextLine}`}>
        {/* A background, not Taro's <Image>: its H5 load handler cost Home ~36 ms of its first frame (4× CPU). */}
        <View className='green-bud__image' style={{ backgroundImage: `url("${src}")` }} {...{ 'aria-hidden': 'true' }} />
      </View>
      <View className='green-bud__words'>
        <Text className='green-bud__stage'>{description}</Text>
        <Text className='green-bud__next'>{nextLine}</Text>
      </View>
    </View>
  )
}
