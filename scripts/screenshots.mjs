#!/usr/bin/env node
// `npm run screenshots`: refreshes README's pictures on purpose. The browser tests write their screenshots to
// test-results/screenshots on every run; this runs them with docs/screenshots as the folder instead (after
// `npm run build:h5`, as `npm run test:e2e` needs), so a tracked picture changes only when someone asks.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', 'test/e2e/'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SCREENSHOTS_DIR: 'docs/screenshots' },
})
process.exit(run.status ?? 1)
