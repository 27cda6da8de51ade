import { View } from '@tarojs/components'
import { useTextScale } from '@/components/TextScale'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { CheckInSubmit } from '@/components/CheckInSubmit'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { parseDecimal } from '@/components/numberInput'
import { useCheckIn } from '@/components/useCheckIn'
import { LIMITS, TRAVEL_MODES, type TravelMode } from '@/contract/constants'
import { gramsFor } from '@/core/credit'
import { useAppStore, selectMethodology } from '@/store'
import './index.scss'
import { usePageTitle } from '@/components/usePageTitle'

/** When the trip ended: one person's trips may not overlap, so trips taken earlier are placed where they were. */
const ENDED_AGO = ['0', '30', '60', '120', '240'] as const
type EndedAgo = (typeof ENDED_AGO)[number]

export default function TravelPage() {
  const textScale = useTextScale()
  usePageTitle('title.travel')
  const { submit, busy, notice, t } = useCheckIn()
  const methodology = useAppStore(selectMethodology)
  const loadCatalogue = useAppStore((s) => s.loadCatalogue)
  const [mode, setMode] = useState<TravelMode>('bike')
  const [distance, setDistance] = useState('')
  const [duration, setDuration] = useState('')
  const [endedAgo, setEndedAgo] = useState<EndedAgo>('0')
  const [touched, setTouched] = useState(false)

  useLoad(() => {
    if (!methodology) loadCatalogue().catch(() => undefined)
  })

  const distanceKm = parseDecimal(distance)
  const durationMin = parseDecimal(duration)
  const distanceError = !(distanceKm > 0 && distanceKm <= LIMITS.maxDistanceKm) ? t('error.distance') : undefined
  // Required: without it the cloud can check neither the speed nor overlapping trips.
  const durationError = !(durationMin > 0 && durationMin <= LIMITS.maxDurationMin) ? t('error.duration') : undefined
  const factor = methodology?.factors.find((f) => f.id === `travel.${mode}`)
  const estimate = factor && !distanceError ? gramsFor(factor.gramsPerUnit, distanceKm) : undefined

  function onSubmit() {
    setTouched(true)
    if (distanceError || durationError) return
    submit({ kind: 'travel', mode, distanceKm, durationMin }, { endedMinutesAgo: Number(endedAgo) })
  }

  return (
    <View className='page travel' style={textScale}>
      <View className='section-title'>{t('travel.mode')}</View>
      <Choices<TravelMode> label={t('travel.mode')} value={mode} onChange={setMode} options={TRAVEL_MODES.map((m) => ({ value: m, text: t(`mode.${m}`) }))} />
      <Field id='distance' label={t('travel.distance')} type='digit' value={distance} onInput={setDistance} error={touched ? distanceError : undefined} />
      <Field id='duration' label={t('travel.duration')} type='digit' value={duration} onInput={setDuration} error={touched ? durationError : undefined} />
      <View className='section-title'>{t('travel.ended')}</View>
      <Choices<EndedAgo>
        label={t('travel.ended')}
        value={endedAgo}
        onChange={setEndedAgo}
        options={ENDED_AGO.map((m) => ({ value: m, text: m === '0' ? t('travel.endedNow') : t('travel.endedAgo', { minutes: Number(m) }) }))}
      />
      <CheckInSubmit t={t} estimateGrams={estimate} busy={busy} notice={notice} onSubmit={onSubmit} />
    </View>
  )
}
