import { View } from '@tarojs/components'
import './ProgressBar.scss'

export interface ProgressBarProps {
  value: number
  max: number
  label: string
}

/** A bar with its numbers exposed to screen readers (role progressbar). */
export function ProgressBar({ value, max, label }: ProgressBarProps) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0
  const aria = { role: 'progressbar', 'aria-valuenow': String(value), 'aria-valuemin': '0', 'aria-valuemax': String(max) }
  return (
    <View className='progress' ariaLabel={label} {...aria}>
      <View className='progress__fill' style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </View>
  )
}
