import { Input, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
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
  useEffect(() => {
    // On H5 Taro's Input is a wrapper element around the real <input>, which gets none of the wrapper's ARIA:
    // tie the real one to the visible label and to the error, so screen readers announce both. The wrapper
    // draws its <input> a moment after mounting, so look again for a short while.
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined
    let tries = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const link = () => {
      const input = document.querySelector(`#${id} input`)
      if (!input) {
        if (++tries < 40) timer = setTimeout(link, 25)
        return
      }
      input.setAttribute('aria-labelledby', `${id}-label`)
      if (error) {
        input.setAttribute('aria-invalid', 'true')
        input.setAttribute('aria-describedby', `${id}-error`)
      } else {
        input.removeAttribute('aria-invalid')
        input.removeAttribute('aria-describedby')
      }
    }
    link()
    return () => clearTimeout(timer)
  }, [id, error])
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
        // weapp's native input takes the name itself; on H5 the wrapper may not carry it (no role), the
        // real <input> gets aria-labelledby below
        ariaLabel={process.env.TARO_ENV === 'h5' ? undefined : label}
        onInput={(e) => onInput(e.detail.value)}
      />
      {hint && !error ? <Text className='field__hint'>{hint}</Text> : null}
      {error ? (
        <View className='field__error' role='alert' id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}
