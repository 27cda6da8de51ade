import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useOrganizerStore } from '../../store'
import { useTextScale } from '@/components/TextScale'
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Choices } from '@/components/Choices'
import { Notice } from '@/components/Notice'
import { QrCode } from '@/components/QrCode'
import { useRequireSession } from '@/components/useSession'
import { errorText, usePackageT } from '@/components/useT'
import { selectStations, useAppStore } from '@/store'
import './index.scss'

/**
 * The station display: a tablet at the recycling station shows a QR that changes every 30 seconds. Residents
 * scan it with their drop; a photo of it is worthless a minute later.
 */
export default function StationDisplayPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.display')
  const t = usePackageT(MESSAGES)
  const stations = useAppStore(selectStations)
  const { loadCatalogue } = useAppStore.getState()
  const { stationDisplayCode } = useOrganizerStore.getState()
  const [stationCode, setStationCode] = useState('')
  const [shown, setShown] = useState<{ code: string; windowStartMs: number; windowMs: number } | undefined>()
  const [nowMs, setNowMs] = useState(Date.now())
  const [error, setError] = useState<string | undefined>()
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  const visible = useRef(true)
  const session = useRequireSession(() => {
    if (stations.length === 0) loadCatalogue().catch((e) => setError(errorText(t, e)))
  })

  useEffect(() => {
    if (!stationCode) return undefined
    const fetchCode = (code: string) =>
      stationDisplayCode(code)
        .then((s) => {
          setShown(s)
          setError(undefined)
        })
        .catch((e) => setError(errorText(t, e)))
    void fetchCode(stationCode)
    // A tick a second: the countdown moves, and a new code is fetched when the window turns.
    timer.current = setInterval(() => {
      const now = Date.now()
      setNowMs(now)
      setShown((s) => {
        if (visible.current && s && now >= s.windowStartMs + s.windowMs) void fetchCode(stationCode)
        return s
      })
    }, 1000)
    return () => clearInterval(timer.current)
  }, [stationCode, stationDisplayCode, t])
  useDidShow(() => void (visible.current = true))
  useDidHide(() => void (visible.current = false))
  useUnload(() => clearInterval(timer.current))

  if (!session) return <View className='page' />
  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.windowStartMs + shown.windowMs - nowMs) / 1000)) : 0
  return (
    <View className='page display' style={textScale}>
      <View className='section-title'>{t('display.pick')}</View>
      <Choices label={t('display.pick')} value={stationCode} onChange={setStationCode} options={stations.map((s) => ({ value: s.code, text: s.name }))} />
      {error ? <Notice tone='error' lines={[error]} /> : null}
      {shown ? (
        <View id='station-display'>
          <View className='display__qr'>
            <QrCode text={shown.code} label={t('display.qrLabel', { station: stationCode })} />
          </View>
          <Text className='display__code' id='display-code-text'>
            {shown.code}
          </Text>
          <Text className='display__left'>{t('display.left', { seconds: secondsLeft })}</Text>
        </View>
      ) : (
        <Text className='muted'>{t('display.hint')}</Text>
      )}
    </View>
  )
}
