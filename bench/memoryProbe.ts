/**
 * One call of verifyLedger, or one whole paged exportMyData (every page, as the app fetches them, each answer
 * dropped once read), in a process of its own (run by ./memory), so the peak-RSS high-water mark it reports
 * belongs to that work alone. Usage: node --expose-gc --import tsx bench/memoryProbe.ts <db> <fn>.
 * Prints one JSON line. Goes through the in-process cloud's public call(), as the other benches do.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createCloud } from '../mock/cloud'
import { openSqlite } from '../mock/storage/sqlitePort'
import { LIMITS } from '../src/contract/constants'

const MIB = 1024 * 1024

/**
 * Linux lets a process reset its own peak-RSS mark (clear_refs 5), so the peak read after the call is the
 * call's, not the migrations' or the login's. Elsewhere the lifetime peak stands, an overestimate for small ledgers.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

function peakRssKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS
}

async function main() {
  const [dbPath, fn] = process.argv.slice(2)
  const cloud = await createCloud({ storage: openSqlite({ path: dbPath }), rateLimit: { burst: 0, perSecond: 1 }, devLogin: true })
  const token = ((await cloud.call('login', { code: 'dev:memory' })).body as any).result.token as string
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with --expose-gc: the baseline must not hold garbage')
  gc()
  const peakReset = resetPeakRss()
  const before = process.memoryUsage()
  const t0 = performance.now()
  // The export's pages in turn, the largest page the app asks for; only the count of entries is kept between them.
  let calls = 0
  let entries = 0
  let wireBytes = 0
  let cursor: string | null | undefined
  let out: { status: number; body: unknown }
  let wire: string
  do {
    const data = fn === 'verifyLedger' ? {} : { limit: LIMITS.exportPageMax, ...(cursor ? { cursor } : {}) }
    out = await cloud.call(fn, data, `Bearer ${token}`)
    // The gateway sends the body as JSON text; that string is part of what one call costs.
    wire = JSON.stringify(out.body)
    wireBytes = Math.max(wireBytes, Buffer.byteLength(wire))
    calls++
    const page = (out.body as any).result
    if (out.status !== 200) throw new Error(`${fn} failed: ${wire.slice(0, 300)}`)
    entries += page.entries?.length ?? 0
    cursor = fn === 'verifyLedger' ? null : page.nextCursor
  } while (cursor)
  const elapsedMs = performance.now() - t0
  // Read before anything is collected: the last answer and its JSON are still held, garbage may be too.
  const heldHeap = process.memoryUsage().heapUsed
  const peakRssAfterKiB = peakRssKiB()
  const result = (out.body as any).result
  const ok = fn === 'verifyLedger' ? result?.ok : result?.verification?.ok
  if (ok !== true) throw new Error(`${fn} did not verify: ${wire.slice(0, 300)}`)
  // What is still held once the garbage is gone: a paged call should keep nothing of the pages it answered.
  gc()
  const retainedHeap = process.memoryUsage().heapUsed
  console.log(
    JSON.stringify({
      fn,
      elapsedMs,
      calls,
      entries,
      wireMiB: wireBytes / MIB,
      heapAtReturnGrowthMiB: (heldHeap - before.heapUsed) / MIB,
      heapRetainedGrowthMiB: (retainedHeap - before.heapUsed) / MIB,
      peakRssGrowthMiB: (peakRssAfterKiB * 1024 - before.rss) / MIB,
      peakReset,
      baselineRssMiB: before.rss / MIB,
    }),
  )
  await cloud.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
