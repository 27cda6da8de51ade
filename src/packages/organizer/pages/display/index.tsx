import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useOrganizerStore } from '../../store'
import { useTextScale } from '@/components/TextScale'
import { useState } from 'react'
import { Choices } from '@/components/Choices'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import { errorText, usePackageT } from '@/components/useT'
import { RotatingCode } from '../../parts/RotatingCode'
import './index.scss'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

/**
 * The station display: a tablet at the recycling station shows a QR that changes every 30 seconds. Residents
 * scan it with their drop; a photo of it is worthless a minute later.
 */
export default function StationDisplayPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.display')
  const t = usePackageT(MESSAGES)
  // The stations this organizer runs (a community organizer: their community's), retired ones left out.
  const stations = useOrganizerStore((s) => s.stations).filter((s) => !s.retiredAt)
  const [stationCode, setStationCode] = useState('')
  const lang = useAppStore(selectLang)
  const [error, setError] = useState<string | undefined>()
  const session = useRequireSession(() => {
    useOrganizerStore
      .getState()
      .load()
      .catch((e) => setError(errorText(t, e)))
  })
  if (!session) return <View className='page' />
  return (
    <View className='page display' style={textScale}>
      <View className='section-title'>{t('display.pick')}</View>
      <Choices
        label={t('display.pick')}
        value={stationCode}
        onChange={setStationCode}
        options={stations.map((s) => ({ value: s.code, text: localName(s, lang) }))}
      />
      {error ? <Notice tone='error' lines={[error]} /> : null}
      {stationCode ? (
        <RotatingCode
          id='station-display'
          textId='display-code-text'
          codeKey={stationCode}
          fetchCode={() => useOrganizerStore.getState().stationDisplayCode(stationCode)}
          label={t('display.qrLabel', { station: stationCode })}
          secondsLeft={(seconds) => t('display.left', { seconds })}
          describeError={(e) => errorText(t, e)}
        />
      ) : (
        <Text className='muted'>{t('display.hint')}</Text>
      )}
    </View>
  )
}
