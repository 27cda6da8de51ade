/** The queue slice: check-ins kept on the device until the cloud answers them, each with its requestId. */
import { callCloud, CloudCallError, isTransient } from '../services/cloud'
import { newRequestId } from '../services/requestId'
import { MAX_REFUSED_KEPT, persisted } from './persist'
import { withRetries } from './retries'
import type { QueueSlice, QueuedCheckIn, RefusedCheckIn, Slice, SubmitOutcome } from './types'

/** Another person's refusals are never shown: the session slice loads the new person's own at login. */
export const QUEUE_SIGNED_OUT = { refused: [] }

export const createQueueSlice: Slice<QueueSlice> = (set, get) => {
  const saveQueue = (queue: QueuedCheckIn[]) => {
    persisted.saveQueue(queue)
    set({ queue })
  }
  const dequeue = (requestId: string) => saveQueue(get().queue.filter((q) => q.requestId !== requestId))
  const saveRefused = (refused: RefusedCheckIn[]) => {
    const openid = get().session?.openid
    if (openid) persisted.saveRefused(openid, refused)
    set({ refused })
  }

  /** One queued check-in, sent with its own requestId until the cloud answers one way or the other. */
  async function send(item: QueuedCheckIn): Promise<SubmitOutcome> {
    let lastError: unknown
    try {
      // the payload carries the item's requestId, so every attempt (and every later flush) replays one check-in
      const result = await withRetries(() => callCloud('checkIn', item.payload))
      dequeue(item.requestId)
      set({ walletView: undefined })
      return { status: 'credited', result }
    } catch (error) {
      lastError = error
    }
    // Not answered (or not sent): kept on the device with its requestId for the next flush.
    if (isTransient(lastError)) {
      const code = (lastError as CloudCallError).code
      saveQueue(get().queue.map((q) => (q.requestId === item.requestId ? { ...q, lastError: code } : q)))
      return { status: 'queued' }
    }
    // The cloud refused it for good (cap, implausible…): it must not be retried, and the resident is told.
    dequeue(item.requestId)
    const e = lastError instanceof CloudCallError ? lastError : new CloudCallError('INTERNAL', String(lastError))
    return {
      status: 'rejected',
      code: e.code,
      message: e.message,
      ...(e.reason ? { refusal: { reason: e.reason, ...(e.params ? { params: e.params } : {}) } } : {}),
    }
  }

  return {
    queue: persisted.queue(),
    refused: persisted.refused(persisted.session()?.openid),
    dismissRefused: (requestId) => saveRefused(get().refused.filter((r) => r.requestId !== requestId)),
    flushing: false,
    async submitCheckIn(input, options) {
      const requestId = newRequestId()
      // occurredAt is fixed now, so a check-in sent later still counts for the moment it happened,
      // and every retry carries the identical payload.
      const nowMs = Date.now()
      const occurredAt = new Date(nowMs - (options?.endedMinutesAgo ?? 0) * 60_000).toISOString()
      const payload = { ...input, requestId, occurredAt } as QueuedCheckIn['payload']
      const item: QueuedCheckIn = { requestId, payload, queuedAt: new Date(nowMs).toISOString() }
      saveQueue([...get().queue, item])
      return send(item)
    },
    async flushQueue() {
      if (get().flushing || !get().session) return
      set({ flushing: true })
      try {
        for (const item of [...get().queue]) {
          const outcome = await send(item)
          if (outcome.status === 'queued') break
          // Sent later than it was made, so nobody is looking at the form that made it: Home says so instead.
          if (outcome.status === 'rejected') {
            const { code, message, refusal } = outcome
            const refused = {
              requestId: item.requestId,
              payload: item.payload,
              code,
              message,
              ...(refusal ? { refusal } : {}),
              refusedAt: new Date().toISOString(),
            }
            saveRefused([...get().refused, refused].slice(-MAX_REFUSED_KEPT))
          }
        }
      } finally {
        set({ flushing: false })
      }
    },
  }
}
