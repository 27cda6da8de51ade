import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { BRAND } from '@/branding/brand'
import type { Station } from '@/contract/types'
import { parseDisplayCode } from '@/core/stationCode'
import type { Translate } from '@/i18n'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

/** A station QR holds its code, optionally as a URL ending in ?station=CODE. */
export function stationCodeFromScan(text: string): string {
  const match = /[?&]station=([A-Za-z0-9_-]{1,32})/.exec(text)
  return (match ? match[1] : text).trim()
}

/** The station a drop is made at, typed, picked or scanned, and the station display's code when there is one. */
export function useStationEntry() {
  const [stationCode, setStationCode] = useState('')
  const [displayCode, setDisplayCode] = useState('')
  /** a display's code names its station too, so typing one fills the station in */
  const typeDisplayCode = (text: string) => {
    setDisplayCode(text)
    const shown = parseDisplayCode(text)
    if (shown) setStationCode(shown.stationCode)
  }
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
  return { stationCode, setStationCode, displayCode, setDisplayCode, typeDisplayCode, scan }
}

export type StationEntry = ReturnType<typeof useStationEntry>

interface StationFieldsProps {
  entry: StationEntry
  stations: Station[]
  /** the station the typed code names, if it is one of the list */
  station: Station | undefined
  error: string | undefined
  onPick(code: string): void
  t: Translate
}

export function StationFields({ entry, stations, station, error, onPick, t }: StationFieldsProps) {
  const lang = useAppStore(selectLang)
  // the city's featured stations first
  const featured = (s: Station) => Number(BRAND.featuredStations.includes(s.code))
  return (
    <>
      <Field id='station' label={t('recycling.station')} value={entry.stationCode} onInput={entry.setStationCode} error={error} />
      {process.env.TARO_ENV === 'weapp' ? <ActionButton variant='secondary' label={t('recycling.scan')} onClick={entry.scan} /> : null}
      <Field id='display-code' label={t('recycling.displayCode')} hint={t('recycling.displayHint')} value={entry.displayCode} onInput={entry.typeDisplayCode} />
      {stations.length > 0 ? (
        <View>
          <View className='section-title'>{t('recycling.pickStation')}</View>
          <Choices
            label={t('recycling.pickStation')}
            value={station?.code ?? ''}
            onChange={onPick}
            options={[...stations].sort((a, b) => featured(b) - featured(a)).map((s) => ({ value: s.code, text: localName(s, lang) }))}
          />
        </View>
      ) : null}
    </>
  )
}
