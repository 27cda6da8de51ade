import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '../../mock/storage/sqlitePort'
import { harness, rid, inOrder } from './harness'

const MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool']

describe('background WAL checkpoints (what the server runs)', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glp-ckpt-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('copy committed pages into the database file off the writer, and lose nothing', async () => {
    const path = join(dir, 'cloud.sqlite')
    const h = await harness({ storage: openSqlite({ path, backgroundCheckpoints: true }) })
    const residents = await inOrder(
      Array.from({ length: 20 }, (_, i) => i),
      (i) => h.as(`ckpt${i}`),
    )
    const bytesBefore = statSync(path).size
    for (let i = 0; i < 600; i++) {
      await residents[i % 20].ok('checkIn', { requestId: rid('ckpt'), kind: 'travel', mode: MODES[Math.floor(i / 20) % 6], distanceKm: 0.3, durationMin: 5 })
    }
    // The writer's own threshold is 10,000 pages; 600 credits write far fewer, so only the worker can move
    // them into the main file (the test only watches the file: probing with a checkpoint would do it itself).
    const deadline = Date.now() + 10_000
    let grownBytes = 0
    while (Date.now() < deadline && grownBytes < 200_000) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      grownBytes = statSync(path).size - bytesBefore
    }
    expect(grownBytes).toBeGreaterThanOrEqual(200_000)
    const totals = await inOrder(residents, async (r) => (await r.ok('getWallet')).wallet.gramsCo2eTotal)
    await h.close()

    // Reopened from disk without the worker: every credit is there and every chain verifies.
    const again = await harness({ storage: openSqlite({ path }) })
    for (const [i, r] of residents.entries()) {
      const me = await again.as(`ckpt${i}`)
      expect(me.openid).toBe(r.openid)
      expect((await me.ok('getWallet')).wallet.gramsCo2eTotal).toBe(totals[i])
      expect(await me.ok('verifyLedger')).toMatchObject({ ok: true, entries: 30 })
    }
    await again.close()
  })
})

describe('the checkpoint worker failing', () => {
  it('is reported once and never becomes an unhandled error in the server', async () => {
    const { startCheckpointer } = await import('../../mock/storage/checkpointer')
    const failures: Error[] = []
    const checkpointer = startCheckpointer(join(tmpdir(), 'no-such-folder-glp', 'cloud.sqlite'), (error) => failures.push(error), 10)
    await checkpointer.stop()
    expect(failures).toHaveLength(1)
    expect(failures[0].message).toMatch(/unable to open database file|directory does not exist/)
  })
})
