import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { QrCode } from '@/components/QrCode'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { errorText, usePackageT } from '@/components/useT'
import type { MessageKey } from '@/i18n/messages'
import { useState } from 'react'
import { useOrganizerStore } from '../../store'
import { MESSAGES } from '../../messages'
import './index.scss'

/** What a station's printed QR says: the recycling page's path with the station, which its scanner reads. */
export function stationQrText(code: string): string {
  return `pages/recycling/index?station=${code}`
}

/** A station's sign, ready to print: its QR, name, address, hours and what it takes. */
export default function StationSignPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.station')
  const t = usePackageT(MESSAGES)
  const code = decodeURIComponent(useRouter().params.code ?? '')
  const station = useOrganizerStore((s) => s.stations.find((x) => x.code === code))
  const [error, setError] = useState<string | undefined>()
  const session = useRequireSession(() => {
    if (!useOrganizerStore.getState().stations.some((x) => x.code === code)) {
      useOrganizerStore
        .getState()
        .load()
        .catch((e) => setError(errorText(t, e)))
    }
  })
  if (!session) return <View className='page' />
  if (!station) return <View className='page'>{error ? <Notice tone='error' lines={[error]} /> : null}</View>

  return (
    <View className='page station-sign' style={textScale}>
      {/* a sign in the street is read in both languages: the Chinese name, and the English one under it */}
      <Text className='page-title'>{station.name}</Text>
      {station.nameEn ? <Text className='station-sign__name-en'>{station.nameEn}</Text> : null}
      <View className='station-sign__qr'>
        <QrCode text={stationQrText(station.code)} label={t('station.qrLabel', { name: station.name })} />
      </View>
      <Text className='station-sign__code' id='station-sign-code'>
        {station.code}
      </Text>
      {station.address ? <Text className='station-sign__line'>{station.address}</Text> : null}
      {station.hours ? <Text className='station-sign__line'>{station.hours}</Text> : null}
      <Text className='station-sign__line'>{station.materials.map((m) => t(`material.${m}` as MessageKey)).join('、')}</Text>
      <Text className='muted station-sign__hint'>{t('station.qrHint')}</Text>
      {process.env.TARO_ENV === 'h5' ? (
        <View className='station-sign__actions'>
          <ActionButton label={t('station.print')} onClick={() => window.print()} />
        </View>
      ) : null}
    </View>
  )
}
