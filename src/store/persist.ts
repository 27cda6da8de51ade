/** The persisted parts of the state, each with a guard: corrupt data on the device is dropped. */
import type { Lang } from '../i18n'
import { readStored, removeStored, writeStored } from '../services/storage'
import type { QueuedCheckIn, Session, TextSize } from './types'

export const KEYS = { session: 'glp.session.v1', queue: 'glp.queue.v1', lang: 'glp.lang.v1', introSeen: 'glp.intro.v1', textSize: 'glp.textSize.v1' } as const

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0

export function isSession(v: unknown): v is Session {
  return (
    isObject(v) &&
    isString(v.openid) &&
    // empty under WeChat Cloud Run, where the platform carries the identity
    typeof v.token === 'string' &&
    typeof v.nickname === 'string' &&
    Array.isArray(v.roles) &&
    v.roles.every((r) => r === 'resident' || r === 'organizer')
  )
}

function isQueued(v: unknown): v is QueuedCheckIn {
  if (!isObject(v) || !isString(v.requestId) || !isString(v.queuedAt) || !isObject(v.payload)) return false
  const p = v.payload
  if (p.requestId !== v.requestId || typeof p.occurredAt !== 'string') return false
  if (p.kind === 'travel') return isString(p.mode) && typeof p.distanceKm === 'number'
  if (p.kind === 'recycling') return isString(p.material) && typeof p.weightKg === 'number' && isString(p.stationCode)
  return false
}

export const isQueue = (v: unknown): v is QueuedCheckIn[] => Array.isArray(v) && v.every(isQueued)
export const isTextSize = (v: unknown): v is TextSize => v === 'standard' || v === 'large' || v === 'larger'
export const isLang = (v: unknown): v is Lang => v === 'zh-CN' || v === 'en'

export const persisted = {
  session: () => readStored(KEYS.session, isSession),
  /**
   * The device queue, item by item: a check-in this version cannot read (an unknown kind, a corrupt entry) is
   * dropped on its own, never the rest of the queue with it.
   */
  queue: () => {
    const stored = readStored(KEYS.queue, (v: unknown): v is unknown[] => Array.isArray(v)) ?? []
    const kept = stored.filter(isQueued)
    if (kept.length !== stored.length) {
      if (kept.length > 0) writeStored(KEYS.queue, kept)
      else removeStored(KEYS.queue)
    }
    return kept
  },
  lang: () => readStored(KEYS.lang, isLang) ?? 'zh-CN',
  saveSession: (s: Session | undefined) => (s ? writeStored(KEYS.session, s) : removeStored(KEYS.session)),
  saveQueue: (q: QueuedCheckIn[]) => writeStored(KEYS.queue, q),
  saveLang: (l: Lang) => writeStored(KEYS.lang, l),
  introSeen: () => readStored(KEYS.introSeen, (v: unknown): v is true => v === true) ?? false,
  saveIntroSeen: () => writeStored(KEYS.introSeen, true),
  textSize: () => readStored(KEYS.textSize, isTextSize),
  saveTextSize: (s: TextSize) => writeStored(KEYS.textSize, s),
}
