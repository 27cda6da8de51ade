import fc from 'fast-check'
import {
  attendanceOpen,
  canCallOff,
  canCancelSignup,
  canSignUp,
  codeShown,
  EVENT_LIMITS,
  eventBudget,
  eventCodeText,
  eventWhen,
  parseEventCode,
  planEvent,
  shanghaiInstant,
} from '../../src/core/events'

const HOUR = 3_600_000
const event = { startsMs: 100 * HOUR, endsMs: 102 * HOUR }

describe('event rules', () => {
  it('plan: ends after it starts, within a day, not over, at most a year ahead', () => {
    expect(planEvent(event.startsMs, event.endsMs, 0).ok).toBe(true)
    expect(planEvent(event.endsMs, event.startsMs, 0).ok).toBe(false)
    expect(planEvent(0, 25 * HOUR, 0).ok).toBe(false)
    expect(planEvent(event.startsMs, event.endsMs, event.endsMs).ok).toBe(false)
    expect(planEvent(400 * 24 * HOUR, 400 * 24 * HOUR + HOUR, 0).ok).toBe(false)
  })

  it('sign-up until the end, give back until 2 hours before, attend from 30 minutes before to the end', () => {
    expect(canSignUp(event, event.endsMs - 1).ok).toBe(true)
    expect(canSignUp(event, event.endsMs).ok).toBe(false)
    expect(canSignUp({ ...event, cancelledAt: 'x' }, 0).ok).toBe(false)
    expect(canCancelSignup(event, event.startsMs - EVENT_LIMITS.cancelBeforeMs).ok).toBe(true)
    expect(canCancelSignup(event, event.startsMs - EVENT_LIMITS.cancelBeforeMs + 1).ok).toBe(false)
    expect(attendanceOpen(event, event.startsMs - EVENT_LIMITS.earlyArrivalMs - 1).ok).toBe(false)
    expect(attendanceOpen(event, event.startsMs - EVENT_LIMITS.earlyArrivalMs).ok).toBe(true)
    expect(attendanceOpen(event, event.endsMs).ok).toBe(true)
    expect(attendanceOpen(event, event.endsMs + 1).ok).toBe(false)
  })

  it('the code is shown and the event can be called off until it ends; a called-off event shows no code', () => {
    expect(codeShown(event, event.endsMs).ok).toBe(true)
    expect(codeShown(event, event.endsMs + 1)).toEqual({ ok: false, message: 'This event is over.', refusal: { reason: 'event.over' } })
    expect(codeShown({ ...event, cancelledAt: 'x' }, 0)).toEqual({ ok: false, message: 'This event was cancelled.', refusal: { reason: 'event.cancelled' } })
    expect(canCallOff(event, event.endsMs).ok).toBe(true)
    expect(canCallOff(event, event.endsMs + 1)).toEqual({
      ok: false,
      message: 'This event is over: there is nothing left to call off.',
      refusal: { reason: 'event.overNothingToCallOff' },
    })
  })

  it('a budget pays every place its reward', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: EVENT_LIMITS.maxSlots }),
        fc.integer({ min: 0, max: EVENT_LIMITS.maxRewardPoints }),
        (slots, reward) => eventBudget(slots, reward) === slots * reward && Number.isSafeInteger(eventBudget(slots, reward)),
      ),
    )
  })

  it('codes round-trip and nothing else parses', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.nat(1e11), fc.stringMatching(/^[0-9a-f]{16}$/), (id, window, mac) => {
        expect(parseEventCode(eventCodeText(id, window, mac))).toEqual({ eventId: id, window, mac })
      }),
    )
    expect(parseEventCode('GL1.ST-HQ01.1.0000000000000000')).toBeUndefined()
    expect(parseEventCode('GLE.ev 1.1.0000000000000000')).toBeUndefined()
  })

  it('reads a Shanghai day and clock, and says when', () => {
    expect(shanghaiInstant('2026-12-05', '09:30')).toBe('2026-12-05T09:30:00+08:00')
    expect(shanghaiInstant('2026-02-30', '09:30')).toBeUndefined()
    expect(shanghaiInstant('2026-12-05', '24:00')).toBeUndefined()
    expect(shanghaiInstant('2026-12-05', '9:30')).toBeUndefined()
    expect(eventWhen('2026-12-05T09:00:00.000+08:00', '2026-12-05T11:00:00.000+08:00')).toBe('12-05 09:00–11:00')
    expect(eventWhen('2026-12-05T22:00:00.000+08:00', '2026-12-06T01:00:00.000+08:00')).toBe('12-05 22:00–12-06 01:00')
  })
})
