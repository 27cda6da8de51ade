import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Notice } from '@/components/Notice'
import { QrCode } from '@/components/QrCode'
import '../pages/display/index.scss'

export interface ShownCode {
  code: string
  windowStartMs: number
  windowMs: number
}

export interface RotatingCodeProps {
  /** what the code is for: a station, an event (a new key fetches a new code) */
  codeKey: string
  fetchCode(): Promise<ShownCode>
  label: string
  secondsLeft(seconds: number): string
  describeError(error: unknown): string
  id?: string
  /** the id of the code's text under the QR (for typing it when scanning fails) */
  textId?: string
}

/**
 * A QR that changes every window (30 s): fetched again when its window turns, with a countdown, and not while
 * the page is hidden. A photo of it is worthless a minute later. The station display and an event's
 * attendance code both show one.
 */
export function RotatingCode({ codeKey, fetchCode, label, secondsLeft, describeError, id, textId }: RotatingCodeProps) {
  const [shown, setShown] = useState<ShownCode | undefined>()
  const [nowMs, setNowMs] = useState(Date.now())
  const [error, setError] = useState<string | undefined>()
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  const visible = useRef(true)
  const fetcher = useRef(fetchCode)
  fetcher.current = fetchCode
  const describe = useRef(describeError)
  describe.current = describeError

  useEffect(() => {
    const refresh = () =>
      fetcher
        .current()
        .then((s) => {
          setShown(s)
          setError(undefined)
        })
        .catch((e) => setError(describe.current(e)))
    setShown(undefined)
    void refresh()
    // A tick a second: the countdown moves, and a new code is fetched when the window turns.
    timer.current = setInterval(() => {
      const now = Date.now()
      setNowMs(now)
      setShown((s) => {
        if (visible.current && s && now >= s.windowStartMs + s.windowMs) void refresh()
        return s
      })
    }, 1000)
    return () => clearInterval(timer.current)
  }, [codeKey])
  useDidShow(() => void (visible.current = true))
  useDidHide(() => void (visible.current = false))
  useUnload(() => clearInterval(timer.current))

  if (error) return <Notice tone='error' lines={[error]} />
  if (!shown) return null
  const seconds = Math.max(0, Math.ceil((shown.windowStartMs + shown.windowMs - nowMs) / 1000))
  return (
    <View id={id}>
      <View className='display__qr'>
        <QrCode text={shown.code} label={label} />
      </View>
      <Text className='display__code' id={textId}>
        {shown.code}
      </Text>
      <Text className='display__left'>{secondsLeft(seconds)}</Text>
    </View>
  )
}
