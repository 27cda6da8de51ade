#!/usr/bin/env node
// Reads node's TAP output (stdin) and prints each failed test again with its error and what the test logged
// before failing (the browser tests log each open page's address and text), so the end of CI's output,
// which is what a reader of a failed run sees first, says what failed and how.
import { readFileSync } from 'node:fs'

const lines = readFileSync(0, 'utf8').split('\n')
let logged = []
const failures = []
for (let i = 0; i < lines.length; i++) {
  const line = lines[i]
  const result = /^(not ok|ok) \d+ - (.*)$/.exec(line)
  if (!result) {
    if (/^# (?!Subtest:)/.test(line)) logged.push(line)
    continue
  }
  if (result[1] === 'not ok') {
    const block = []
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) block.push(lines[j])
    const error = block.filter((l) => !/^\s*(---|duration_ms|location|failureType|code|stack|[^\s].*\(.*:\d+:\d+\))/.test(l))
    failures.push([`✗ ${result[2]}`, ...logged.map((l) => `  ${l}`), ...error.slice(0, 20)].join('\n'))
  }
  logged = []
}
if (failures.length > 0) console.log(`\n${failures.length} browser test(s) failed:\n\n${failures.join('\n\n')}`)
