/**
 * `npm run bench`: prints the figures with their floors and ratios. Timings are not asserted anywhere:
 * this machine is shared, so the ratio to a floor measured in the same run is the figure to compare.
 */
import { cpus } from 'node:os'
import { join } from 'node:path'
import { bareInsertLoop, describeHttp, httpFigures, inProcessCheckIns } from './cloud'
import { leaderboardLatency } from './leaderboard'
import { ledgerScale } from './scale'
import { h5InitialJs, weappPackages } from './size'
import { fmt, table } from './stats'

const ROOT = join(__dirname, '..')
const kb = (bytes: number) => (Number.isNaN(bytes) ? 'not built' : `${fmt(bytes / 1024, 1)} KB`)

async function main() {
  const only = process.argv[2]
  console.log(`green-life-points bench · ${new Date().toISOString()} · Node ${process.version} · ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}`)
  const rows: string[][] = [['figure', 'value', 'floor (same run)', 'ratio']]

  if (!only || only === 'size') {
    try {
      const weapp = weappPackages(join(ROOT, 'dist/weapp'))
      rows.push(['weapp main package', kb(weapp.main), 'WeChat limit 2,048 KB', `${fmt(weapp.main / (2048 * 1024), 2)}× of limit`])
      for (const sub of weapp.subpackages) rows.push([`weapp subpackage ${sub.root}`, kb(sub.bytes), 'WeChat limit 2,048 KB', `${fmt(sub.bytes / (2048 * 1024), 2)}× of limit`])
    } catch {
      rows.push(['weapp', 'not built (npm run build:weapp)', '', ''])
    }
    try {
      const h5 = h5InitialJs(join(ROOT, 'dist/h5'))
      rows.push(['H5 initial JS (raw)', kb(h5.raw), '', ''])
      rows.push(['H5 initial JS (gzip -9)', kb(h5.gzip), '', ''])
    } catch {
      rows.push(['H5 initial JS', 'not built (npm run build:h5)', '', ''])
    }
  }

  if (!only || only === 'cloud') {
    const n = Number(process.env.BENCH_COUNT ?? 20000)
    const floor = bareInsertLoop(n)
    const inProc = inProcessCheckIns(n)
    rows.push(['checkIn in-process', `${fmt(inProc)}/s`, `${fmt(floor)}/s bare insert+txn`, `${fmt(inProc / floor, 2)}×`])
    const http = await httpFigures(50, Number(process.env.BENCH_HTTP_COUNT ?? 10000))
    rows.push(['checkIn over HTTP, 50 concurrent', describeHttp(http.cloud), describeHttp(http.bare), `${fmt(http.cloud.perSec / http.bare.perSec, 2)}×`])
    rows.push(['checkIn HTTP vs bare insert loop', `${fmt(http.cloud.perSec)}/s`, `${fmt(floor)}/s`, `${fmt(http.cloud.perSec / floor, 2)}×`])
  }
  if (!only || only === 'leaderboard') {
    const sizes = [1_000, 10_000, 100_000]
    const results = sizes.map((n) => ({ n, ...leaderboardLatency(n) }))
    for (const r of results) {
      rows.push([`getLeaderboard, ${fmt(r.n)} participants`, `p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms`, 'goal < 100 ms at 100k', `${fmt(r.p50Ms / results[0].p50Ms, 2)}× of 1k`])
    }
  }
  if (!only || only === 'scale') {
    const small = ledgerScale(1_000)
    const large = ledgerScale(Number(process.env.BENCH_SCALE_ENTRIES ?? 1_000_000))
    const n = fmt(large.entries)
    rows.push([`listLedger first page, ${n} vs 1,000 entries`, `p50 ${fmt(large.firstPageMs, 3)} ms`, `p50 ${fmt(small.firstPageMs, 3)} ms`, `${fmt(large.firstPageMs / small.firstPageMs, 2)}× (goal ≤ 1.5×)`])
    rows.push([`listLedger deep page (seq ${fmt(large.entries / 2)}), ${n} vs 1,000`, `p50 ${fmt(large.deepPageMs, 3)} ms`, `p50 ${fmt(small.deepPageMs, 3)} ms (seq 500)`, `${fmt(large.deepPageMs / small.deepPageMs, 2)}× (goal ≤ 1.5×)`])
    rows.push(['database size per million entries', `${fmt((large.dbBytes / large.entries) * 1e6 / 1048576, 0)} MiB`, '', ''])
  }
  console.log(table(rows))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
