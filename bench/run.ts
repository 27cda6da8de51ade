/**
 * `npm run bench`: prints the figures with their floors and ratios. Timings are not asserted anywhere:
 * this machine is shared, so the ratio to a floor measured in the same run is the figure to compare.
 */
import { existsSync } from 'node:fs'
import { cpus } from 'node:os'
import { distDirs, FLOOR_ROOT, ROOT, taroBuild, type Dists } from './build'
import { bareInsertLoop, describeHttp, httpFigures, mysqlHttpFigures, inProcessCheckIns } from './cloud'
import { leaderboardLatency } from './leaderboard'
import { mysqlHotSpot, mysqlLeaderboard, mysqlLedgerScale } from './mysqlScale'
import { ledgerScale } from './scale'
import { mysqlReadsUnderWriters, sqliteReadsUnderWriters, type ReadsUnderWriters } from './reads'
import { ledgerMemory, type ProbeFigures } from './memory'
import { pageLoad } from './pageload'
import { cityDashboard } from './city'
import { weappFirstRender } from './render'
import { partnerIngest } from './partners'
import { sizeReport } from './size'
import { fmt, table } from './stats'
import { BENCHMARKS_DOC, writeSuiteTable } from './report'

interface Builds {
  app: Dists
  floor: Dists
}

let builds: Builds | undefined
/**
 * The app and the empty Taro app, both platforms, built now by the same toolchain (about 1–2 minutes).
 * BENCH_REUSE_BUILDS=1 reuses existing dist folders when all four are present.
 */
function buildAll(): Builds {
  if (builds) return builds
  const app = distDirs(ROOT)
  const floor = distDirs(FLOOR_ROOT)
  const reuse = process.env.BENCH_REUSE_BUILDS === '1' && [...Object.values(app), ...Object.values(floor)].every((dir) => existsSync(dir))
  if (!reuse) {
    console.log('building the app and the empty Taro app for weapp and H5…')
    for (const platform of ['weapp', 'h5'] as const) {
      taroBuild(ROOT, platform)
      taroBuild(FLOOR_ROOT, platform)
    }
  }
  builds = { app, floor }
  return builds
}

async function main() {
  const args = process.argv.slice(2)
  // --write puts each suite's table, dated, into docs/benchmarks.md in place of that suite's last one.
  const write = args.includes('--write')
  const only = args.find((a) => !a.startsWith('--'))
  console.log(`green-life-points bench · ${new Date().toISOString()} · Node ${process.version} · ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}`)
  const heading = ['figure', 'value', 'floor (same run)', 'ratio']
  const rows: string[][] = [heading]
  const stamp = `${new Date().toISOString()} · Node ${process.version} · ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}`
  /** each suite's rows, for --write */
  const blocks: { suite: string; rows: string[][] }[] = []
  async function suite(name: string, run: () => Promise<void> | void) {
    if (only && only !== name) return
    const start = rows.length
    await run()
    blocks.push({ suite: name, rows: [heading, ...rows.slice(start)] })
  }

  await suite('size', async () => {
    const { app, floor } = buildAll()
    const report = sizeReport(app, floor)
    rows.push(...report.rows)
    if (report.overBudget.length > 0) rows.push(['over budget', report.overBudget.join('; '), '', ''])
  })
  await suite('pageload', async () => {
    const { app, floor } = buildAll()
    const runs = Number(process.env.BENCH_PAGELOAD_RUNS ?? 9)
    const { home, floor: empty, pairedLcpRatio } = await pageLoad(app.h5, floor.h5, runs)
    const note = `median of ${runs}, 390×844, 4× CPU`
    rows.push([`Home LCP (${note})`, `${fmt(home.lcpMs)} ms`, `${fmt(empty.lcpMs)} ms empty Taro page`, `${fmt(home.lcpMs / empty.lcpMs, 2)}× (goal ≤ 1.3×)`])
    rows.push([
      `Home LCP ÷ empty page LCP, per round`,
      `median ${fmt(pairedLcpRatio, 2)}×`,
      'both loaded back to back',
      `${fmt(pairedLcpRatio, 2)}× (goal ≤ 1.3×)`,
    ])
    rows.push([`Home FCP (${note})`, `${fmt(home.fcpMs)} ms`, `${fmt(empty.fcpMs)} ms empty Taro page`, `${fmt(home.fcpMs / empty.fcpMs, 2)}×`])
    rows.push([`Home total blocking time (${note})`, `${fmt(home.tbtMs)} ms`, `${fmt(empty.tbtMs)} ms empty Taro page`, `+${fmt(home.tbtMs - empty.tbtMs)} ms`])
    rows.push(['Home LCP element', home.lcpElement, empty.lcpElement, ''])
  })

  await suite('render', async () => {
    const { floor } = buildAll()
    const r = weappFirstRender(floor.weapp)
    const note = "Home's first render on weapp (the launch check's resident, real cloud)"
    rows.push([
      `${note}: setData calls`,
      `${r.home.setDataCalls}`,
      `${r.floor.setDataCalls} empty Taro page`,
      `${fmt(r.home.setDataCalls / r.floor.setDataCalls, 2)}× (goal ≤ 1.5×)`,
    ])
    rows.push([
      `${note}: setData bytes`,
      `${fmt(r.home.setDataBytes)} B`,
      `${fmt(r.floor.setDataBytes)} B empty Taro page`,
      `${fmt(r.home.setDataBytes / r.floor.setDataBytes, 1)}×`,
    ])
  })
  await suite('city', async () => {
    const { app, floor } = buildAll()
    const c = await cityDashboard(app.h5, floor.h5)
    const n = fmt(c.entries)
    rows.push([
      `getCityDashboard over ${n} entries (uncached, in-process)`,
      `p50 ${fmt(c.countersP50Ms, 2)} ms`,
      `p50 ${fmt(c.ledgerScanP50Ms, 2)} ms summing the ledger`,
      `${fmt(c.countersP50Ms / c.ledgerScanP50Ms, 3)}×`,
    ])
    for (const rate of [1, 4] as const) {
      const goal = rate === 1 ? ' (goal < 1 s)' : ''
      rows.push([
        `city dashboard shown in Chromium over ${n} entries (median of 5, ${rate}× CPU)`,
        `${fmt(c.pageShownMs[rate])} ms${goal}`,
        `${fmt(c.emptyPageShownMs[rate])} ms empty Taro page`,
        `${fmt(c.pageShownMs[rate] / c.emptyPageShownMs[rate], 2)}×`,
      ])
    }
  })
  await suite('cloud', async () => {
    const n = Number(process.env.BENCH_COUNT ?? 20000)
    const floor = bareInsertLoop(n)
    const inProc = await inProcessCheckIns(n)
    rows.push(['checkIn in-process', `${fmt(inProc)}/s`, `${fmt(floor)}/s bare insert+txn`, `${fmt(inProc / floor, 2)}×`])
    const http = await httpFigures(50, Number(process.env.BENCH_HTTP_COUNT ?? 10000))
    rows.push([
      'checkIn over HTTP, 50 concurrent',
      describeHttp(http.cloud),
      `${describeHttp(http.bare)} bare insert`,
      `${fmt(http.cloud.perSec / http.bare.perSec, 2)}×`,
    ])
    rows.push([
      'checkIn over HTTP vs credit-shaped SQLite floor, 50 concurrent',
      describeHttp(http.cloud),
      `${describeHttp(http.credit)} lock+read+insert+update+request id txn`,
      `${fmt(http.cloud.perSec / http.credit.perSec, 2)}×, p99 ${fmt(http.cloud.p99Ms / http.credit.p99Ms, 2)}×`,
    ])
    rows.push(['checkIn HTTP vs bare insert loop', `${fmt(http.cloud.perSec)}/s`, `${fmt(floor)}/s`, `${fmt(http.cloud.perSec / floor, 2)}×`])
    const onMysql = await mysqlHttpFigures(50, Number(process.env.BENCH_MYSQL_COUNT ?? 5000))
    if (!onMysql) rows.push(['checkIn over HTTP on MySQL', 'not measured: no MySQL server answered', '', ''])
    for (const w of onMysql?.workers ?? []) {
      const ratio = `${fmt(w.figures.perSec / onMysql!.floor.perSec, 2)}×, p99 ${fmt(w.figures.p99Ms / onMysql!.floor.p99Ms, 2)}× (goal ≥ 0.5×, p99 ≤ 2×)`
      rows.push([
        `checkIn over HTTP on MySQL, ${w.n} worker${w.n > 1 ? 's' : ''}, 50 concurrent`,
        describeHttp(w.figures),
        `${describeHttp(onMysql!.floor)} lock+insert+update txn`,
        ratio,
      ])
    }
    if (onMysql) {
      const hot = await mysqlHotSpot(50, Number(process.env.BENCH_HOTSPOT_COUNT ?? 4000))
      if (hot) {
        rows.push([
          'hot spot on MySQL: 50 in one open challenge, donating to one project (check-in/donate alternating)',
          describeHttp(hot.hot),
          `${describeHttp(hot.spread)} same calls, no challenge, 50 projects`,
          `${fmt(hot.hot.perSec / hot.spread.perSec, 2)}× (goal ≥ 0.8×)`,
        ])
      }
      const entries = Number(process.env.BENCH_MYSQL_SCALE_ENTRIES ?? 1_000_000)
      const small = await mysqlLedgerScale(1_000)
      const large = await mysqlLedgerScale(entries)
      if (small && large) {
        const n = fmt(large.entries)
        rows.push([
          `listLedger first page on MySQL, ${n} vs 1,000 entries`,
          `p50 ${fmt(large.firstPageMs, 3)} ms`,
          `p50 ${fmt(small.firstPageMs, 3)} ms`,
          `${fmt(large.firstPageMs / small.firstPageMs, 2)}× (goal ≤ 1.5×)`,
        ])
        rows.push([
          `listLedger deep page on MySQL, ${n} vs 1,000`,
          `p50 ${fmt(large.deepPageMs, 3)} ms`,
          `p50 ${fmt(small.deepPageMs, 3)} ms`,
          `${fmt(large.deepPageMs / small.deepPageMs, 2)}× (goal ≤ 1.5×)`,
        ])
        rows.push(['MySQL entries table per million entries (data + indexes)', `${fmt(large.bytesPerMillion / 1048576, 0)} MiB`, '', ''])
      }
      const participants = Number(process.env.BENCH_MYSQL_BOARD ?? 100_000)
      const board = await mysqlLeaderboard(participants)
      if (board)
        rows.push([
          `getLeaderboard on MySQL, ${fmt(participants)} participants`,
          `p50 ${fmt(board.p50Ms, 2)} ms, p99 ${fmt(board.p99Ms, 2)} ms`,
          'goal < 100 ms',
          '',
        ])
    }
  })
  await suite('partners', async () => {
    const n = Number(process.env.BENCH_PARTNER_ROWS ?? 5000)
    const p = await partnerIngest(n)
    rows.push([
      `partner trips ingested in 500-row signed batches (${fmt(p.rows)} rows, in-process, SQLite file)`,
      `${fmt(p.batchRowsPerSec)} rows/s`,
      `${fmt(p.singleRowsPerSec)} rows/s as single checkIn calls`,
      `${fmt(p.batchRowsPerSec / p.singleRowsPerSec, 2)}×`,
    ])
  })
  await suite('reads', async () => {
    const writers = 50
    const readers = Number(process.env.BENCH_READERS ?? 5)
    const writes = Number(process.env.BENCH_READS_WRITES ?? 10000)
    const readRows = (engine: string, r: ReadsUnderWriters) => {
      const label = `${engine}, ${readers} readers per function under ${writers} checkIn writers`
      rows.push([`checkIn (the writers) over HTTP on ${label}`, describeHttp(r.writes), '', ''])
      for (const fn of ['getWallet', 'listLedger'] as const) {
        const read = r[fn]
        rows.push([
          `${fn} over HTTP on ${label} (${fmt(read.count)} reads)`,
          `p50 ${fmt(read.p50Ms, 2)} ms, p99 ${fmt(read.p99Ms, 2)} ms`,
          `write p99 ${fmt(r.writes.p99Ms, 2)} ms`,
          `p50 ${fmt(read.p50Ms / r.writes.p99Ms, 2)}×, p99 ${fmt(read.p99Ms / r.writes.p99Ms, 2)}× of write p99 (goal p99 ≤ 1×)`,
        ])
      }
    }
    readRows('SQLite', await sqliteReadsUnderWriters(writers, writes, readers))
    const onMysql = await mysqlReadsUnderWriters(writers, Number(process.env.BENCH_MYSQL_READS_WRITES ?? 5000), readers)
    if (onMysql) readRows('MySQL, 1 worker', onMysql)
    else rows.push(['reads under writers on MySQL', 'not measured: no MySQL server answered', '', ''])
  })
  await suite('memory', async () => {
    const small = await ledgerMemory(1_000)
    const large = await ledgerMemory(Number(process.env.BENCH_MEMORY_ENTRIES ?? 1_000_000))
    const n = fmt(large.entries)
    rows.push([`seeding ${n} entries in bulk (one person, SQLite)`, `${fmt(large.seedMs / 1000, 1)} s`, '', ''])
    for (const fn of ['verifyLedger', 'exportMyData'] as const) {
      const [s, l]: ProbeFigures[] = [small[fn], large[fn]]
      const signed = (mib: number) => `${mib < 0 ? '−' : '+'}${fmt(Math.abs(mib), 1)} MiB`
      const growth = (f: ProbeFigures) =>
        `peak RSS +${fmt(f.peakRssGrowthMiB, 1)} MiB, heap at return +${fmt(f.heapAtReturnGrowthMiB, 1)} MiB (retained ${signed(f.heapRetainedGrowthMiB)}), ${fmt(f.elapsedMs)} ms`
      rows.push([
        `${fn} memory, ${n} vs 1,000 entries (in-process cloud, own process)`,
        growth(l),
        growth(s),
        // Retained heap is a few MiB either way: its difference says more than a ratio of two small numbers.
        `RSS ${fmt(l.peakRssGrowthMiB / s.peakRssGrowthMiB, 0)}×, heap ${fmt(l.heapAtReturnGrowthMiB / s.heapAtReturnGrowthMiB, 0)}× (goal flat, ≈1×); retained ${signed(l.heapRetainedGrowthMiB - s.heapRetainedGrowthMiB)}`,
      ])
    }
    const pages = (f: ProbeFigures) => `largest ${fmt(f.wireMiB, 2)} MiB, ${fmt(f.calls)} page${f.calls === 1 ? '' : 's'}`
    rows.push([`exportMyData answers as JSON, ${n} vs 1,000 entries`, pages(large.exportMyData), pages(small.exportMyData), ''])
  })
  await suite('leaderboard', async () => {
    const sizes = [1_000, 10_000, 100_000]
    const results: { n: number; p50Ms: number; p99Ms: number }[] = []
    for (const n of sizes) results.push({ n, ...(await leaderboardLatency(n)) })
    for (const r of results) {
      rows.push([
        `getLeaderboard, ${fmt(r.n)} participants`,
        `p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms`,
        'goal < 100 ms at 100k',
        `${fmt(r.p50Ms / results[0].p50Ms, 2)}× of 1k`,
      ])
    }
  })
  await suite('scale', async () => {
    const small = await ledgerScale(1_000)
    const large = await ledgerScale(Number(process.env.BENCH_SCALE_ENTRIES ?? 1_000_000))
    const n = fmt(large.entries)
    rows.push([
      `listLedger first page, ${n} vs 1,000 entries`,
      `p50 ${fmt(large.firstPageMs, 3)} ms`,
      `p50 ${fmt(small.firstPageMs, 3)} ms`,
      `${fmt(large.firstPageMs / small.firstPageMs, 2)}× (goal ≤ 1.5×)`,
    ])
    rows.push([
      `listLedger deep page (seq ${fmt(large.entries / 2)}), ${n} vs 1,000`,
      `p50 ${fmt(large.deepPageMs, 3)} ms`,
      `p50 ${fmt(small.deepPageMs, 3)} ms (seq 500)`,
      `${fmt(large.deepPageMs / small.deepPageMs, 2)}× (goal ≤ 1.5×)`,
    ])
    rows.push(['database size per million entries', `${fmt(((large.dbBytes / large.entries) * 1e6) / 1048576, 0)} MiB`, '', ''])
  })
  console.log(table(rows))
  if (write) {
    for (const b of blocks) writeSuiteTable(BENCHMARKS_DOC, b.suite, `\`npm run bench ${b.suite}\` · ${stamp}`, table(b.rows))
    console.log(`wrote ${blocks.map((b) => b.suite).join(', ')} into ${BENCHMARKS_DOC}`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
