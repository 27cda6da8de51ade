/** The rotating code's HMAC (src/core/stationCode has the format and the window rules). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export function newStationSecret(): string {
  return randomBytes(32).toString('hex')
}

export function displayMac(secretHex: string, stationCode: string, window: number): string {
  return createHmac('sha256', Buffer.from(secretHex, 'hex')).update(`${stationCode}:${window}`).digest('hex').slice(0, 16)
}

export function macMatches(secretHex: string, stationCode: string, window: number, mac: string): boolean {
  const expected = Buffer.from(displayMac(secretHex, stationCode, window), 'hex')
  const given = Buffer.from(mac, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
