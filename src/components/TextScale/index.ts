import Taro from '@tarojs/taro'
import type { CSSProperties } from 'react'
import { useAppStore } from '../../store'
import type { AppState } from '../../store'
import type { TextSize } from '../../store/types'

/** How much larger than the design each text size draws; "larger" is the 200 % that WCAG's resize-text asks for. */
export const TEXT_SCALE: Record<TextSize, number> = { standard: 1, large: 1.5, larger: 2 }
/** WeChat's standard font size (px): a larger setting in WeChat scales the app's text by the same ratio. */
const WECHAT_STANDARD_FONT_PX = 16

let systemScale: number | undefined
/** WeChat's font-size setting as a scale (1 in the browser, whose own text zoom already applies). */
export function systemTextScale(): number {
  if (systemScale === undefined) {
    systemScale = 1
    if (process.env.TARO_ENV === 'weapp') {
      try {
        const setting = Number(Taro.getSystemInfoSync().fontSizeSetting)
        if (Number.isFinite(setting) && setting > 0) systemScale = Math.min(2, Math.max(1, setting / WECHAT_STANDARD_FONT_PX))
      } catch {
        // no system info: the design size
      }
    }
  }
  return systemScale
}

export const selectTextScale = (s: AppState) => (s.textSize ? TEXT_SCALE[s.textSize] : systemTextScale())

/**
 * Every font size is `calc(size × var(--text-scale))`. Each page's root view carries the variable (weapp
 * has no document to set it on, and a <page-meta> would bring its own navigation bar), so the whole page
 * follows; in the browser the document carries it too.
 */
const DESIGN_SIZE: CSSProperties = {}

export function useTextScale(): CSSProperties {
  const scale = useAppStore(selectTextScale)
  // At the design size the stylesheet's fallback (1) applies: nothing to set, nothing to recalculate.
  return scale === 1 ? DESIGN_SIZE : ({ ['--text-scale' as string]: String(scale) } as CSSProperties)
}

export function applyTextScaleToDocument() {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  const apply = (scale: number) => document.documentElement.style.setProperty('--text-scale', String(scale))
  // The stylesheet falls back to 1: a first load at the design size restyles nothing.
  const initial = selectTextScale(useAppStore.getState())
  if (initial !== 1) apply(initial)
  useAppStore.subscribe((s, before) => {
    if (s.textSize !== before.textSize) apply(selectTextScale(s))
  })
}
