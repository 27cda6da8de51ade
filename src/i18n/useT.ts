import { useMemo } from 'react'
import { selectLang, useAppStore } from '../store'
import { translator, type Translate } from '.'
import type { ClientErrorCode } from '../services/cloud'
import { CloudCallError } from '../services/cloud'
import type { MessageKey } from './messages'

export function useT(): Translate {
  const lang = useAppStore(selectLang)
  return useMemo(() => translator(lang), [lang])
}

/** A readable sentence for any failure, in the current language. */
export function errorText(t: Translate, error: unknown): string {
  const code: ClientErrorCode = error instanceof CloudCallError ? error.code : 'INTERNAL'
  const message = error instanceof Error ? error.message : String(error)
  return t(`error.${code}` as MessageKey, { message })
}
