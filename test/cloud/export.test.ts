/**
 * exportMyData a page at a time: the ledger oldest first, every entry once, the chain walked across the pages and
 * its verification on the last; the rest of what is held about the person on the first page only.
 */
import { sqliteOnly } from '../support/database'
import { LIMITS } from '../../src/contract/constants'
import { GENESIS_HASH, verifyChain } from '../../src/core/ledger'
import { inTransaction } from '../../mock/function'
import { encodeExportCursor } from '../../mock/identity/exportPages'
import { appendEntry } from '../../mock/wallet/ledger'
import { encodeCursor } from '../../mock/wallet/listLedger'
import { bike, harness, snapshot, type Caller, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(() => h.close())

/** Every page of the caller's export in turn, as the app fetches them. */
async function allPages(caller: Caller, limit?: number): Promise<any[]> {
  const pages: any[] = []
  let cursor: string | null | undefined
  do {
    const page = await caller.ok('exportMyData', { ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) })
    pages.push(page)
    cursor = page.nextCursor
  } while (cursor)
  return pages
}

/** `length` check-ins written straight into the caller's ledger, in one transaction (as verifyLedger's test does). */
async function longLedger(openid: string, length: number): Promise<void> {
  await inTransaction(h.cloud.services, async (services) => {
    for (let i = 0; i < length; i++) {
      const grams = 20 + (i % 50)
      await appendEntry(services, openid, {
        type: 'checkin',
        gramsCo2e: grams,
        points: Math.floor(grams / services.methodology.gramsPerPoint),
        factorId: 'travel.walk',
        methodologyVersion: services.methodologyVersion,
        day: '2026-11-29',
      })
    }
  })
}

describe('exportMyData, paged', () => {
  it('reassembles a ledger longer than one page: every entry once, in seq order, verified across the pages', async () => {
    const a = await h.as('alice')
    const length = LIMITS.exportPageMax + 234
    await longLedger(a.openid, length)
    const pages = await allPages(a, LIMITS.exportPageMax)
    expect(pages.map((p) => p.entries.length)).toEqual([LIMITS.exportPageMax, 234])
    const entries = pages.flatMap((p) => p.entries)
    expect(entries.map((e: any) => e.seq)).toEqual(Array.from({ length }, (_, i) => i + 1))
    expect(new Set(entries.map((e: any) => e.id)).size).toBe(length)
    // The cloud's walk across pages says what a walk over the reassembled file says.
    expect(pages[1].verification).toEqual(verifyChain(entries))
    expect(pages[1].verification).toMatchObject({ ok: true, entries: length, headHash: entries[length - 1].hash })
    expect((await a.ok('verifyLedger')).headHash).toBe(pages[1].verification.headHash)
    // The rest comes once, with the first page; only the last carries the verification.
    expect(pages[0]).toMatchObject({
      profile: { openid: a.openid, nickname: 'alice' },
      wallet: { gramsCo2eTotal: entries.reduce((s: number, e: any) => s + e.gramsCo2e, 0) },
    })
    expect(pages[0].verification).toBeUndefined()
    expect(Object.keys(pages[1]).sort()).toEqual(['entries', 'nextCursor', 'verification'])
  })

  it('pages at the size asked for, and by default at exportPageDefault', async () => {
    const a = await h.as('alice')
    for (let i = 0; i < 7; i++) await a.ok('checkIn', bike(1 + i / 10))
    const pages = await allPages(a, 3)
    expect(pages.map((p) => p.entries.map((e: any) => e.seq))).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true])
    expect(pages[2].verification).toMatchObject({ ok: true, entries: 7 })
    // a ledger of exactly one page's length ends on that page, with nothing more to ask for
    expect((await allPages(a, 7)).map((p) => p.entries.length)).toEqual([7])
    const whole = await a.ok('exportMyData')
    expect(whole).toMatchObject({ nextCursor: null, verification: { ok: true, entries: 7 } })
    expect(whole.entries).toHaveLength(7)
    expect(LIMITS.exportPageDefault).toBeLessThanOrEqual(LIMITS.exportPageMax)
  })

  it('answers an empty ledger on one page, verified from the genesis hash', async () => {
    const a = await h.as('alice')
    expect(await a.ok('exportMyData')).toMatchObject({ entries: [], nextCursor: null, verification: { ok: true, entries: 0, headHash: GENESIS_HASH } })
  })

  it('takes entries added while paging onto the later pages, and verifies them too', async () => {
    const a = await h.as('alice')
    for (let i = 0; i < 3; i++) await a.ok('checkIn', bike(2 + i))
    const first = await a.ok('exportMyData', { limit: 2 })
    await a.ok('checkIn', bike(6))
    const second = await a.ok('exportMyData', { cursor: first.nextCursor, limit: 2 })
    expect(second).toMatchObject({ nextCursor: null, verification: { ok: true, entries: 4 } })
    expect(second.entries.map((e: any) => e.seq)).toEqual([3, 4])
  })

  it('refuses a bad cursor or limit with a readable message, and changes nothing', async () => {
    const a = await h.as('alice')
    await a.ok('checkIn', bike(2))
    const before = await snapshot(a)
    const forged = (json: string) => Buffer.from(`x1.${json}`, 'utf8').toString('base64url')
    const walk = { expectedSeq: 2, prevHash: GENESIS_HASH, count: 1 }
    for (const data of [
      { cursor: 'garbage' },
      { cursor: '' },
      { cursor: encodeCursor(5) }, // listLedger's cursor is not an export's
      { cursor: forged('{') },
      { cursor: forged(JSON.stringify({ afterSeq: -1, walk })) },
      { cursor: forged(JSON.stringify({ afterSeq: 1, walk: { ...walk, prevHash: 'not a hash' } })) },
      { cursor: forged(JSON.stringify({ afterSeq: 1, walk, extra: true })) },
      { cursor: 'x'.repeat(LIMITS.exportCursorMaxChars + 1) },
      { cursor: 5 },
      { limit: 0 },
      { limit: LIMITS.exportPageMax + 1 },
      { limit: 2.5 },
      { since: 1 },
    ]) {
      const refused = await a.error('exportMyData', data)
      expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
      expect(refused.message).toMatch(/cursor|limit|since/)
    }
    expect((await a.error('exportMyData', { cursor: 'garbage' })).message).toMatch(/start the export again/)
    expect(await snapshot(a)).toEqual(before)
    // what this server gave out is taken, and reads only the caller's own ledger
    const b = await h.as('bob')
    expect(
      await b.ok('exportMyData', { cursor: encodeExportCursor({ afterSeq: 0, walk: { expectedSeq: 1, prevHash: GENESIS_HASH, count: 0 } }) }),
    ).toMatchObject({ entries: [], nextCursor: null })
    expect(await b.ok('exportMyData', { cursor: encodeExportCursor({ afterSeq: 1, walk }) })).toMatchObject({ entries: [], nextCursor: null })
  })

  sqliteOnly('reports an entry changed just past a page boundary, and still exports every entry', async () => {
    const a = await h.as('alice')
    const pageEntries = 5
    await longLedger(a.openid, 3 * pageEntries)
    const db = (h.cloud.store as any).sqlite.db
    db.exec('DROP TRIGGER entries_append_only_update')
    const brokenSeq = pageEntries + 1
    db.prepare('UPDATE entries SET grams = grams + 1 WHERE seq = ? AND openid = ?').run(brokenSeq, a.openid)
    h.tampered()
    const pages = await allPages(a, pageEntries)
    expect(pages).toHaveLength(3)
    expect(pages.flatMap((p) => p.entries).map((e: any) => e.seq)).toEqual(Array.from({ length: 3 * pageEntries }, (_, i) => i + 1))
    expect(pages[2].verification).toMatchObject({ ok: false, firstBadSeq: brokenSeq, entries: brokenSeq })
    expect(pages[2].verification).toEqual(verifyChain(pages.flatMap((p) => p.entries)))
    expect(await a.ok('verifyLedger')).toMatchObject({ ok: false, firstBadSeq: brokenSeq })
  })

  sqliteOnly('reports a link broken across a page boundary (an entry removed at the boundary)', async () => {
    const a = await h.as('alice')
    await longLedger(a.openid, 6)
    const db = (h.cloud.store as any).sqlite.db
    db.exec('DROP TRIGGER entries_append_only_delete')
    db.prepare('DELETE FROM entries WHERE seq = 4 AND openid = ?').run(a.openid)
    h.tampered()
    const pages = await allPages(a, 3)
    expect(pages.flatMap((p) => p.entries).map((e: any) => e.seq)).toEqual([1, 2, 3, 5, 6])
    expect(pages[pages.length - 1].verification).toMatchObject({ ok: false, firstBadSeq: 4 })
  })
})
