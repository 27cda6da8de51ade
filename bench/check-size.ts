/**
 * `npm run check:size` (CI, after both app builds): builds the empty Taro app with the same toolchain and
 * fails when the app's packages break a budget in bench/size.ts.
 */
import { existsSync } from 'node:fs'
import { distDirs, FLOOR_ROOT, ROOT, taroBuild } from './build'
import { sizeReport } from './size'
import { table } from './stats'

const app = distDirs(ROOT)
for (const dir of Object.values(app)) {
  if (!existsSync(dir)) {
    console.error(`${dir} is missing: run npm run build:weapp and npm run build:h5 first.`)
    process.exit(2)
  }
}
console.log('Building the empty Taro app (bench/floor) for weapp and H5…')
const floor = { weapp: taroBuild(FLOOR_ROOT, 'weapp'), h5: taroBuild(FLOOR_ROOT, 'h5') }
const report = sizeReport(app, floor)
console.log(table([['figure', 'app', 'floor (same run)', 'ratio'], ...report.rows]))
if (report.overBudget.length > 0) {
  console.error(`\nOver budget:\n${report.overBudget.map((line) => `- ${line}`).join('\n')}`)
  process.exit(1)
}
console.log('\nAll size budgets met.')
