import { useState } from 'react'
import { kmNotDriven } from '../core/equivalents'
import { errorText, useT } from './useT'
import { CloudCallError } from '../services/cloud'
import { useAppStore } from '../store'
import type { QueueSlice } from '../store/types'
import type { NoticeProps } from './Notice'

type Payload = Parameters<QueueSlice['submitCheckIn']>[0]

/** Submitting a check-in and turning every outcome into what the resident reads. */
export function useCheckIn() {
  const t = useT()
  const submitCheckIn = useAppStore((s) => s.submitCheckIn)
  const refreshWallet = useAppStore((s) => s.refreshWallet)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<NoticeProps | undefined>()

  async function submit(payload: Payload, options?: { endedMinutesAgo?: number }) {
    if (busy) return
    setBusy(true)
    setNotice(undefined)
    try {
      const outcome = await submitCheckIn(payload, options)
      if (outcome.status === 'credited') {
        const { entry, capped } = outcome.result
        const lines = [t('checkin.credited', { grams: entry.gramsCo2e, points: entry.points })]
        if (capped) lines.push(t('checkin.capped'))
        lines.push(t('equiv.km', { km: kmNotDriven(entry.gramsCo2e) }))
        setNotice({ tone: capped ? 'warning' : 'success', lines })
        refreshWallet().catch(() => undefined)
      } else if (outcome.status === 'queued') {
        setNotice({ tone: 'info', lines: [t('checkin.queued')] })
      } else {
        setNotice({ tone: 'error', lines: [errorText(t, new CloudCallError(outcome.code, outcome.message, outcome.refusal))] })
      }
    } catch (error) {
      setNotice({ tone: 'error', lines: [errorText(t, error)] })
    } finally {
      setBusy(false)
    }
  }

  return { submit, busy, notice, t }
}
