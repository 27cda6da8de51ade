import { httpFigures, mysqlHttpFigures, describeHttp, inProcessCheckIns, bareInsertLoop } from './cloud'
async function main() {
  const which = process.argv[2] ?? 'mysql'
  if (which === 'mysql') {
    const m = (await mysqlHttpFigures(50, 5000))!
    console.log('floor', describeHttp(m.floor))
    for (const w of m.workers) console.log(w.n, describeHttp(w.figures), (w.figures.perSec / m.floor.perSec).toFixed(2), (w.figures.p99Ms / m.floor.p99Ms).toFixed(2))
  } else if (which === 'inproc') {
    const f = bareInsertLoop(20000); const i = await inProcessCheckIns(20000)
    console.log('inproc', i.toFixed(0), f.toFixed(0), (i / f).toFixed(3))
  } else {
    const h = await httpFigures(50, 10000)
    console.log('bare', describeHttp(h.bare)); console.log('cloud', describeHttp(h.cloud), (h.cloud.perSec / h.bare.perSec).toFixed(2), (h.cloud.p99Ms / h.bare.p99Ms).toFixed(2))
  }
}
main().then(() => process.exit(0))
