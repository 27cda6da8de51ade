import { CALL_POLICY, isRetryable, retryDelayMs, sendOnce, withRetries, type CallPolicy } from '../../src/services/callPolicy'
import { CloudCallError, type ClientErrorCode } from '../../src/services/errors'

/** A send that fails with `codes` in turn, then answers 'ok'; it records what each attempt carried. */
function flaky(codes: ClientErrorCode[]) {
  const seen: string[] = []
  const send = async (requestId = '') => {
    seen.push(requestId)
    const code = codes[seen.length - 1]
    if (code) throw new CloudCallError(code, `attempt ${seen.length}`)
    return 'ok'
  }
  return { send, seen }
}

/** The policy with a recorded clock: no real waiting, every wait kept. */
function recorded(random: () => number, overrides: Partial<CallPolicy> = {}) {
  const waits: number[] = []
  const policy: Partial<CallPolicy> = { random, sleep: async (ms) => void waits.push(ms), ...overrides }
  return { policy, waits }
}

describe('the call policy', () => {
  it('retries RATE_LIMITED, UNAVAILABLE and transport failures, and answers once one attempt does', async () => {
    const { send, seen } = flaky(['NETWORK', 'RATE_LIMITED', 'UNAVAILABLE'])
    const { policy, waits } = recorded(() => 0, { attempts: 4 })
    await expect(withRetries(() => send(), policy)).resolves.toBe('ok')
    expect(seen).toHaveLength(4)
    expect(waits).toHaveLength(3)
  })

  it('stops after the bounded number of attempts and throws the last failure', async () => {
    const { send, seen } = flaky(['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE'])
    const { policy, waits } = recorded(() => 0.5)
    await expect(withRetries(() => send(), policy)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: `attempt ${CALL_POLICY.attempts}` })
    expect(seen).toHaveLength(CALL_POLICY.attempts)
    // no wait after the last attempt: the resident is told at once
    expect(waits).toHaveLength(CALL_POLICY.attempts - 1)
  })

  it.each(['INVALID_ARGUMENT', 'DAILY_CAP_REACHED', 'CONFLICT', 'UNAUTHENTICATED', 'INTERNAL', 'CONSENT_REQUIRED'] as const)(
    'sends a call refused with %s only once',
    async (code) => {
      const { send, seen } = flaky([code])
      const { policy, waits } = recorded(() => 0)
      await expect(withRetries(() => send(), policy)).rejects.toMatchObject({ code })
      expect(seen).toHaveLength(1)
      expect(waits).toEqual([])
    },
  )

  it('does not retry a failure that is not a cloud answer (a bug in the caller)', async () => {
    let calls = 0
    const { policy } = recorded(() => 0)
    await expect(
      withRetries(async () => {
        calls++
        throw new TypeError('boom')
      }, policy),
    ).rejects.toThrow('boom')
    expect(calls).toBe(1)
  })

  it('waits exponentially longer, each wait between half its ceiling and the ceiling, never above the cap', async () => {
    const base = { baseDelayMs: 100, maxDelayMs: 1000 }
    const ceilings = [100, 200, 400, 800, 1000, 1000]
    ceilings.forEach((ceiling, i) => {
      expect(retryDelayMs(i + 1, { ...base, random: () => 0 })).toBe(ceiling / 2)
      expect(retryDelayMs(i + 1, { ...base, random: () => 0.999999 })).toBe(ceiling)
    })
    // a real random source stays inside the bounds too
    for (let i = 0; i < 200; i++) {
      const retry = 1 + (i % 6)
      const ms = retryDelayMs(retry, { ...base, random: Math.random })
      expect(ms).toBeGreaterThanOrEqual(ceilings[retry - 1] / 2)
      expect(ms).toBeLessThanOrEqual(ceilings[retry - 1])
    }
  })

  it('spreads the waits of phones that failed together (the jitter comes from the injected random)', async () => {
    const draws = [0, 0.5, 0.99]
    const waitsOf = await Promise.all(
      draws.map(async (r) => {
        const { send } = flaky(['NETWORK', 'NETWORK'])
        const { policy, waits } = recorded(() => r, { baseDelayMs: 200, maxDelayMs: 5000 })
        await withRetries(() => send(), policy)
        return waits
      }),
    )
    expect(waitsOf).toEqual([
      [100, 200],
      [150, 300],
      [199, 398],
    ])
  })

  it('keeps one requestId across every retry of one call, so a retry replays rather than credits twice', async () => {
    const { send, seen } = flaky(['NETWORK', 'UNAVAILABLE'])
    const { policy } = recorded(() => 0)
    await sendOnce(send, policy)
    expect(seen).toHaveLength(3)
    expect(new Set(seen).size).toBe(1)
    expect(seen[0]).toMatch(/^[0-9a-z]+-[\w-]{16}$/)
    // and a second call is a new action, with a new id
    const second = flaky([])
    await sendOnce(second.send, policy)
    expect(second.seen[0]).not.toBe(seen[0])
  })

  it('sends a kept requestId (a queued check-in, an organizer move tapped again) unchanged', async () => {
    const { send, seen } = flaky(['RATE_LIMITED'])
    await sendOnce(send, { ...recorded(() => 0).policy, requestId: 'kept-id' })
    expect(seen).toEqual(['kept-id', 'kept-id'])
  })

  it('calls only the contract codes and a lost answer retryable', () => {
    expect(isRetryable(new CloudCallError('NETWORK', ''))).toBe(true)
    expect(isRetryable(new CloudCallError('RATE_LIMITED', ''))).toBe(true)
    expect(isRetryable(new CloudCallError('UNAVAILABLE', ''))).toBe(true)
    expect(isRetryable(new CloudCallError('PERMISSION_DENIED', ''))).toBe(false)
    expect(isRetryable(new Error('NETWORK'))).toBe(false)
  })
})
