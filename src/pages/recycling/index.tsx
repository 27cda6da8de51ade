import { View } from '@tarojs/components'
import { useTextScale } from '@/components/TextScale'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { CheckInSubmit } from '@/components/CheckInSubmit'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { parseDecimal } from '@/components/numberInput'
import { useCheckIn } from '@/components/useCheckIn'
import { LIMITS, MATERIALS, type Material } from '@/contract/constants'
import { gramsFor } from '@/core/credit'
import { selectMethodology, selectStations, useAppStore } from '@/store'
import './index.scss'
import { usePageTitle } from '@/components/usePageTitle'
import { StationFields, useStationEntry } from './parts/StationFields'

export { stationCodeFromScan } from './parts/StationFields'

export default function RecyclingPage() {
  const textScale = useTextScale()
  usePageTitle('title.recycling')
  const { submit, busy, notice, t } = useCheckIn()
  const methodology = useAppStore(selectMethodology)
  // a venue that takes no material (a café with low-carbon scenes) is no place to drop anything
  const stations = useAppStore(selectStations).filter((s) => s.materials.length > 0)
  const loadCatalogue = useAppStore((s) => s.loadCatalogue)
  const entry = useStationEntry()
  const { stationCode, displayCode } = entry
  const [material, setMaterial] = useState<Material>('paper')
  const [weight, setWeight] = useState('')
  const [touched, setTouched] = useState(false)

  useLoad(() => {
    if (!methodology || stations.length === 0) loadCatalogue().catch(() => undefined)
  })

  const station = stations.find((s) => s.code === stationCode.trim())
  const materials = station ? MATERIALS.filter((m) => station.materials.includes(m)) : MATERIALS
  const weightKg = parseDecimal(weight)
  const weightError = !(weightKg > 0 && weightKg <= LIMITS.maxWeightKg) ? t('error.weight') : undefined
  const stationError = stationCode.trim() === '' ? t('error.station') : undefined
  const factor = methodology?.factors.find((f) => f.id === `recycling.${material}`)
  const estimate = factor && !weightError ? gramsFor(factor.gramsPerUnit, weightKg) : undefined

  function pickStation(code: string) {
    entry.setStationCode(code)
    const picked = stations.find((s) => s.code === code)
    if (picked && !picked.materials.includes(material)) setMaterial(picked.materials[0])
  }

  function onSubmit() {
    setTouched(true)
    if (weightError || stationError) return
    const code = displayCode.trim()
    submit({ kind: 'recycling', material, weightKg, stationCode: stationCode.trim(), ...(code ? { displayCode: code } : {}) })
    // a display code is good once: the next drop scans the next one
    entry.setDisplayCode('')
  }

  return (
    <View className='page recycling' style={textScale}>
      <StationFields entry={entry} stations={stations} station={station} error={touched ? stationError : undefined} onPick={pickStation} t={t} />
      <View className='section-title'>{t('recycling.material')}</View>
      <Choices<Material>
        label={t('recycling.material')}
        value={material}
        onChange={setMaterial}
        options={materials.map((m) => ({ value: m, text: t(`material.${m}`) }))}
      />
      <Field id='weight' label={t('recycling.weight')} type='digit' value={weight} onInput={setWeight} error={touched ? weightError : undefined} />
      <CheckInSubmit t={t} estimateGrams={estimate} busy={busy} notice={notice} onSubmit={onSubmit} />
    </View>
  )
}
