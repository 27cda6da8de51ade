/**
 * A voucher desk's scan-or-type, check and answer, shared by the organizer's pickup desk
 * (packages/organizer/pages/verify) and a merchant's counter (packages/merchant/pages/desk). Only those subpackage
 * pages import it: the weapp build gives each its own copy and the main package, at its size budget, none.
 */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { errorText } from '@/components/useT'
import type { Translate } from '@/i18n'

/** The check's answer for a code, or why not, worded in the reader's language. */
export type DeskAnswer<R extends object> = ({ ok: true } & R) | { ok: false; message: string }

export interface VoucherDesk<R extends object> {
  code: string
  setCode(code: string): void
  /** a code is being checked: the desk takes no other meanwhile */
  busy: boolean
  answer: DeskAnswer<R> | undefined
  /** checks a code; nothing for a blank one, while one is being checked, or when there is no check */
  verify(text: string): Promise<void>
  /** scans a voucher's QR code with the camera (weapp) and checks it; a cancelled scan does nothing */
  scan(): Promise<void>
  /** back to an empty desk for the next voucher */
  next(): void
}

/** `check` asks the cloud about a code (undefined: nothing to check against yet, such as no merchant chosen). */
export function useVoucherDesk<R extends object>(check: ((code: string) => Promise<R>) | undefined, t: Translate): VoucherDesk<R> {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<DeskAnswer<R> | undefined>()

  async function verify(text: string) {
    if (!check || !text.trim() || busy) return
    setBusy(true)
    try {
      setAnswer({ ok: true, ...(await check(text)) })
    } catch (e) {
      setAnswer({ ok: false, message: errorText(t, e) })
    } finally {
      setBusy(false)
    }
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setCode(res.result)
      await verify(res.result)
    } catch {
      // cancelled
    }
  }

  const next = () => {
    setAnswer(undefined)
    setCode('')
  }

  return { code, setCode, busy, answer, verify, scan, next }
}
