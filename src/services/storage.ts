/** Taro storage behind a validating reader: what comes back from the device is checked, never trusted. */
import Taro from '@tarojs/taro'

export function readStored<T>(key: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = Taro.getStorageSync(key)
    if (value === '' || value === undefined || value === null) return undefined
    if (isValid(value)) return value
  } catch {
    // unreadable storage is treated like corrupt storage
  }
  removeStored(key)
  return undefined
}

export function writeStored(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value)
  } catch (error) {
    console.warn(`could not persist ${key}`, error)
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing to remove
  }
}
