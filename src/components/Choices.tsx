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
        <ChoiceItem key={o.value} role='radio' text={o.text} on={o.value === value} onPick={() => onChange(o.value)} />
      ))}
    </View>
  )
}

/** One large option, chosen or not: a radio in Choices, a checkbox in Toggles. */
export function ChoiceItem({ role, text, on, onPick }: { role: 'radio' | 'checkbox'; text: string; on: boolean; onPick(): void }) {
  return (
    <View
      className={`choices__item${on ? ' choices__item--on' : ''}`}
      role={role}
      aria-checked={on}
      ariaLabel={text}
      onClick={() => onPick()}
      {...pressable(onPick)}
    >
      {text}
    </View>
  )
}
