/**
 * Verified steps (WeChat WeRun): which days a decrypted WeRun payload may credit, and how a day's verified steps
 * and its manual walks make one walk. The decryption itself is the cloud's (it needs the person's session_key).
 */
import type { ErrorReason } from '../contract/errors'
import type { Decision } from './checkin'
import { addDays, shanghaiDay } from './time'

/** Days a sync may still credit: today and the six before it (WeRun sends 31). */
export const STEPS_WINDOW_DAYS = 7
/** A payload whose watermark is older than this is refused: WeChat stamps it when the phone asked for it. */
export const WATERMARK_MAX_AGE_MS = 24 * 3600 * 1000
/** Counter rows beside the credited ones: walking claimed by manual walks, and walking verified by steps (grams). */
export const WALK_CLAIMED_KEY = '~walk.claimed'
export const STEPS_VERIFIED_KEY = '~steps.verified'

/** Counter rows that are bookkeeping, not a factor's credited grams (the day total, the walking sources). */
export function isBookkeepingKey(key: string): boolean {
  return key === '*' || key.startsWith('~')
}

/**
 * What a manual walk may still add on a day: the larger of the two sources (claimed manual walks, verified
 * steps), within the walking cap, less what is already credited. One walk is counted once. (The walk's own
 * grams bound it too: computeCredit never credits more than the walk is worth.)
 */
export function walkingCeiling(w: { capGrams: number; claimedGrams: number; verifiedGrams: number; creditedGrams: number }): number {
  return Math.max(0, Math.min(w.capGrams, Math.max(w.claimedGrams, w.verifiedGrams)) - w.creditedGrams)
}

/**
 * What a steps sync may add on a day: the verified steps' worth, within the walking cap, less what walking
 * already earned. Only verified grams: a manual claim that was reversed or clipped never comes back through a
 * sync (the claim side is paid by walks, never by steps).
 */
export function stepsCeiling(w: { capGrams: number; verifiedGrams: number; creditedGrams: number }): number {
  return Math.max(0, Math.min(w.capGrams, w.verifiedGrams) - w.creditedGrams)
}

export interface WeRunPlain {
  stepInfoList: { timestamp: number; step: number }[]
  watermark: { appid: string; timestamp: number }
}

/**
 * The one answer to every payload that does not open, parse or belong to this mini-program: the same status, code
 * and words whether the padding, the JSON, the shape or the appid was wrong. Different answers for "bad padding"
 * and "not JSON" made a CBC padding oracle: "verified" steps were forged without the session key in about 30,000
 * calls.
 */
export const UNVERIFIABLE_WERUN = 'These WeRun data cannot be verified with your WeChat session: sync your steps again from WeChat.'

/** How far back WeRun's own list reaches (it sends 31 days); a day older than that is not WeRun's. */
export const WERUN_LIST_DAYS = 31

const fail = (message: string, refusal: ErrorReason): Decision<never> => ({ ok: false, violation: { code: 'INVALID_ARGUMENT', message, ...refusal } })

/**
 * The days a WeRun payload may credit, or why it is refused. Only a payload that decrypted, parsed and carries this
 * mini-program's appid gets this far; from here the refusals may say why (stale or from the future), since they
 * reveal nothing about the key. A day inside WeRun's list but before the last 7 is passed over, as WeRun always
 * sends 31; a step stamped after today, or before WeRun's list, is refused: no phone reports that.
 */
export function stepsDays(plain: WeRunPlain, appid: string, nowMs: number): Decision<{ day: string; steps: number }[]> {
  if (plain.watermark.appid !== appid) return fail(UNVERIFIABLE_WERUN, { reason: 'steps.unverifiable' })
  const stampedMs = plain.watermark.timestamp * 1000
  if (stampedMs > nowMs + 5 * 60_000)
    return fail("These WeRun data are stamped in the future (watermark after now): check the phone's clock and sync again.", { reason: 'steps.future' })
  if (stampedMs < nowMs - WATERMARK_MAX_AGE_MS)
    return fail('These WeRun data are stale (watermark more than a day old): sync again.', { reason: 'steps.stale' })
  const today = shanghaiDay(nowMs)
  const oldest = addDays(today, -(STEPS_WINDOW_DAYS - 1))
  const oldestListed = addDays(today, -WERUN_LIST_DAYS)
  const byDay = new Map<string, number>()
  for (const { timestamp, step } of plain.stepInfoList) {
    const ms = timestamp * 1000
    if (ms > nowMs + 5 * 60_000)
      return fail("These WeRun data count steps on a day after today: check the phone's clock and sync again.", { reason: 'steps.future' })
    const day = shanghaiDay(ms)
    if (day < oldestListed)
      return fail(`These WeRun data count steps before the last ${WERUN_LIST_DAYS} days, which WeRun never sends: sync again from WeChat.`, {
        reason: 'steps.tooOld',
        params: { days: WERUN_LIST_DAYS },
      })
    if (day < oldest) continue
    byDay.set(day, Math.max(byDay.get(day) ?? 0, step))
  }
  return { ok: true, value: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, steps]) => ({ day, steps })) }
}
