import { View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { CheckInSubmit } from '../../components/CheckInSubmit'
import { Choices } from '../../components/Choices'
import { Field } from '../../components/Field'
import { parseDecimal, useCheckIn } from '../../components/useCheckIn'
import { LIMITS, TRAVEL_MODES, type TravelMode } from '../../contract/constants'
import { gramsFor } from '../../core/credit'
import { useAppStore, selectMethodology } from '../../store'
import './index.scss'

export default function TravelPage() {
  const { submit, busy, notice, t } = useCheckIn()
  const methodology = useAppStore(selectMethodology)
  const loadCatalogue = useAppStore((s) => s.loadCatalogue)
  const [mode, setMode] = useState<TravelMode>('bike')
  const [distance, setDistance] = useState('')
  const [duration, setDuration] = useState('')
  const [touched, setTouched] = useState(false)

  useLoad(() => {
    if (!methodology) loadCatalogue().catch(() => undefined)
  })

  const distanceKm = parseDecimal(distance)
  const durationMin = duration.trim() === '' ? undefined : parseDecimal(duration)
  const distanceError = !(distanceKm > 0 && distanceKm <= LIMITS.maxDistanceKm) ? t('error.distance') : undefined
  const durationError =
    durationMin !== undefined && !(durationMin > 0 && durationMin <= LIMITS.maxDurationMin) ? t('error.duration') : undefined
  const factor = methodology?.factors.find((f) => f.id === `travel.${mode}`)
  const estimate = factor && !distanceError ? gramsFor(factor.gramsPerUnit, distanceKm) : undefined

  function onSubmit() {
    setTouched(true)
    if (distanceError || durationError) return
    submit({ kind: 'travel', mode, distanceKm, ...(durationMin !== undefined ? { durationMin } : {}) })
  }

  return (
    <View className='page travel'>
      <View className='section-title'>{t('travel.mode')}</View>
      <Choices<TravelMode>
        label={t('travel.mode')}
        value={mode}
        onChange={setMode}
        options={TRAVEL_MODES.map((m) => ({ value: m, text: t(`mode.${m}`) }))}
      />
      <Field
        id='distance'
        label={t('travel.distance')}
        type='digit'
        value={distance}
        onInput={setDistance}
        error={touched ? distanceError : undefined}
      />
      <Field
        id='duration'
        label={t('travel.duration')}
        type='digit'
        value={duration}
        onInput={setDuration}
        error={touched ? durationError : undefined}
      />
      <CheckInSubmit t={t} estimateGrams={estimate} busy={busy} notice={notice} onSubmit={onSubmit} />
    </View>
  )
}
