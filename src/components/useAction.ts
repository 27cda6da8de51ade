import { useCallback, useRef, useState } from 'react'
import type { Translate } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import type { NoticeProps } from './Notice'
import { errorText } from './useT'

export interface ActionNotice {
  tone: NoticeProps['tone']
  text: string
}

export interface Action {
  /**
   * Runs one thing the resident asked for: clears the last notice, marks busy, and turns a failure into a
   * readable error notice (errorText: the refusal worded in the resident's language). A string the work returns is
   * shown as a success. Answers whether it succeeded.
   */
  run(work: () => Promise<string | void>): Promise<boolean>
  busy: boolean
  /** shows a notice of the page's own (a form's check, a warning) */
  say(tone: ActionNotice['tone'], text: string): void
  /** the notice as Notice's props, or undefined */
  noticeProps: NoticeProps | undefined
}

/** The run / busy / notice / error handling every page needed, once. */
export function useAction<K extends string = MessageKey>(t: Translate<K | MessageKey>): Action {
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<ActionNotice | undefined>()
  // The newest run's answer wins: an older one finishing late must not overwrite it.
  const latest = useRef(0)
  const run = useCallback(
    async (work: () => Promise<string | void>) => {
      const mine = ++latest.current
      setBusy(true)
      setNotice(undefined)
      try {
        const success = await work()
        if (mine === latest.current && typeof success === 'string') setNotice({ tone: 'success', text: success })
        return true
      } catch (e) {
        if (mine === latest.current) setNotice({ tone: 'error', text: errorText(t as Translate, e) })
        return false
      } finally {
        if (mine === latest.current) setBusy(false)
      }
    },
    [t],
  )
  const say = useCallback((tone: ActionNotice['tone'], text: string) => setNotice({ tone, text }), [])
  return { run, busy, say, noticeProps: notice ? { tone: notice.tone, lines: [notice.text] } : undefined }
}
