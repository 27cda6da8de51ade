/**
 * What makes a tappable view usable from a keyboard in the browser: it takes focus and Enter or Space
 * presses it, as a native button would (WeChat has no keyboard focus, and ignores both).
 */
export function pressable(onPress: () => void): Record<string, unknown> {
  return {
    tabIndex: 0,
    onKeyDown(e: { key?: string; preventDefault(): void }) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        onPress()
      }
    },
  }
}
