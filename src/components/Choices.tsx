import { View } from '@tarojs/components'
import { pressable } from './pressable'
import './Choices.scss'

export interface ChoicesProps<T extends string> {
  label: string
  options: readonly { value: T; text: string }[]
  value: T
  onChange(value: T): void
}

/** A row of large, labelled toggle buttons: easier to hit on a phone than a picker wheel. */
export function Choices<T extends string>({ label, options, value, onChange }: ChoicesProps<T>) {
  return (
    <View className='choices' role='radiogroup' ariaLabel={label}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`choices__item${o.value === value ? ' choices__item--on' : ''}`}
          role='radio'
          aria-checked={o.value === value}
          ariaLabel={o.text}
          onClick={() => onChange(o.value)}
          {...pressable(() => onChange(o.value))}
        >
          {o.text}
        </View>
      ))}
    </View>
  )
}
