/**
 * Delivers due reminders through WeChat's subscribe messages (subscribeMessage.send) — the platform's part,
 * like login: the secret, the access token and the mapping of WeChat's answers live here.
 *
 * Exactly-once toward the resident: a reminder is claimed (pending → sending) and one granted send taken in one
 * transaction before the request goes out. A send WeChat answers as not delivered (system busy, stale token,
 * refused connection) goes back to pending for a later try, with its send given back; a send whose outcome is
 * lost (a timeout, a reset after the request left) becomes `unknown` and is never tried again, so nobody is
 * told twice. Reminders with no WeChat identity, no template or no send granted are shown in the app only.
 */
import { REMINDER_KINDS, type ReminderKind } from '../../src/contract/constants'
import { afterSend, type SendOutcome } from '../../src/core/reminders'
import { toShanghaiIso } from '../../src/core/time'
import { reminderText } from '../../src/i18n/reminders'
import { inTransaction, type Services } from '../function'
import type { ReminderRecord } from './queries'
import { dueReminders, claimReminder, reminderKinds, takeReminderCredit, finishReminder, addReminderCredit } from './queries'
import { findUser } from '../identity/queries'

export type { SendOutcome }

export interface SubscribeMessage {
  touser: string
  templateId: string
  /** the page the message opens */
  page: string
  data: Record<string, { value: string }>
}

export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SendOutcome>
}

export interface SubscribeSenderOptions {
  appid: string
  secret: string
  apiBase: string
  timeoutMs: number
  now?: () => number
  log?: (line: string) => void
}

/** errcodes that say the message was not delivered, and a later try may be */
const RETRY_ERRCODES = new Set([-1, 40001, 42001, 45009])
/** the access token is no longer good: fetch a new one before the next try */
const TOKEN_ERRCODES = new Set([40001, 42001])
/** a token is renewed this long before WeChat says it expires */
const TOKEN_MARGIN_MS = 5 * 60_000

/** Failures before any byte reached WeChat: the request certainly did not arrive. */
function neverArrived(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH'
}

export function createSubscribeSender(options: SubscribeSenderOptions): SubscribeSender {
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.error(line))
  const base = options.apiBase.replace(/\/+$/, '')
  let token: { value: string; expiresAtMs: number } | undefined
  let pending: Promise<string | undefined> | undefined

  // The stable token (getStableAccessToken), in normal mode: every instance of the cloud asking within its
  // validity gets the same token, where /cgi-bin/token gave each caller a new one and invalidated the others'.
  // Never force_refresh: that would invalidate the token the other instances are using.
  async function fetchToken(): Promise<string | undefined> {
    try {
      const res = await fetch(`${base}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: options.appid, secret: options.secret, force_refresh: false }),
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
      if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
        log(`[reminders] WeChat gave no access token (errcode ${body.errcode ?? res.status}: ${body.errmsg ?? ''})`)
        return undefined
      }
      token = { value: body.access_token, expiresAtMs: now() + body.expires_in * 1000 - TOKEN_MARGIN_MS }
      return token.value
    } catch (error) {
      log(`[reminders] could not fetch an access token: ${(error as Error).message}`)
      return undefined
    }
  }

  /** One token for every send until it expires; callers arriving while it is fetched share that fetch. */
  function accessToken(): Promise<string | undefined> {
    if (token && now() < token.expiresAtMs) return Promise.resolve(token.value)
    pending ??= fetchToken().finally(() => (pending = undefined))
    return pending
  }

  return {
    async send(message) {
      const value = await accessToken()
      // No token: nothing was sent, so a later try is safe.
      if (!value) return 'retry'
      const url = new URL(`${base}/cgi-bin/message/subscribe/send`)
      url.searchParams.set('access_token', value)
      let res: Response
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ touser: message.touser, template_id: message.templateId, page: message.page, data: message.data, lang: 'zh_CN' }),
          signal: AbortSignal.timeout(options.timeoutMs),
        })
      } catch (error) {
        return neverArrived(error) ? 'retry' : 'unknown'
      }
      if (res.status >= 500) return 'retry'
      let body: { errcode?: number; errmsg?: string }
      try {
        body = (await res.json()) as { errcode?: number; errmsg?: string }
      } catch {
        return 'unknown'
      }
      const errcode = body.errcode ?? 0
      if (errcode === 0) return 'sent'
      if (TOKEN_ERRCODES.has(errcode)) token = undefined
      if (RETRY_ERRCODES.has(errcode)) return 'retry'
      log(`[reminders] WeChat refused a subscribe message (errcode ${errcode}: ${body.errmsg ?? ''})`)
      return 'refused'
    },
  }
}

/** Per kind: the subscribe-message template, and which of its keywords carry the title, the detail and the time. */
export interface ReminderTemplate {
  id: string
  title: string
  detail: string
  time: string
}
export type ReminderTemplates = Partial<Record<ReminderKind, ReminderTemplate>>

/** WeChat's thing.DATA keyword takes at most 20 characters. */
const THING_MAX = 20
const clip = (text: string) =>
  Array.from(text).length > THING_MAX
    ? Array.from(text)
        .slice(0, THING_MAX - 1)
        .join('') + '…'
    : text

const PAGES: Record<ReminderKind, string> = {
  streak: 'pages/home/index',
  challengeEnding: 'pages/challenges/index',
  voucherExpiring: 'pages/rewards/index',
}

export function subscribeMessageFor(r: ReminderRecord, touser: string, template: ReminderTemplate): SubscribeMessage {
  const text = reminderText(r.kind, r.params, 'zh-CN')
  return {
    touser,
    templateId: template.id,
    page: PAGES[r.kind],
    data: {
      [template.title]: { value: clip(text.title) },
      [template.detail]: { value: clip(text.detail) },
      [template.time]: { value: toShanghaiIso(r.dueMs).slice(0, 16).replace('T', ' ') },
    },
  }
}

export const SEND_BATCH = 50

/**
 * One pass over the due reminders: each is claimed, sent or put in the inbox, and its outcome recorded.
 * Answers how many ended in each way.
 */
export async function sendDueReminders(
  services: Services,
  sender: SubscribeSender | undefined,
  templates: ReminderTemplates,
): Promise<Record<'sent' | 'inbox' | 'retry' | 'failed' | 'unknown', number>> {
  const counts = { sent: 0, inbox: 0, retry: 0, failed: 0, unknown: 0 }
  const due = await dueReminders(services.storage, services.now(), SEND_BATCH)
  for (const r of due) {
    const claim = await inTransaction(services, async (s) => {
      const at = toShanghaiIso(s.now())
      if (!(await claimReminder(s.store, r.id, s.now()))) return undefined
      const user = await findUser(s.store, r.openid)
      const touser = user?.handle.startsWith('wx:') ? user.handle.slice(3) : undefined
      const template = templates[r.kind]
      const wanted = (await reminderKinds(s.store, r.openid)).includes(r.kind)
      if (!sender || !touser || !template || !wanted || !(await takeReminderCredit(s.store, r.openid, r.kind))) {
        await finishReminder(s.store, r.id, 'inbox', at)
        return undefined
      }
      return { sender, touser, template }
    })
    if (!claim) {
      counts.inbox++
      continue
    }
    const outcome = await claim.sender.send(subscribeMessageFor(r, claim.touser, claim.template))
    const end = await inTransaction(services, async (s) => {
      const end = afterSend(outcome, r.attempts + 1, s.now())
      if (end.giveBackSend) await addReminderCredit(s.store, r.openid, r.kind, 1)
      await finishReminder(s.store, r.id, end.status, toShanghaiIso(s.now()), end.nextMs)
      return end
    })
    counts[end.status === 'pending' ? 'retry' : end.status]++
  }
  return counts
}

/** WX_REMINDER_TEMPLATES: {"streak":{"id":"…","title":"thing1","detail":"thing2","time":"time3"}, …} */
export function parseReminderTemplates(text: string | undefined): ReminderTemplates {
  if (!text?.trim()) return {}
  const parsed = JSON.parse(text) as Record<string, unknown>
  const out: ReminderTemplates = {}
  for (const kind of REMINDER_KINDS) {
    const t = parsed[kind] as Partial<ReminderTemplate> | undefined
    if (t === undefined) continue
    for (const field of ['id', 'title', 'detail', 'time'] as const) {
      if (typeof t[field] !== 'string' || !t[field]) throw new Error(`WX_REMINDER_TEMPLATES.${kind}.${field} must be a non-empty string`)
    }
    out[kind] = t as ReminderTemplate
  }
  return out
}
