import { View } from '@tarojs/components'
import { ChoiceItem } from '../Choices'

export interface TogglesProps<T extends string> {
  label: string
  options: readonly { value: T; text: string }[]
  values: readonly T[]
  onChange(values: T[]): void
}

/** Choices' look for picking several: each option a large checkbox, kept in the options' order. */
export function Toggles<T extends string>({ label, options, values, onChange }: TogglesProps<T>) {
  const flip = (value: T) => {
    const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value]
    onChange(options.map((o) => o.value).filter((v) => next.includes(v)))
  }
  return (
    <View className='choices' role='group' ariaLabel={label}>
      {options.map((o) => (
        <ChoiceItem key={o.value} role='checkbox' text={o.text} on={values.includes(o.value)} onPick={() => flip(o.value)} />
      ))}
    </View>
  )
}
