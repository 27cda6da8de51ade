import { createHash } from 'node:crypto'
import type { LedgerEntry } from '../../src/contract/types'
import { applyToWallet, canonicalJson, entryHash, GENESIS_HASH, verifyChain, walletFromEntries } from '../../src/core/ledger'
import { streakDays } from '../../src/core/streak'

function chain(points: number[]): LedgerEntry[] {
  const entries: LedgerEntry[] = []
  let prevHash = GENESIS_HASH
  points.forEach((p, i) => {
    const unhashed = {
      id: `e${i}`,
      seq: i + 1,
      type: 'checkin' as const,
      gramsCo2e: p * 10,
      points: p,
      day: '2026-11-29',
      createdAt: '2026-11-29T08:00:00.000+08:00',
      prevHash,
    }
    const entry = { ...unhashed, hash: entryHash(unhashed) }
    entries.push(entry)
    prevHash = entry.hash
  })
  return entries
}

describe('ledger hashing', () => {
  it('hashes prevHash + RFC 8785 canonical JSON of the entry without hash', () => {
    const unhashed = { seq: 1, id: 'e1', type: 'checkin' as const, gramsCo2e: 165, points: 16, day: '2026-11-29', createdAt: 'x', prevHash: GENESIS_HASH }
    const expected = createHash('sha256')
      .update(
        GENESIS_HASH + '{"createdAt":"x","day":"2026-11-29","gramsCo2e":165,"id":"e1","points":16,"prevHash":"' + GENESIS_HASH + '","seq":1,"type":"checkin"}',
      )
      .digest('hex')
    expect(entryHash(unhashed)).toBe(expected)
    expect(canonicalJson({ b: 1, a: '中' })).toBe('{"a":"中","b":1}')
  })

  it('refuses floats in the ledger', () => {
    expect(() => entryHash({ id: 'e', seq: 1, type: 'checkin', gramsCo2e: 1.5, points: 0, day: 'd', createdAt: 'c', prevHash: GENESIS_HASH })).toThrow(
      /integer/,
    )
  })

  it('verifies a good chain and finds the first bad entry', () => {
    const entries = chain([5, 7, 9, 11])
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 4, headHash: entries[3].hash })
    const tampered = entries.map((e) => ({ ...e }))
    tampered[2].points = 900
    expect(verifyChain(tampered)).toMatchObject({ ok: false, firstBadSeq: 3 })
    const gap = [entries[0], entries[2]]
    expect(verifyChain(gap)).toMatchObject({ ok: false, firstBadSeq: 2 })
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH })
  })

  it('keeps the wallet identity and refuses a negative balance', () => {
    const w = walletFromEntries([
      { type: 'checkin', gramsCo2e: 100, points: 10 },
      { type: 'redeem', gramsCo2e: 0, points: -4 },
    ])
    expect(w).toEqual({ gramsCo2eTotal: 100, pointsBalance: 6, pointsEarned: 10, pointsSpent: 4 })
    expect(() => applyToWallet(w, { type: 'redeem', gramsCo2e: 0, points: -7 })).toThrow(/negative/)
    // a refund gives back what was spent; it is not points earned
    expect(applyToWallet(w, { type: 'refund', gramsCo2e: 0, points: 4 })).toEqual({ gramsCo2eTotal: 100, pointsBalance: 10, pointsEarned: 10, pointsSpent: 0 })
    expect(() => applyToWallet(w, { type: 'refund', gramsCo2e: 0, points: 5 })).toThrow(/spent/)
  })
})

describe('streaks', () => {
  it('counts consecutive days back from today, or from yesterday while today is open', () => {
    const days = new Set(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-25'])
    expect(streakDays(days, '2026-11-29')).toBe(3)
    expect(streakDays(days, '2026-11-30')).toBe(3)
    expect(streakDays(days, '2026-12-01')).toBe(0)
    expect(streakDays(new Set(), '2026-11-29')).toBe(0)
  })
})
