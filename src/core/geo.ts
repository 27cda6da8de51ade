/**
 * Distances on the ground between two WGS-84 positions (what wx.getLocation and the browser's geolocation give by
 * default), for an event that checks its attendees are on site. Coordinates are kept as integer micro-degrees
 * (about 0.1 m), like every other stored quantity: no floats in a row.
 */

export interface Position {
  latitude: number
  longitude: number
}

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in whole metres (haversine; well under a metre off at event scales). */
export function distanceM(a: Position, b: Position): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.latitude - a.latitude)
  const dLng = rad(b.longitude - a.longitude)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

export const toMicroDegrees = (degrees: number) => Math.round(degrees * 1e6)
export const fromMicroDegrees = (micro: number) => micro / 1e6
