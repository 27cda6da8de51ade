import { Input, Text, View } from '@tarojs/components'
import './Field.scss'

export interface FieldProps {
  label: string
  value: string
  onInput(value: string): void
  type?: 'text' | 'digit' | 'number'
  placeholder?: string
  hint?: string
  error?: string
  id: string
}

/** A labelled input whose label is also its accessible name. */
export function Field({ label, value, onInput, type = 'text', placeholder, hint, error, id }: FieldProps) {
  return (
    <View className='field'>
      <Text className='field__label' id={`${id}-label`}>
        {label}
      </Text>
      <Input
        id={id}
        className={`field__input${error ? ' field__input--error' : ''}`}
        type={type}
        value={value}
        placeholder={placeholder}
        ariaLabel={label}
        onInput={(e) => onInput(e.detail.value)}
      />
      {hint && !error ? <Text className='field__hint'>{hint}</Text> : null}
      {error ? (
        <View className='field__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}
