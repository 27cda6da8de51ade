/** The persisted parts of the state, each with a guard: corrupt data on the device is dropped. */
import type { Lang } from '../i18n'
import { kindNamed } from '../core/kinds/faces'
import { readStored, removeStored, writeStored } from '../services/storage'
import type { WalletResult } from '../contract/types'
import { reasonOf } from '../contract/errors'
import type { QueuedCheckIn, RefusedCheckIn, Session, TextSize } from './types'

export const KEYS = {
  session: 'glp.session.v1',
  queue: 'glp.queue.v1',
  lang: 'glp.lang.v1',
  introSeen: 'glp.intro.v1',
  textSize: 'glp.textSize.v1',
  wallet: 'glp.wallet.v1',
  refused: 'glp.refused.v1',
} as const

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
  // Each kind checks its own fields (src/core/kinds); a kind this version does not know is not sent.
  return typeof p.kind === 'string' && (kindNamed(p.kind)?.queue?.isPayload(p) ?? false)
}

export const isQueue = (v: unknown): v is QueuedCheckIn[] => Array.isArray(v) && v.every(isQueued)

/** At most this many refusals are kept: the newest, so an old one never hides a new one. */
export const MAX_REFUSED_KEPT = 20

function isRefusedList(v: unknown): v is { openid: string; items: RefusedCheckIn[] } {
  return (
    isObject(v) &&
    isString(v.openid) &&
    Array.isArray(v.items) &&
    v.items.every(
      (r) =>
        isObject(r) &&
        isString(r.code) &&
        typeof r.message === 'string' &&
        (r.refusal === undefined || (isObject(r.refusal) && reasonOf(r.refusal) !== undefined)) &&
        isString(r.refusedAt) &&
        isQueued({ requestId: r.requestId, queuedAt: r.refusedAt, payload: r.payload }),
    )
  )
}
export const isTextSize = (v: unknown): v is TextSize => v === 'standard' || v === 'large' || v === 'larger'
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

/** The last wallet view of one person, shown at once on the next launch while the fresh one loads. */
function isCachedWallet(v: unknown): v is { openid: string; view: WalletResult } {
  if (!isObject(v) || !isString(v.openid) || !isObject(v.view)) return false
  const { wallet, today, streakDays, todayByFactor } = v.view as Record<string, unknown>
  return (
    isObject(wallet) &&
    ['gramsCo2eTotal', 'pointsBalance', 'pointsEarned', 'pointsSpent'].every((k) => isCount(wallet[k])) &&
    isObject(today) &&
    isString(today.day) &&
    isCount(today.gramsCo2e) &&
    isCount(streakDays) &&
    Array.isArray(todayByFactor) &&
    todayByFactor.every((f) => isObject(f) && isString(f.factorId) && isCount(f.gramsCo2e))
  )
}

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
  /** the refused check-ins kept for this person, only if they are this person's */
  refused: (openid: string | undefined): RefusedCheckIn[] => {
    const kept = openid ? readStored(KEYS.refused, isRefusedList) : undefined
    return kept && kept.openid === openid ? kept.items : []
  },
  saveRefused: (openid: string, items: RefusedCheckIn[]) => (items.length > 0 ? writeStored(KEYS.refused, { openid, items }) : removeStored(KEYS.refused)),
  lang: () => readStored(KEYS.lang, isLang) ?? 'zh-CN',
  saveSession: (s: Session | undefined) => (s ? writeStored(KEYS.session, s) : removeStored(KEYS.session)),
  saveQueue: (q: QueuedCheckIn[]) => writeStored(KEYS.queue, q),
  saveLang: (l: Lang) => writeStored(KEYS.lang, l),
  introSeen: () => readStored(KEYS.introSeen, (v: unknown): v is true => v === true) ?? false,
  saveIntroSeen: () => writeStored(KEYS.introSeen, true),
  textSize: () => readStored(KEYS.textSize, isTextSize),
  /** the cached view, only if it is this person's */
  walletView: (openid: string | undefined) => {
    const cached = openid ? readStored(KEYS.wallet, isCachedWallet) : undefined
    return cached && cached.openid === openid ? cached.view : undefined
  },
  saveWalletView: (openid: string, view: WalletResult) => writeStored(KEYS.wallet, { openid, view }),
  forgetWalletView: () => removeStored(KEYS.wallet),
  saveTextSize: (s: TextSize) => writeStored(KEYS.textSize, s),
}
