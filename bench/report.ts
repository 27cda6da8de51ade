/**
 * docs/benchmarks.md keeps one generated table per suite, each dated by the run that wrote it
 * (`npm run bench <suite> -- --write`), so no figure stands beside another run's without saying when.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './build'

export const BENCHMARKS_DOC = join(ROOT, 'docs', 'benchmarks.md')

const markers = (suite: string) => [`<!-- bench:${suite}:start -->`, `<!-- bench:${suite}:end -->`] as const

/** The document with `suite`'s block replaced (or, the first time, added before the notes). */
export function withSuiteTable(doc: string, suite: string, stamp: string, tableText: string): string {
  const [start, end] = markers(suite)
  const block = `${start}\n${stamp}\n\n${tableText}\n${end}`
  const from = doc.indexOf(start)
  const to = doc.indexOf(end)
  if (from >= 0 && to > from) return doc.slice(0, from) + block + doc.slice(to + end.length)
  const notes = doc.indexOf('\n## Notes')
  return notes >= 0 ? `${doc.slice(0, notes)}\n${block}\n${doc.slice(notes)}` : `${doc.trimEnd()}\n\n${block}\n`
}

export function writeSuiteTable(path: string, suite: string, stamp: string, tableText: string): void {
  writeFileSync(path, withSuiteTable(readFileSync(path, 'utf8'), suite, stamp, tableText))
}
