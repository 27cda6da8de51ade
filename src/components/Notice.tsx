import { Text, View } from '@tarojs/components'
import './Notice.scss'

export interface NoticeProps {
  tone: 'success' | 'warning' | 'error' | 'info'
  lines: string[]
}

/** The answer to a resident's action: announced to screen readers as it appears. */
export function Notice({ tone, lines }: NoticeProps) {
  return (
    <View className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {lines.map((line) => (
        <Text key={line} className='notice__line'>
          {line}
        </Text>
      ))}
    </View>
  )
}
