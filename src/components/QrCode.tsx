import { View } from '@tarojs/components'
import { useMemo } from 'react'
import QRCode from 'qrcode/lib/core/qrcode'
import './QrCode.scss'

export interface QrCodeProps {
  text: string
  label: string
}

const QUIET_ZONE = 2

/**
 * A QR code drawn with plain views from qrcode's matrix: no canvas, so it renders the same in WeChat
 * and in a browser, and scales with the layout.
 */
export function QrCode({ text, label }: QrCodeProps) {
  const rows = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    const size = modules.size + QUIET_ZONE * 2
    const dark = (r: number, c: number) =>
      r >= QUIET_ZONE && c >= QUIET_ZONE && r < size - QUIET_ZONE && c < size - QUIET_ZONE && modules.get(r - QUIET_ZONE, c - QUIET_ZONE) === 1
    return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => dark(r, c)))
  }, [text])
  const cell = `${100 / rows.length}%`
  return (
    <View className='qr' role='img' ariaLabel={label} data-qr-text={text}>
      {rows.map((row, r) => (
        <View key={r} className='qr__row' style={{ height: cell }}>
          {row.map((isDark, c) => (
            <View key={c} className={isDark ? 'qr__cell qr__cell--dark' : 'qr__cell'} style={{ width: cell }} />
          ))}
        </View>
      ))}
    </View>
  )
}
