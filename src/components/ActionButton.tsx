import { Button } from '@tarojs/components'
import { pressable } from './pressable'
import type { ReactNode } from 'react'
import { BRAND } from '../branding/brand'

export interface ActionButtonProps {
  label: string
  /** what a screen reader says when the visible label alone is ambiguous (several "Got it" buttons); the label by default */
  ariaLabel?: string
  onClick(): void
  variant?: 'primary' | 'secondary'
  disabled?: boolean
  loading?: boolean
  children?: ReactNode
}

/**
 * Taro's H5 button is a custom element that screen readers do not know as a button: give it the role,
 * name and disabled state explicitly (weapp's native button already has them).
 * Busy is shown by the label and aria-busy, not Taro's `loading`: on H5 that inserts a spinner into the
 * button's light DOM beside React's own text, and the next render fails with "insertBefore … not a child".
 */
export function ActionButton({ label, ariaLabel, onClick, variant = 'primary', disabled, loading, children }: ActionButtonProps) {
  const a11y = {
    role: 'button',
    'aria-disabled': disabled ? 'true' : 'false',
    'aria-busy': loading ? 'true' : 'false',
    ...pressable(() => {
      if (!disabled) onClick()
    }),
  }
  return (
    <Button
      className={`${variant}-button${loading ? ' is-busy' : ''}`}
      style={variant === 'primary' ? { backgroundColor: BRAND.colors.primary } : { color: BRAND.colors.primary, borderColor: BRAND.colors.primary }}
      ariaLabel={ariaLabel ?? label}
      disabled={disabled}
      onClick={(e) => {
        // A button inside a tappable card acts alone; the card must not navigate as well.
        e.stopPropagation()
        if (!disabled) onClick()
      }}
      {...a11y}
    >
      {children ?? label}
    </Button>
  )
}
