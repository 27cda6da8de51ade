import { useMemo } from 'react'
import { selectLang, useAppStore } from '../store'
import { translator, type MessageTable, type Translate } from '../i18n'
import type { ClientErrorCode } from '../services/cloud'
import { CloudCallError } from '../services/cloud'
import type { MessageKey } from '../i18n/messages'
import type { ReasonParams } from '../contract/errors'
import { shanghaiClock } from '../core/time'

export function useT(): Translate {
  const lang = useAppStore(selectLang)
  return useMemo(() => translator(lang), [lang])
}

/** For pages of a subpackage that keeps its own strings (see src/packages/about/messages.ts). */
export function usePackageT<K extends string>(table: MessageTable<K>): Translate<MessageKey | K> {
  const lang = useAppStore(selectLang)
  return useMemo(() => translator(lang, table), [lang, table])
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** Instants come as ISO strings: shown as the Shanghai wall clock a resident reads ("12-05 09:30"). */
function shown(params: ReasonParams | undefined): ReasonParams {
  const out: ReasonParams = {}
  for (const [name, value] of Object.entries(params ?? {})) out[name] = typeof value === 'string' && INSTANT.test(value) ? shanghaiClock(value) : value
  return out
}

/** The sentence for a refusal's reason, or undefined when this app has none (a newer cloud's reason). */
function refusalText(t: Translate<MessageKey>, reason: string, params: ReasonParams | undefined): string | undefined {
  const filled = shown(params)
  // A refused field is named when the app has words for it; its path is the wire's, never shown.
  const field =
    reason === 'invalid.field' && typeof params?.field === 'string'
      ? params.field
          .split('.')
          .filter((s) => !/^\d+$/.test(s))
          .pop()
      : undefined
  for (const key of field ? [`refusal.${reason}.${field}`, `refusal.${reason}`] : [`refusal.${reason}`]) {
    const text = t(key as MessageKey, filled)
    // The translator answers a key it does not have with the key itself.
    if (text !== key) return text
  }
  return undefined
}

/**
 * A readable sentence for any failure, in the current language: the refusal's own sentence by its reason, with
 * its figures; otherwise the code's. Chinese never shows the cloud's English message; English may, for a code.
 */
export function errorText(t: Translate<MessageKey>, error: unknown): string {
  const code: ClientErrorCode = error instanceof CloudCallError ? error.code : 'INTERNAL'
  if (error instanceof CloudCallError && error.reason) {
    const text = refusalText(t, error.reason, error.params)
    if (text !== undefined) return text
  }
  const message = error instanceof Error ? error.message : String(error)
  return t(`error.${code}` as MessageKey, { message })
}
