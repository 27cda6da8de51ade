/**
 * The phone's position, asked once when a person taps for it (an organizer placing an event, a resident checking in
 * at an event that checks location): `Taro.getLocation` in WGS-84 on weapp (what the cloud measures in), the
 * browser's geolocation on H5. Nothing here watches or remembers a position. Imported only by the organizer and
 * community subpackages, so the main package every resident downloads does not carry it.
 */
import Taro from '@tarojs/taro'

export interface PhonePosition {
  latitude: number
  longitude: number
  /** how far off the phone says it may be, in metres (absent when it does not say) */
  accuracyM?: number
}

/** DENIED: the person (or the system, or WeChat's privacy setting) refused; UNAVAILABLE: no fix could be had. */
export type LocationFailure = 'DENIED' | 'UNAVAILABLE'

export class LocationError extends Error {
  readonly code: LocationFailure
  constructor(code: LocationFailure, message: string) {
    super(message)
    this.code = code
    this.name = 'LocationError'
  }
}

const TIMEOUT_MS = 15_000
/** The contract's bound on a reported accuracy (attendEvent): a phone claiming worse is sent as this. */
const MAX_ACCURACY_M = 100_000

function position(latitude: unknown, longitude: unknown, accuracy: unknown): PhonePosition {
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    throw new LocationError('UNAVAILABLE', 'the phone gave no position')
  }
  const accuracyM = typeof accuracy === 'number' && Number.isFinite(accuracy) && accuracy >= 0 ? Math.min(accuracy, MAX_ACCURACY_M) : undefined
  return { latitude, longitude, ...(accuracyM === undefined ? {} : { accuracyM }) }
}

/** WeChat's refusals: the person said no (now or before), WeChat's privacy agreement is missing, or the system denies it. */
const WEAPP_DENIED = /auth|deny|denied|privacy|permission/i

async function weappPosition(): Promise<PhonePosition> {
  let res: { latitude: number; longitude: number; accuracy?: number }
  try {
    res = await Taro.getLocation({ type: 'wgs84' })
  } catch (error) {
    const errMsg = String((error as { errMsg?: string })?.errMsg ?? error)
    throw new LocationError(WEAPP_DENIED.test(errMsg) ? 'DENIED' : 'UNAVAILABLE', errMsg)
  }
  return position(res.latitude, res.longitude, res.accuracy)
}

function browserPosition(): Promise<PhonePosition> {
  const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation
  if (!geo) return Promise.reject(new LocationError('UNAVAILABLE', 'this browser has no geolocation'))
  return new Promise((resolve, reject) => {
    geo.getCurrentPosition(
      (p) => {
        try {
          resolve(position(p.coords.latitude, p.coords.longitude, p.coords.accuracy))
        } catch (error) {
          reject(error)
        }
      },
      // 1 PERMISSION_DENIED; 2 POSITION_UNAVAILABLE and 3 TIMEOUT are no fix
      (e) => reject(new LocationError(e.code === 1 ? 'DENIED' : 'UNAVAILABLE', e.message || `geolocation error ${e.code}`)),
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 30_000 },
    )
  })
}

/** The phone's position now, or a LocationError saying whether it was refused or could not be had. */
export function currentPosition(): Promise<PhonePosition> {
  return process.env.TARO_ENV === 'weapp' ? weappPosition() : browserPosition()
}
