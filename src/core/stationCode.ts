/**
 * Rotating station codes. A fixed QR on a recycling station is a code anyone can photograph and type from home;
 * the station's display shows a code that changes every 30 s (an HMAC of the station and the time window, as
 * TOTP does), so scanning it shows the resident was there. The HMAC itself is the cloud's (it holds the
 * station's secret); the format, the window and what each kind of evidence earns are rules, here.
 */
import type { Factor } from '../contract/types'

export const DISPLAY_WINDOW_MS = 30_000
/** A code is accepted in its own window and the one on either side (a phone's clock and a slow scan). */
export const DISPLAY_WINDOW_SLACK = 1

/**
 * Evidence of a recycling drop. 'station-display': the rotating code, scanned at the station. 'self-reported':
 * a typed or printed station code, which proves nothing about presence, so it earns at most half a material's
 * daily cap (a resident without the display still gets credit for an honest drop; a farmer gets half as much).
 * 'venue-display': the same rotating code, scanned at a venue's display for a low-carbon scene (src/core/kinds/scene).
 * 'operator': a trip an operator the city registered reported over the partner API (docs/partner-api.md).
 * 'scale': a drop a registered bin or scale weighed at its own station.
 */
export type Evidence = 'station-display' | 'self-reported' | 'venue-display' | 'operator' | 'scale'
export const SELF_REPORTED_CAP_SHARE = 0.5

export function selfReportedCapGrams(factor: Pick<Factor, 'dailyCapGrams'>): number {
  return Math.floor(factor.dailyCapGrams * SELF_REPORTED_CAP_SHARE)
}

/** The counter row (per person, day) of self-reported grams of one factor. */
export function selfReportedKey(factorId: string): string {
  return `~self.${factorId}`
}

export function displayWindow(nowMs: number): number {
  return Math.floor(nowMs / DISPLAY_WINDOW_MS)
}

export function windowAccepted(window: number, nowMs: number): boolean {
  return Math.abs(window - displayWindow(nowMs)) <= DISPLAY_WINDOW_SLACK
}

/**
 * A rotating code's text: `<prefix>.<subject>.<window>.<MAC>`, the subject matching `subject` (a regular
 * expression's source). Upper-case hex and dots: a seeded station's code is then all in QR's alphanumeric set,
 * which encodes densely and needs no TextEncoder (absent from older WeChat base libraries).
 */
export function rotatingCodeFormat(prefix: string, subject: string) {
  const pattern = new RegExp(`^${prefix}\\.(${subject})\\.(\\d{1,12})\\.([0-9A-Fa-f]{16})$`)
  return {
    text: (subjectId: string, window: number, mac: string) => `${prefix}.${subjectId}.${window}.${mac.toUpperCase()}`,
    parse(text: string): { subject: string; window: number; mac: string } | undefined {
      const m = pattern.exec(text.trim())
      return m ? { subject: m[1], window: Number(m[2]), mac: m[3].toLowerCase() } : undefined
    },
  }
}

const STATION_CODE = rotatingCodeFormat('GL1', '[A-Za-z0-9-]{1,32}')

export const displayCodeText = STATION_CODE.text

export function parseDisplayCode(text: string): { stationCode: string; window: number; mac: string } | undefined {
  const code = STATION_CODE.parse(text)
  return code && { stationCode: code.subject, window: code.window, mac: code.mac }
}
