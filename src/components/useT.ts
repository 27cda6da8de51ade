import { useMemo } from 'react'
import { selectLang, useAppStore } from '../store'
import { translator, type MessageTable, type Translate } from '../i18n'
import type { ClientErrorCode } from '../services/cloud'
import { CloudCallError } from '../services/cloud'
import type { MessageKey } from '../i18n/messages'

export function useT(): Translate {
  const lang = useAppStore(selectLang)
  return useMemo(() => translator(lang), [lang])
}

/** For pages of a subpackage that keeps its own strings (see src/packages/about/messages.ts). */
export function usePackageT<K extends string>(table: MessageTable<K>): Translate<MessageKey | K> {
  const lang = useAppStore(selectLang)
  return useMemo(() => translator(lang, table), [lang, table])
}

/** A readable sentence for any failure, in the current language. */
export function errorText(t: Translate<MessageKey>, error: unknown): string {
  const code: ClientErrorCode = error instanceof CloudCallError ? error.code : 'INTERNAL'
  const message = error instanceof Error ? error.message : String(error)
  return t(`error.${code}` as MessageKey, { message })
}
