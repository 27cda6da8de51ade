import { View } from '@tarojs/components'
import { useTextScale } from '@/components/TextScale'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { CheckInSubmit } from '@/components/CheckInSubmit'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { parseDecimal } from '@/components/numberInput'
import { useCheckIn } from '@/components/useCheckIn'
import { LIMITS, MATERIALS, type Material } from '@/contract/constants'
import { BRAND } from '@/branding/brand'
import { gramsFor } from '@/core/credit'
import { parseDisplayCode } from '@/core/stationCode'
import { selectMethodology, selectStations, useAppStore } from '@/store'
import './index.scss'
import { usePageTitle } from '@/components/usePageTitle'

/** A station QR holds its code, optionally as a URL ending in ?station=CODE. */
export function stationCodeFromScan(text: string): string {
  const match = /[?&]station=([A-Za-z0-9_-]{1,32})/.exec(text)
  return (match ? match[1] : text).trim()
}

export default function RecyclingPage() {
  const textScale = useTextScale()
  usePageTitle('title.recycling')
  const { submit, busy, notice, t } = useCheckIn()
  const methodology = useAppStore(selectMethodology)
  const stations = useAppStore(selectStations)
  const loadCatalogue = useAppStore((s) => s.loadCatalogue)
  const [stationCode, setStationCode] = useState('')
  const [material, setMaterial] = useState<Material>('paper')
  const [weight, setWeight] = useState('')
  const [displayCode, setDisplayCode] = useState('')
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

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const shown = parseDisplayCode(res.result)
      if (shown) {
        // the station's display: it names the station and proves the resident was there
        setDisplayCode(res.result.trim())
        setStationCode(shown.stationCode)
      } else {
        setStationCode(stationCodeFromScan(res.result))
      }
    } catch {
      // cancelled by the resident
    }
  }

  function pickStation(code: string) {
    setStationCode(code)
    const picked = stations.find((s) => s.code === code)
    if (picked && !picked.materials.includes(material)) setMaterial(picked.materials[0])
  }

  function onSubmit() {
    setTouched(true)
    if (weightError || stationError) return
    const code = displayCode.trim()
    submit({ kind: 'recycling', material, weightKg, stationCode: stationCode.trim(), ...(code ? { displayCode: code } : {}) })
    // a display code is good once: the next drop scans the next one
    setDisplayCode('')
  }

  return (
    <View className='page recycling' style={textScale}>
      <Field
        id='station'
        label={t('recycling.station')}
        value={stationCode}
        onInput={setStationCode}
        error={touched ? stationError : undefined}
      />
      {process.env.TARO_ENV === 'weapp' ? (
        <ActionButton variant='secondary' label={t('recycling.scan')} onClick={scan} />
      ) : null}
      <Field
        id='display-code'
        label={t('recycling.displayCode')}
        hint={t('recycling.displayHint')}
        value={displayCode}
        onInput={(text) => {
          setDisplayCode(text)
          const shown = parseDisplayCode(text)
          if (shown) setStationCode(shown.stationCode)
        }}
      />
      {stations.length > 0 ? (
        <View>
          <View className='section-title'>{t('recycling.pickStation')}</View>
          <Choices
            label={t('recycling.pickStation')}
            value={station?.code ?? ''}
            onChange={pickStation}
            options={[...stations]
              .sort((a, b) => Number(BRAND.featuredStations.includes(b.code)) - Number(BRAND.featuredStations.includes(a.code)))
              .map((s) => ({ value: s.code, text: s.name }))}
          />
        </View>
      ) : null}
      <View className='section-title'>{t('recycling.material')}</View>
      <Choices<Material>
        label={t('recycling.material')}
        value={material}
        onChange={setMaterial}
        options={materials.map((m) => ({ value: m, text: t(`material.${m}`) }))}
      />
      <Field
        id='weight'
        label={t('recycling.weight')}
        type='digit'
        value={weight}
        onInput={setWeight}
        error={touched ? weightError : undefined}
      />
      <CheckInSubmit t={t} estimateGrams={estimate} busy={busy} notice={notice} onSubmit={onSubmit} />
    </View>
  )
}
